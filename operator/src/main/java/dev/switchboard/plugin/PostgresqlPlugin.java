package dev.switchboard.plugin;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.postgresql.Driver;

public class PostgresqlPlugin implements ConnectionPlugin {
  private static final Map<String, TestReason> BY_STATE =
      Map.of(
          "28P01", TestReason.AuthenticationFailed,
          "28000", TestReason.AuthenticationFailed,
          "3D000", TestReason.DatabaseNotFound,
          "42501", TestReason.PermissionDenied);

  @Override
  public String type() {
    return "postgresql";
  }

  @Override
  public int defaultPort() {
    return 5432;
  }

  @Override
  public Set<String> requiredCredentials() {
    return Set.of("username", "password");
  }

  @Override
  public Map<String, String> bindingData(Endpoint endpoint, Credentials credentials) {
    String sslmode =
        endpoint.parameters().getOrDefault("sslmode", endpoint.tls() ? "require" : null);
    return BindingData.common(endpoint, credentials)
        .put("sslmode", sslmode)
        .put("uri", BindingData.uri("postgresql", endpoint, credentials, endpoint.database()))
        .put(
            "jdbc-url",
            BindingData.jdbcUrl(
                "postgresql", endpoint, sslmode == null ? null : "sslmode=" + sslmode))
        .build();
  }

  @Override
  public String probe(ProbeTarget target) throws Exception {
    try (Connection c = connect(target, "switchboard-connection-test")) {
      return JdbcProbe.describe(c, target.timeoutSeconds());
    }
  }

  /**
   * A session with the target's credentials, TLS and timeouts; the provisioner works through one
   * too.
   */
  public Connection connect(ProbeTarget target, String applicationName) throws Exception {
    var props = JdbcProbe.credentials(target.credentials());
    String seconds = Integer.toString(target.timeoutSeconds());
    props.setProperty("connectTimeout", seconds);
    props.setProperty("socketTimeout", seconds);
    props.setProperty("ApplicationName", applicationName);
    TlsSettings tls = target.tls();
    Path rootCert = null;
    try {
      if (tls.enabled()) {
        if (tls.insecureSkipVerify()) {
          props.setProperty("sslmode", "require");
          props.setProperty("sslfactory", "org.postgresql.ssl.NonValidatingFactory");
        } else if (tls.caPem() != null) {
          rootCert =
              TempFiles.write(
                  "switchboard-ca", ".pem", tls.caPem().getBytes(StandardCharsets.US_ASCII));
          props.setProperty("sslmode", "verify-full");
          props.setProperty("sslrootcert", rootCert.toString());
        } else {
          props.setProperty("sslmode", "verify-full");
          props.setProperty("sslfactory", "org.postgresql.ssl.DefaultJavaSSLFactory");
        }
      } else {
        props.setProperty(
            "sslmode", target.endpoint().parameters().getOrDefault("sslmode", "prefer"));
      }
      Endpoint e = target.endpoint();
      String url =
          "jdbc:postgresql://"
              + e.host()
              + ":"
              + e.port()
              + "/"
              + (e.database() == null ? "" : e.database());
      return JdbcProbe.connect(new Driver(), url, props);
    } finally {
      TempFiles.delete(rootCert);
    }
  }

  @Override
  public Optional<Failure> classify(Throwable error, ProbeTarget target) {
    return JdbcProbe.classify(error, target, BY_STATE, Map.of());
  }
}
