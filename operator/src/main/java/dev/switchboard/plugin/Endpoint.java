package dev.switchboard.plugin;

import java.util.Map;

import dev.switchboard.api.v1alpha1.ConnectionSpec;

/**
 * A Connection's settings with defaults resolved (port from the plugin, empty maps instead of null): what plugins
 * build bound data from and test against.
 */
public record Endpoint(String type, String host, int port, String database, String url,
    Map<String, String> parameters, boolean tls) {

  public static Endpoint of(ConnectionSpec spec, ConnectionPlugin plugin) {
    int port = spec.getPort() != null ? spec.getPort() : plugin.defaultPort();
    boolean tls = spec.getTls() != null && Boolean.TRUE.equals(spec.getTls().getEnabled());
    return new Endpoint(spec.getType(), spec.getHost(), port, spec.getDatabase(), spec.getUrl(),
        spec.getParameters() == null ? Map.of() : Map.copyOf(spec.getParameters()), tls);
  }
}
