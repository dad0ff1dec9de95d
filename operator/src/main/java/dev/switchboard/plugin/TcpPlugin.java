package dev.switchboard.plugin;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.switchboard.api.v1alpha1.ConnectionSpec;

public class TcpPlugin implements ConnectionPlugin {
  @Override public String type() { return "tcp"; }
  @Override public int defaultPort() { return 0; }
  @Override public Set<String> requiredCredentials() { return Set.of(); }

  @Override
  public List<String> validate(ConnectionSpec spec) {
    return spec.getPort() == null ? List.of("type tcp needs spec.port") : List.of();
  }

  @Override
  public Map<String, String> bindingData(Endpoint endpoint, Credentials credentials) {
    return BindingData.common(endpoint, credentials)
        .put("uri", "tcp://" + endpoint.host() + ":" + endpoint.port())
        .build();
  }
}
