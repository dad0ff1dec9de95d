package dev.switchboard.plugin;

import com.mysql.cj.jdbc.Driver;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/** MySQL, tested with MySQL Connector/J. */
public class MysqlPlugin implements ConnectionPlugin {
  static final Map<Integer, TestReason> BY_CODE =
      Map.of(
          1045, TestReason.AuthenticationFailed,
          1698, TestReason.AuthenticationFailed,
          1044, TestReason.PermissionDenied,
          1049, TestReason.DatabaseNotFound);

  @Override
  public String type() {
    return "mysql";
  }

  @Override
  public int defaultPort() {
    return 3306;
  }

  @Override
  public Set<String> requiredCredentials() {
    return Set.of("username", "password");
  }

  /** The JDBC sub-protocol and URI scheme. */
  protected String scheme() {
    return "mysql";
  }

  @Override
  public Map<String, String> bindingData(Endpoint endpoint, Credentials credentials) {
    String query = endpoint.tls() ? "sslMode=REQUIRED" : null;
    return BindingData.common(endpoint, credentials)
        .put("type", bindingType())
        .put("uri", BindingData.uri(scheme(), endpoint, credentials, endpoint.database()))
        .put("jdbc-url", BindingData.jdbcUrl(scheme(), endpoint, query))
        .build();
  }

  @Override
  public String probe(ProbeTarget target) throws Exception {
    try (Connection c = connect(target)) {
      return JdbcProbe.describe(c, target.timeoutSeconds());
    }
  }

  /**
   * A session with the target's credentials, TLS and timeouts; the provisioner works through one
   * too.
   */
  public Connection connect(ProbeTarget target) throws Exception {
    Properties props = JdbcProbe.withMillisTimeouts(target);
    TlsSettings tls = target.tls();
    Path trustStore = null;
    char[] password = "switchboard".toCharArray();
    try {
      if (!tls.enabled()) {
        props.setProperty("sslMode", "PREFERRED");
      } else if (tls.insecureSkipVerify()) {
        props.setProperty("sslMode", "REQUIRED");
      } else {
        props.setProperty("sslMode", "VERIFY_IDENTITY");
        if (tls.caPem() != null) {
          trustStore = TempFiles.writeTrustStore(tls.trustStore(), password);
          props.setProperty("trustCertificateKeyStoreUrl", trustStore.toUri().toString());
          props.setProperty("trustCertificateKeyStoreType", "PKCS12");
          props.setProperty("trustCertificateKeyStorePassword", new String(password));
          props.setProperty("fallbackToSystemTrustStore", "false");
        }
      }
      return JdbcProbe.connect(
          new Driver(), BindingData.jdbcUrl("mysql", target.endpoint(), null), props);
    } finally {
      TempFiles.delete(trustStore);
    }
  }

  @Override
  public Optional<Failure> classify(Throwable error, ProbeTarget target) {
    return JdbcProbe.classify(error, target, Map.of(), BY_CODE);
  }
}
