package dev.switchboard.plugin;

import java.util.Map;
import java.util.Set;

public class PostgresqlPlugin implements ConnectionPlugin {
  @Override public String type() { return "postgresql"; }
  @Override public int defaultPort() { return 5432; }
  @Override public Set<String> requiredCredentials() { return Set.of("username", "password"); }

  @Override
  public Map<String, String> bindingData(Endpoint endpoint, Credentials credentials) {
    String sslmode = endpoint.parameters().getOrDefault("sslmode", endpoint.tls() ? "require" : null);
    return BindingData.common(endpoint, credentials)
        .put("sslmode", sslmode)
        .put("uri", BindingData.uri("postgresql", endpoint, credentials, endpoint.database()))
        .put("jdbc-url", BindingData.jdbcUrl("postgresql", endpoint, sslmode == null ? null : "sslmode=" + sslmode))
        .build();
  }
}
