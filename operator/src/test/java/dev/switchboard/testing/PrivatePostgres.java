package dev.switchboard.testing;

import dev.switchboard.apiserver.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A PostgreSQL instance of the tests' own (the machine's shared one trusts everybody, so it cannot
 * reject a password): scram-sha-256 authentication, TLS with a certificate from a test CA, on a
 * free port.
 */
public final class PrivatePostgres implements AutoCloseable {
  public static final String USER = "app";
  public static final String DATABASE = "appdb";

  private final Path dir;
  private final Path bin;
  private final int port;
  private final String password;
  private final TestCertificates.ServerCertificate certificate;

  public PrivatePostgres(String password) {
    this.password = password;
    this.port = Processes.freePort();
    this.certificate = TestCertificates.server(TestCertificates.authority("postgres test CA"));
    try {
      this.bin = binDir();
      this.dir = Files.createTempDirectory("switchboard-pg");
      Path data = dir.resolve("data");
      certificate.writeTo(dir);
      Files.writeString(dir.resolve("pwfile"), "superpass\n");
      if (Processes.isRoot()) {
        Processes.run(Duration.ofSeconds(10), "chown", "-R", "postgres:postgres", dir.toString());
        Processes.run(Duration.ofSeconds(10), "chmod", "700", dir.toString());
      }
      Processes.run(Duration.ofSeconds(10), "chmod", "600", dir.resolve("key.pem").toString());
      Processes.run(
          Duration.ofSeconds(60),
          Processes.as(
              "postgres",
              bin.resolve("initdb").toString(),
              "-D",
              data.toString(),
              "-U",
              "postgres",
              "--auth=scram-sha-256",
              "--pwfile=" + dir.resolve("pwfile"),
              "-E",
              "UTF8",
              "--no-sync"));
      start();
      try (var c = superuser();
          var st = c.createStatement()) {
        st.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + password.replace("'", "''") + "'");
        st.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
        st.execute("CREATE DATABASE locked");
        st.execute("REVOKE CONNECT ON DATABASE locked FROM PUBLIC");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Starts the server (again, after {@link #stop()}), waiting until it accepts connections. */
  public void start() {
    Processes.run(
        Duration.ofSeconds(60),
        Processes.as(
            "postgres",
            bin.resolve("pg_ctl").toString(),
            "-D",
            dir.resolve("data").toString(),
            "-w",
            "-t",
            "30",
            "-l",
            dir.resolve("log").toString(),
            "-o",
            "-c port="
                + port
                + " -c listen_addresses=127.0.0.1 -c unix_socket_directories="
                + dir
                + " -c ssl=on -c ssl_cert_file="
                + dir.resolve("cert.pem")
                + " -c ssl_key_file="
                + dir.resolve("key.pem")
                + " -c fsync=off",
            "start"));
  }

  /**
   * Stops the server at once, as an outage would; {@link #start()} brings it back with its data.
   */
  public void stop() {
    Processes.run(
        Duration.ofSeconds(30),
        Processes.as(
            "postgres",
            bin.resolve("pg_ctl").toString(),
            "-D",
            dir.resolve("data").toString(),
            "-m",
            "immediate",
            "stop"));
  }

  /** A session of the superuser, for a test's own set-up and checks. */
  public Connection superuser() throws SQLException {
    Properties su = new Properties();
    su.setProperty("user", "postgres");
    su.setProperty("password", "superpass");
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", su);
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

  private static Path binDir() throws IOException {
    try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")))
          .max(Comparator.naturalOrder())
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "No PostgreSQL server binaries under /usr/lib/postgresql"));
    }
  }

  @Override
  public void close() {
    try {
      stop();
    } catch (RuntimeException alreadyStopped) {
      // A test that stopped the server may end before starting it again.
    } finally {
      Processes.run(Duration.ofSeconds(30), "rm", "-rf", dir.toString());
    }
  }
}
