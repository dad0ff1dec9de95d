package dev.switchboard.plugin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** Builds the keys every Service Binding Secret shares; plugins add their own on top. */
public final class BindingData {
  public static final String PROVIDER = "switchboard";

  private final Map<String, String> data = new TreeMap<>();

  private BindingData() {}

  /**
   * The Connection's parameters first, so that the keys Switchboard defines always win over a
   * parameter of the same name.
   */
  public static BindingData common(Endpoint endpoint, Credentials credentials) {
    BindingData d = new BindingData();
    endpoint.parameters().forEach(d::put);
    d.put("type", endpoint.type());
    d.put("provider", PROVIDER);
    d.put("host", endpoint.host());
    if (endpoint.port() > 0) {
      d.put("port", Integer.toString(endpoint.port()));
    }
    d.put("database", endpoint.database());
    d.put("username", credentials.username());
    d.put("password", credentials.password());
    return d;
  }

  public BindingData put(String key, String value) {
    if (value != null) {
      data.put(key, value);
    }
    return this;
  }

  public Map<String, String> build() {
    return Map.copyOf(data);
  }

  /** {@code scheme://[user[:password]@]host[:port][/path]} with the user info percent-encoded. */
  public static String uri(String scheme, Endpoint endpoint, Credentials credentials, String path) {
    StringBuilder b = new StringBuilder(scheme).append("://");
    if (credentials.username() != null || credentials.password() != null) {
      if (credentials.username() != null) {
        b.append(encode(credentials.username()));
      }
      if (credentials.password() != null) {
        b.append(':').append(encode(credentials.password()));
      }
      b.append('@');
    }
    b.append(hostForUri(endpoint.host()));
    if (endpoint.port() > 0) {
      b.append(':').append(endpoint.port());
    }
    if (path != null && !path.isEmpty()) {
      b.append('/').append(path);
    }
    return b.toString();
  }

  /**
   * {@code jdbc:<subprotocol>://host:port/database}, without credentials: JDBC consumers read those
   * separately.
   */
  public static String jdbcUrl(String subprotocol, Endpoint endpoint, String query) {
    StringBuilder b =
        new StringBuilder("jdbc:")
            .append(subprotocol)
            .append("://")
            .append(hostForUri(endpoint.host()))
            .append(':')
            .append(endpoint.port())
            .append('/');
    if (endpoint.database() != null) {
      b.append(endpoint.database());
    }
    if (query != null && !query.isEmpty()) {
      b.append('?').append(query);
    }
    return b.toString();
  }

  private static String hostForUri(String host) {
    return host != null && host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  /** Percent-encoding for a URI component (a space is %20, not +). */
  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
