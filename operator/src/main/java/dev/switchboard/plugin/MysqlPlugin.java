package dev.switchboard.plugin;

import java.util.Map;
import java.util.Set;

public class MysqlPlugin implements ConnectionPlugin {
  @Override public String type() { return "mysql"; }
  @Override public int defaultPort() { return 3306; }
  @Override public Set<String> requiredCredentials() { return Set.of("username", "password"); }

  /** The JDBC sub-protocol and URI scheme; MariaDB differs only here. */
  protected String scheme() { return "mysql"; }

  @Override
  public Map<String, String> bindingData(Endpoint endpoint, Credentials credentials) {
    String query = endpoint.tls() ? "sslMode=REQUIRED" : null;
    return BindingData.common(endpoint, credentials)
        .put("uri", BindingData.uri(scheme(), endpoint, credentials, endpoint.database()))
        .put("jdbc-url", BindingData.jdbcUrl(scheme(), endpoint, query))
        .build();
  }
}
