package dev.switchboard.playground;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.apiserver.Kubectl;
import dev.switchboard.apiserver.Processes;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

  /** The repository, whose README and examples a user works from. */
  private static final Path ROOT = Path.of(System.getProperty("switchboard.projectRoot", ".."));

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
  void theReadmeQuickstartAsPrintedTurnsReadyAndKubectlWorksAsOnACluster() throws Exception {
    assertThat(Playground.answers(Playground.POSTGRES_HOST, Playground.POSTGRES_PORT))
        .as("this test needs the PostgreSQL on 127.0.0.1:5432 that the real-server tests use")
        .isTrue();
    Path kubeconfig = dir.resolve("kubeconfig");
    Path out = start("--kubeconfig-out", kubeconfig.toString(), "--http-port", "0");
    String banner = awaitBanner(out);
    assertThat(banner)
        .contains(
            "It is not a cluster",
            "export KUBECONFIG=" + kubeconfig,
            "kubectl apply -f examples/quickstart.yaml");

    // The README's Quickstart, line by line, as a user pastes it into a shell.
    List<String> quickstart = readmeQuickstart();
    assertThat(quickstart).hasSize(5);
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("KUBECONFIG", kubeconfig.toString());
    String last = "";
    for (String line : quickstart) {
      var ran = Processes.execute(Duration.ofMinutes(3), List.of("bash", "-c", cdRoot(line)), env);
      assertThat(ran.exitCode()).as(line + "\n" + ran.err()).isZero();
      assertThat(ran.err()).as(line).isEmpty();
      last = ran.out();
    }
    assertThat(last).isEqualTo("jdbc:postgresql://orders-db.platform.svc:5432/postgres");

    var kubectl = new Kubectl(kubeconfig);
    // Built-in kinds kubectl sends as protobuf; a server-side dry run stores nothing.
    kubectl
        .run("create", "secret", "generic", "taken", "-n", "team-a", "--from-literal=a=b")
        .orFail();
    kubectl.run("create", "serviceaccount", "reporting", "-n", "team-a").orFail();
    assertThat(
            kubectl
                .run("delete", "sa", "reporting", "-n", "team-a", "--dry-run=server")
                .orFail()
                .out())
        .contains("(server dry run)");
    kubectl.run("get", "sa", "reporting", "-n", "team-a").orFail();
    // The binding's subjects read its Secret, and nobody else does.
    String subject = "system:serviceaccount:team-a:orders-api";
    assertThat(
            kubectl
                .run("auth", "can-i", "get", "secret/orders-db", "-n", "team-a", "--as=" + subject)
                .out()
                .strip())
        .isEqualTo("yes");
    assertThat(
            kubectl
                .run(
                    "auth",
                    "can-i",
                    "get",
                    "secret/orders-db",
                    "-n",
                    "team-a",
                    "--as=system:serviceaccount:team-a:reporting")
                .out()
                .strip())
        .isEqualTo("no");
    assertThat(
            kubectl
                .run("get", "secret", "orders-db", "-n", "team-a", "--as=" + subject)
                .orFail()
                .out())
        .contains("orders-db");
    // A binding whose Secret name is taken says so, and describe shows the Event.
    Path conflicting =
        Files.writeString(
            dir.resolve("taken.yaml"),
            "apiVersion: switchboard.dev/v1alpha1\nkind: WorkspaceBinding\n"
                + "metadata: {name: taken, namespace: team-a}\n"
                + "spec: {connectionRef: {name: orders-db, namespace: platform}}\n");
    kubectl.run("apply", "-f", conflicting.toString()).orFail();
    kubectl
        .run(
            "wait",
            "--for=jsonpath={.status.conditions[?(@.type==\"Ready\")].reason}=SecretConflict",
            "wb/taken",
            "-n",
            "team-a",
            "--timeout=60s")
        .orFail();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(eventsOf(kubectl.run("describe", "wb", "taken", "-n", "team-a")))
                    .contains("Warning", "SecretConflict", "already exists"));

    // Ctrl-C stops it.
    Process playground = started.get(started.size() - 1);
    new ProcessBuilder("kill", "-INT", Long.toString(playground.pid())).start().waitFor();
    assertThat(playground.waitFor(5, TimeUnit.SECONDS)).as("stopped within 5 s").isTrue();
  }

  @Test
  void theUsersItMadeAtADatabaseAreDroppedWhenItStops() throws Exception {
    Path kubeconfig = dir.resolve("kubeconfig");
    Path out = start("--kubeconfig-out", kubeconfig.toString(), "--http-port", "0");
    awaitBanner(out);
    var kubectl = new Kubectl(kubeconfig);
    Path perBinding =
        Files.writeString(
            dir.resolve("per-binding.yaml"),
            """
            apiVersion: v1
            kind: Namespace
            metadata: {name: platform}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: team-a}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: provisioner, namespace: platform}
            stringData: {username: postgres, password: unused}
            ---
            apiVersion: switchboard.dev/v1alpha1
            kind: Connection
            metadata: {name: reports, namespace: platform}
            spec:
              type: postgresql
              host: 127.0.0.1
              database: postgres
              credentials: {secretRef: {name: provisioner}}
              provisioning: {mode: PerBinding, roles: [pg_read_all_data]}
              access: {namespaces: [team-a]}
            ---
            apiVersion: switchboard.dev/v1alpha1
            kind: WorkspaceBinding
            metadata: {name: reports, namespace: team-a}
            spec: {connectionRef: {name: reports, namespace: platform}}
            """);
    kubectl.run("apply", "-f", perBinding.toString()).orFail();
    kubectl
        .run("wait", "--for=condition=Ready", "wb/reports", "-n", "team-a", "--timeout=60s")
        .orFail();
    String user =
        kubectl
            .run("get", "wb", "reports", "-n", "team-a", "-o", "jsonpath={.status.provisionedUser}")
            .orFail()
            .out();
    assertThat(user).startsWith("sb_");
    assertThat(roleExists(user)).isTrue();

    Process playground = started.get(started.size() - 1);
    new ProcessBuilder("kill", "-INT", Long.toString(playground.pid())).start().waitFor();
    assertThat(playground.waitFor(5, TimeUnit.SECONDS)).as("stopped within 5 s").isTrue();
    assertThat(roleExists(user)).as("the user it made is dropped").isFalse();
  }

  private static boolean roleExists(String role) throws Exception {
    try (Connection db =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "unused");
        PreparedStatement query = db.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
      query.setString(1, role);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next();
      }
    }
  }

  /** What kubectl describe lists under Events. */
  private static String eventsOf(Kubectl.Result described) {
    String out = described.orFail().out();
    return out.substring(out.indexOf("\nEvents:"));
  }

  /** The commands of the README's Quickstart section, one per line. */
  private static List<String> readmeQuickstart() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    String section = readme.substring(readme.indexOf("## Quickstart"));
    String block = section.substring(section.indexOf("```bash") + "```bash".length());
    block = block.substring(0, block.indexOf("```"));
    return block.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }

  private static String cdRoot(String line) {
    return "cd '" + ROOT.toAbsolutePath() + "' && " + line;
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
