package dev.switchboard.plugin;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.mariadb.jdbc.Driver;

/** MariaDB: the MySQL wire protocol and error codes, tested with MariaDB Connector/J. */
public class MariadbPlugin extends MysqlPlugin {
  @Override
  public String type() {
    return "mariadb";
  }

  @Override
  protected String scheme() {
    return "mariadb";
  }

  /**
   * Spring Cloud Bindings and Quarkus know MariaDB only as Service Binding type {@code mysql}
   * (Quarkus' MariaDB extension matches "mysql" and builds a jdbc:mariadb URL), so the bound data
   * says mysql; the jdbc-url names the MariaDB driver.
   */
  @Override
  public String bindingType() {
    return "mysql";
  }

  @Override
  public Connection connect(ProbeTarget target) throws Exception {
    Properties props = JdbcProbe.withMillisTimeouts(target);
    TlsSettings tls = target.tls();
    Path caFile = null;
    try {
      if (!tls.enabled()) {
        props.setProperty("sslMode", "disable");
      } else if (tls.insecureSkipVerify()) {
        props.setProperty("sslMode", "trust");
      } else {
        props.setProperty("sslMode", "verify-full");
        if (tls.caPem() != null) {
          caFile =
              TempFiles.write(
                  "switchboard-ca", ".pem", tls.caPem().getBytes(StandardCharsets.US_ASCII));
          props.setProperty("serverSslCert", caFile.toString());
        }
      }
      return JdbcProbe.connect(
          new Driver(), BindingData.jdbcUrl("mariadb", target.endpoint(), null), props);
    } finally {
      TempFiles.delete(caFile);
    }
  }

  /**
   * MariaDB Connector/J checks the server certificate itself and reports a failure as a plain
   * connection error (SQLState 08000) with no TLS exception behind it; its words are the only sign,
   * and they are not shown.
   */
  @Override
  public Optional<Failure> classify(Throwable error, ProbeTarget target) {
    Optional<Failure> byCode = super.classify(error, target);
    if (byCode.isPresent()) {
      return byCode;
    }
    for (Throwable t : Throwables.chain(error)) {
      if (t instanceof SQLException && t.getMessage() != null) {
        String text = t.getMessage().toLowerCase(Locale.ROOT);
        if (text.contains("certificate") || text.contains("ssl") || text.contains("tls")) {
          return Optional.of(
              new Failure(
                  TestReason.TLSHandshakeFailed,
                  "TLS handshake with "
                      + target.address()
                      + " failed: the server's certificate is not trusted"));
        }
      }
    }
    return Optional.empty();
  }
}
