package dev.switchboard.plugin;

import dev.switchboard.api.v1alpha1.ConnectionSpec;
import java.net.URI;
import java.util.Map;

/**
 * A Connection's settings with defaults resolved (port from the plugin, empty maps instead of
 * null): what plugins build bound data from and test against.
 */
public record Endpoint(
    String type,
    String host,
    int port,
    String database,
    String url,
    Map<String, String> parameters,
    boolean tls) {

  /** The same endpoint with its host as the aliases reach it (URL-based types keep their URL). */
  public Endpoint reachedThrough(HostAliases aliases) {
    if (host == null || url != null) {
      return this;
    }
    String reached = aliases.reach(host);
    return reached.equals(host)
        ? this
        : new Endpoint(type, reached, port, database, url, parameters, tls);
  }

  /** For URL-based types (http) host, port and TLS come from the URL when not given. */
  public static Endpoint of(ConnectionSpec spec, ConnectionPlugin plugin) {
    String host = spec.getHost();
    boolean tls = spec.getTls() != null && Boolean.TRUE.equals(spec.getTls().getEnabled());
    int port = spec.getPort() != null ? spec.getPort() : plugin.defaultPort(tls);
    if (host == null && spec.getUrl() != null) {
      URI uri = URI.create(spec.getUrl());
      boolean https = "https".equalsIgnoreCase(uri.getScheme());
      host = uri.getHost();
      port = uri.getPort() > 0 ? uri.getPort() : (https ? 443 : 80);
      tls = tls || https;
    }
    return new Endpoint(
        spec.getType(),
        host,
        port,
        spec.getDatabase(),
        spec.getUrl(),
        spec.getParameters() == null ? Map.of() : Map.copyOf(spec.getParameters()),
        tls);
  }
}
