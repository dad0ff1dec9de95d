package dev.switchboard.testing;

import dev.switchboard.apiserver.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A redis-server of the tests' own on free ports: a default-user password, an ACL user, and a TLS
 * port with a certificate from a test CA.
 */
public final class PrivateRedis implements AutoCloseable {
  public static final String ACL_USER = "app";

  private final Path dir;
  private final int port;
  private final int tlsPort;
  private final String password;
  private final TestCertificates.ServerCertificate certificate;
  private final Path conf;
  private Process process;

  public PrivateRedis(String password) {
    this.password = password;
    this.port = Processes.freePort();
    this.tlsPort = Processes.freePort();
    this.certificate = TestCertificates.server(TestCertificates.authority("redis test CA"));
    try {
      dir = Files.createTempDirectory("switchboard-redis");
      certificate.writeTo(dir);
      conf = dir.resolve("redis.conf");
      Files.writeString(
          conf,
          String.join(
              "\n",
              "bind 127.0.0.1",
              "port " + port,
              "tls-port " + tlsPort,
              "tls-cert-file " + dir.resolve("cert.pem"),
              "tls-key-file " + dir.resolve("key.pem"),
              "tls-ca-cert-file " + dir.resolve("ca.pem"),
              "tls-auth-clients no",
              "save \"\"",
              "appendonly no",
              "dir " + dir,
              "requirepass " + quoted(password),
              "user " + ACL_USER + " on " + quoted(">" + password) + " ~* +@all",
              ""));
      start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String quoted(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /**
   * Starts the server (again, after {@link #stop()}); it keeps nothing on disk, so ACL users made
   * since are gone.
   */
  public void start() {
    try {
      process =
          new ProcessBuilder("redis-server", conf.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("log").toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Processes.awaitPort(port, Duration.ofSeconds(10));
    Processes.awaitPort(tlsPort, Duration.ofSeconds(10));
  }

  /** Stops the server, as an outage would. */
  public void stop() {
    Processes.halt(process);
  }

  public int port() {
    return port;
  }

  public int tlsPort() {
    return tlsPort;
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
