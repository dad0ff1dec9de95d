package dev.switchboard.playground;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.testing.Kubectl;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The README's run command: the built playground jar, started as a process, driven with the real
 * kubectl.
 */
@Tag("realserver")
class PlaygroundIT {
  private static final Path JAR =
      Path.of(System.getProperty("switchboard.playgroundJar", "target/switchboard-playground.jar"));

  @TempDir Path dir;
  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void stop() throws InterruptedException {
    for (Process p : started) {
      p.destroy();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  @Test
  void theQuickstartTurnsReadyWithKubectlAgainstThePlayground() throws Exception {
    assertThat(Playground.answers(Playground.POSTGRES_HOST, Playground.POSTGRES_PORT))
        .as("this test needs the PostgreSQL on 127.0.0.1:5432 that the real-server tests use")
        .isTrue();
    Path kubeconfig = dir.resolve("kubeconfig");
    Path out =
        start("--kubeconfig-out", kubeconfig.toString(), "--http-port", "0", "--apply-quickstart");

    String banner = awaitBanner(out);
    assertThat(banner)
        .contains(
            "It is not a cluster",
            "export KUBECONFIG=" + kubeconfig,
            "examples/quickstart.yaml is applied, its Connection pointed at the PostgreSQL on 127.0.0.1:5432");

    var kubectl = new Kubectl(kubeconfig);
    kubectl
        .run("wait", "--for=condition=Ready", "conn/orders-db", "-n", "platform", "--timeout=60s")
        .orFail();
    kubectl
        .run("wait", "--for=condition=Ready", "wb/orders-db", "-n", "team-a", "--timeout=60s")
        .orFail();
    String url =
        kubectl
            .run("get", "secret", "orders-db", "-n", "team-a", "-o", "jsonpath={.data.jdbc-url}")
            .orFail()
            .out();
    assertThat(new String(Base64.getDecoder().decode(url), StandardCharsets.UTF_8))
        .isEqualTo("jdbc:postgresql://127.0.0.1:5432/postgres");
  }

  @ParameterizedTest
  @ValueSource(strings = {"INT", "TERM"})
  void ctrlCAndSigtermStopItWithinFiveSecondsAndItLeavesNoFiles(String signal) throws Exception {
    Path kubeconfig = dir.resolve("kubeconfig");
    Path out = start("--kubeconfig-out", kubeconfig.toString(), "--http-port", "0");
    awaitBanner(out);
    Process playground = started.get(started.size() - 1);
    assertThat(kubeconfig).exists();

    new ProcessBuilder("kill", "-" + signal, Long.toString(playground.pid())).start().waitFor();

    assertThat(playground.waitFor(5, TimeUnit.SECONDS)).as("stopped within 5 s").isTrue();
    assertThat(kubeconfig).as("its kubeconfig is removed").doesNotExist();
  }

  @Test
  void aBusyPortIsOneLineThatNamesTheOption() throws Exception {
    try (ServerSocket busy = new ServerSocket(0)) {
      Process p =
          new ProcessBuilder(
                  javaCommand(
                      "--kubeconfig-out",
                      dir.resolve("k").toString(),
                      "--http-port",
                      String.valueOf(busy.getLocalPort())))
              .redirectErrorStream(false)
              .start();
      started.add(p);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("exits").isTrue();
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      assertThat(p.exitValue()).isEqualTo(1);
      assertThat(err.lines().toList())
          .singleElement()
          .asString()
          .isEqualTo(
              "switchboard-playground: port "
                  + busy.getLocalPort()
                  + " is in use: pass another with --http-port (0 picks a free one)");
    }
  }

  private Path start(String... args) throws IOException {
    Path out = dir.resolve("out-" + started.size() + ".txt");
    Process p =
        new ProcessBuilder(javaCommand(args))
            .redirectOutput(out.toFile())
            .redirectError(dir.resolve("err-" + started.size() + ".txt").toFile())
            .start();
    started.add(p);
    return out;
  }

  private static List<String> javaCommand(String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toString()));
    command.addAll(List.of(args));
    return command;
  }

  private static String awaitBanner(Path out) {
    return await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> Files.exists(out) ? Files.readString(out) : "",
            text -> text.contains("kubectl get conn,wb -A"));
  }
}
