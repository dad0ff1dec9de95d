package dev.switchboard.testing;

import dev.switchboard.apiserver.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.mariadb.jdbc.Driver;

/**
 * A MariaDB server of the tests' own: a user with a password, a database it may use and one it may
 * not, and TLS with a certificate from a test CA (the machine's shared server has TLS off).
 */
public final class PrivateMariadb implements AutoCloseable {
  public static final String USER = "app";
  public static final String DATABASE = "appdb";

  private final Path dir;
  private final int port;
  private final String password;
  private final TestCertificates.ServerCertificate certificate;
  private final List<String> command;
  private Process process;

  public PrivateMariadb(String password) {
    this.password = password;
    this.port = Processes.freePort();
    this.certificate = TestCertificates.server(TestCertificates.authority("mariadb test CA"));
    try {
      dir = Files.createTempDirectory("switchboard-mariadb");
      certificate.writeTo(dir);
      Path data = dir.resolve("data");
      String user = Processes.isRoot() ? "root" : System.getProperty("user.name");
      Processes.run(
          Duration.ofSeconds(60),
          "mariadb-install-db",
          "--no-defaults",
          "--datadir=" + data,
          "--user=" + user,
          "--auth-root-authentication-method=normal",
          "--skip-test-db");
      command =
          List.of(
              "mariadbd",
              "--no-defaults",
              "--datadir=" + data,
              "--port=" + port,
              "--bind-address=127.0.0.1",
              "--socket=" + dir.resolve("sock"),
              "--user=" + user,
              "--pid-file=" + dir.resolve("pid"),
              "--skip-log-bin",
              "--innodb-buffer-pool-size=16M",
              "--ssl-cert=" + dir.resolve("cert.pem"),
              "--ssl-key=" + dir.resolve("key.pem"),
              "--ssl-ca=" + dir.resolve("ca.pem"));
      start();
      try (var c = root();
          var st = c.createStatement()) {
        st.execute("CREATE DATABASE " + DATABASE);
        st.execute("CREATE DATABASE locked");
        st.execute(
            "CREATE USER '" + USER + "'@'%' IDENTIFIED BY '" + password.replace("'", "''") + "'");
        st.execute("GRANT ALL ON " + DATABASE + ".* TO '" + USER + "'@'%'");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Starts the server (again, after {@link #stop()}), waiting until it accepts connections. */
  public void start() {
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("log").toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Processes.awaitPort(port, Duration.ofSeconds(30));
  }

  /** Stops the server, as an outage would; {@link #start()} brings it back with its data. */
  public void stop() {
    Processes.halt(process);
  }

  /** A session of root, for a test's own set-up and checks. */
  public Connection root() throws SQLException {
    Properties root = new Properties();
    root.setProperty("user", "root");
    root.setProperty("password", "");
    return new Driver().connect("jdbc:mariadb://127.0.0.1:" + port + "/", root);
  }

  public int port() {
    return port;
  }

  public String password() {
    return password;
  }

  public String caPem() {
    return certificate.issuer().pem();
  }

  @Override
  public void close() {
    Processes.stop(process, dir);
  }
}
