package dev.switchboard.testing;

import dev.switchboard.apiserver.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A nats-server of the tests' own on a free port: user and password, or a token, and optionally
 * TLS.
 */
public final class PrivateNats implements AutoCloseable {
  public static final String USER = "app";

  private final Path dir;
  private final int port;
  private final Process process;
  private final TestCertificates.ServerCertificate certificate;

  private PrivateNats(List<String> auth, boolean tls) {
    this.port = Processes.freePort();
    this.certificate = TestCertificates.server(TestCertificates.authority("nats test CA"));
    try {
      dir = Files.createTempDirectory("switchboard-nats");
      List<String> command =
          new ArrayList<>(List.of("nats-server", "-a", "127.0.0.1", "-p", String.valueOf(port)));
      command.addAll(auth);
      if (tls) {
        certificate.writeTo(dir);
        command.addAll(
            List.of(
                "--tls",
                "--tlscert",
                dir.resolve("cert.pem").toString(),
                "--tlskey",
                dir.resolve("key.pem").toString()));
      }
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("log").toFile())
              .start();
      Processes.awaitPort(port, Duration.ofSeconds(10));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static PrivateNats withPassword(String password, boolean tls) {
    return new PrivateNats(List.of("--user", USER, "--pass", password), tls);
  }

  public static PrivateNats withToken(String token) {
    return new PrivateNats(List.of("--auth", token), false);
  }

  public int port() {
    return port;
  }

  public String caPem() {
    return certificate.issuer().pem();
  }

  @Override
  public void close() {
    Processes.stop(process, dir);
  }
}
