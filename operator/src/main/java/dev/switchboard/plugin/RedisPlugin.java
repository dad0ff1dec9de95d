package dev.switchboard.plugin;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.switchboard.api.v1alpha1.ConnectionSpec;

public class RedisPlugin implements ConnectionPlugin {
  @Override public String type() { return "redis"; }
  @Override public int defaultPort() { return 6379; }
  @Override public Set<String> requiredCredentials() { return Set.of(); }

  @Override
  public List<String> validate(ConnectionSpec spec) {
    if (spec.getDatabase() != null && !spec.getDatabase().matches("[0-9]{1,5}")) {
      return List.of("spec.database must be a Redis database number for type redis");
    }
    return List.of();
  }

  @Override
  public Map<String, String> bindingData(Endpoint endpoint, Credentials credentials) {
    String url = BindingData.uri(endpoint.tls() ? "rediss" : "redis", endpoint, credentials, endpoint.database());
    return BindingData.common(endpoint, credentials)
        .put("ssl", endpoint.tls() ? "true" : null)
        .put("uri", url)
        .put("url", url)
        .build();
  }
}
