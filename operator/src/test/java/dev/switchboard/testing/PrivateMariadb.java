package dev.switchboard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import org.mariadb.jdbc.Driver;

/**
 * A MariaDB server of the tests' own: a user with a password, a database it may use and one it may not, and TLS
 * with a certificate from a test CA (the machine's shared server has TLS off).
 */
public final class PrivateMariadb implements AutoCloseable {
  public static final String USER = "app";
  public static final String DATABASE = "appdb";

  private final Path dir;
  private final int port;
  private final String password;
  private final TestCertificates.ServerCertificate certificate;
  private final Process process;

  public PrivateMariadb(String password) {
    this.password = password;
    this.port = Processes.freePort();
    this.certificate = TestCertificates.server(TestCertificates.authority("mariadb test CA"));
    try {
      dir = Files.createTempDirectory("switchboard-mariadb");
      certificate.writeTo(dir);
      Path data = dir.resolve("data");
      String user = Processes.isRoot() ? "root" : System.getProperty("user.name");
      Processes.run(Duration.ofSeconds(60), "mariadb-install-db", "--no-defaults", "--datadir=" + data,
          "--user=" + user, "--auth-root-authentication-method=normal", "--skip-test-db");
      process = new ProcessBuilder("mariadbd", "--no-defaults", "--datadir=" + data, "--port=" + port,
          "--bind-address=127.0.0.1", "--socket=" + dir.resolve("sock"), "--user=" + user,
          "--pid-file=" + dir.resolve("pid"), "--skip-log-bin", "--innodb-buffer-pool-size=16M",
          "--ssl-cert=" + dir.resolve("cert.pem"), "--ssl-key=" + dir.resolve("key.pem"),
          "--ssl-ca=" + dir.resolve("ca.pem"))
          .redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
      Processes.awaitPort(port, Duration.ofSeconds(30));
      Properties root = new Properties();
      root.setProperty("user", "root");
      root.setProperty("password", "");
      try (var c = new Driver().connect("jdbc:mariadb://127.0.0.1:" + port + "/", root);
          var st = c.createStatement()) {
        st.execute("CREATE DATABASE " + DATABASE);
        st.execute("CREATE DATABASE locked");
        st.execute("CREATE USER '" + USER + "'@'%' IDENTIFIED BY '" + password.replace("'", "''") + "'");
        st.execute("GRANT ALL ON " + DATABASE + ".* TO '" + USER + "'@'%'");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public int port() { return port; }
  public String password() { return password; }
  public String caPem() { return certificate.issuer().pem(); }

  @Override
  public void close() {
    Processes.stop(process, dir);
  }
}
