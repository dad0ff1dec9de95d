package dev.switchboard.testing;

import dev.switchboard.apiserver.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A mosquitto of the tests' own on free ports: no anonymous clients, one user from a password file,
 * and a TLS listener with a certificate from a test CA.
 */
public final class PrivateMosquitto implements AutoCloseable {
  public static final String USER = "app";

  private final Path dir;
  private final int port;
  private final int tlsPort;
  private final Process process;
  private final TestCertificates.ServerCertificate certificate;

  public PrivateMosquitto(String password) {
    this.port = Processes.freePort();
    this.tlsPort = Processes.freePort();
    this.certificate = TestCertificates.server(TestCertificates.authority("mosquitto test CA"));
    try {
      dir = Files.createTempDirectory("switchboard-mosquitto");
      certificate.writeTo(dir);
      Path passwords = dir.resolve("passwords");
      Files.writeString(passwords, "");
      Processes.run(
          Duration.ofSeconds(10), "mosquitto_passwd", "-b", passwords.toString(), USER, password);
      Path conf = dir.resolve("mosquitto.conf");
      Files.writeString(
          conf,
          String.join(
              "\n",
              // Run as whoever starts it: as root it would otherwise switch to a user that cannot
              // read these files.
              Processes.isRoot() ? "user root" : "",
              "allow_anonymous false",
              "password_file " + passwords,
              "listener " + port + " 127.0.0.1",
              "listener " + tlsPort + " 127.0.0.1",
              "certfile " + dir.resolve("cert.pem"),
              "keyfile " + dir.resolve("key.pem"),
              ""));
      process =
          new ProcessBuilder("mosquitto", "-c", conf.toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("log").toFile())
              .start();
      Processes.awaitPort(port, Duration.ofSeconds(10));
      Processes.awaitPort(tlsPort, Duration.ofSeconds(10));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return port;
  }

  public int tlsPort() {
    return tlsPort;
  }

  public String caPem() {
    return certificate.issuer().pem();
  }

  @Override
  public void close() {
    Processes.stop(process, dir);
  }
}
