package dev.switchboard.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.apiserver.Profile;
import dev.switchboard.apiserver.StrictApiServer;
import dev.switchboard.testing.ApiServerTest;
import dev.switchboard.testing.Crds;
import dev.switchboard.testing.StrictClusters;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator started as a process, as a user starts the jar: what keeps it from starting is one
 * line on stderr that names the fix, and the process ends; never a stack trace, never a wait.
 */
@ApiServerTest
class OperatorStartupMockServerTest {
  @TempDir Path home;

  /** What the process printed, and how it ended. */
  private record Run(int exitCode, String out, String err) {
    List<String> errLines() {
      return err.lines().filter(l -> !l.isBlank()).toList();
    }
  }

  private Run operator(Map<String, String> env, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.switchboard.Main"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder
        .environment()
        .keySet()
        .removeIf(k -> k.startsWith("KUBE") || k.startsWith("SWITCHBOARD"));
    builder.environment().put("HOME", home.toString());
    builder.environment().putAll(env);
    Path out = Files.createTempFile(home, "out", ".txt");
    Path err = Files.createTempFile(home, "err", ".txt");
    Process p = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    boolean ended = p.waitFor(30, TimeUnit.SECONDS);
    if (!ended) {
      p.destroyForcibly().waitFor();
    }
    return new Run(ended ? p.exitValue() : -1, Files.readString(out), Files.readString(err));
  }

  private static String oneLine(Run run, String expected) {
    assertThat(run.exitCode()).as("the process ends with an error").isEqualTo(1);
    assertThat(run.errLines())
        .as("stderr")
        .singleElement()
        .asString()
        .startsWith("switchboard-operator: ")
        .contains(expected);
    assertThat(run.out() + run.err()).doesNotContain("Exception", "\tat ");
    return run.errLines().get(0);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void withoutAnyClusterItSaysSoInOneLine() throws Exception {
    String line = oneLine(operator(Map.of()), "No cluster to run against: there is no kubeconfig");
    assertThat(line)
        .as("points to the playground")
        .contains("java -jar playground/target/switchboard-playground.jar");
  }

  @Test
  void anUnreachableServerIsNamedWithItsUrl() throws Exception {
    int port = freePort();
    Path kubeconfig =
        StrictApiServer.writeKubeconfig(home.resolve("config"), "https://127.0.0.1:" + port);
    oneLine(
        operator(Map.of(), "--kubeconfig=" + kubeconfig),
        "Cannot reach the Kubernetes API server at " + "https://127.0.0.1:" + port);
  }

  @Test
  void missingCrdsNameTheCommandThatInstallsThem() throws Exception {
    try (var cluster = StrictClusters.strict(Profile.KUBERNETES)) {
      for (String crd : Crds.NAMES) {
        cluster
            .adminClient()
            .apiextensions()
            .v1()
            .customResourceDefinitions()
            .withName(crd)
            .delete();
      }
      Path kubeconfig = cluster.writeKubeconfig(home.resolve("config"));
      oneLine(
          operator(Map.of("KUBECONFIG", kubeconfig.toString())),
          "CRDs are not installed in the cluster at "
              + cluster.url().replaceAll("/$", "")
              + ": kubectl apply -f crds/");
    }
  }

  @Test
  void aBusyPortIsNamedWithTheOptionThatChangesIt() throws Exception {
    try (var cluster = StrictClusters.strict(Profile.KUBERNETES);
        ServerSocket busy = new ServerSocket(0)) {
      Path kubeconfig = cluster.writeKubeconfig(home.resolve("config"));
      oneLine(
          operator(Map.of(), "--kubeconfig=" + kubeconfig, "--http-port=" + busy.getLocalPort()),
          "port " + busy.getLocalPort() + " is in use: choose another with --http-port");
    }
  }

  @Test
  void anUnknownContextIsRefusedNamingTheContextsThereAre() throws Exception {
    try (var cluster = StrictClusters.strict(Profile.KUBERNETES)) {
      Path kubeconfig = cluster.writeKubeconfig(home.resolve("config"));
      String line =
          oneLine(
              operator(Map.of(), "--kubeconfig=" + kubeconfig, "--context=typo-prod"),
              "The kubeconfig " + kubeconfig + " has no context 'typo-prod'");
      assertThat(line).endsWith("its contexts are strict");
    }
  }

  @Test
  void aMalformedKubeconfigIsOneLineNamingTheFile() throws Exception {
    Path kubeconfig = Files.writeString(home.resolve("config"), "garbage: [\n");
    oneLine(
        operator(Map.of("KUBECONFIG", kubeconfig.toString())),
        "The kubeconfig " + kubeconfig + " is not valid YAML at line ");
  }

  @Test
  void anEmptyKubeconfigIsOneLineNamingTheFile() throws Exception {
    Path kubeconfig = Files.writeString(home.resolve("config"), "");
    String line =
        oneLine(
            operator(Map.of(), "--kubeconfig=" + kubeconfig),
            "The kubeconfig " + kubeconfig + " is empty");
    assertThat(line).doesNotContain("kubernetes.default.svc");
  }

  @Test
  void aNamedContextOfAKubeconfigIsUsed() throws Exception {
    try (var cluster = StrictClusters.strict(Profile.KUBERNETES)) {
      Path live = cluster.writeKubeconfig(home.resolve("live"));
      // The current context points nowhere; --context picks the live one.
      String text =
          Files.readString(live)
              .replace("current-context: strict", "current-context: dead")
              .replace(
                  "contexts:\n",
                  "contexts:\n- name: dead\n  context: {cluster: dead, user: admin}\n")
              .replace(
                  "clusters:\n",
                  "clusters:\n- name: dead\n  cluster: {server: \"https://127.0.0.1:"
                      + freePort()
                      + "\"}\n");
      Path kubeconfig = Files.writeString(home.resolve("two-contexts"), text);
      Run dead = operator(Map.of(), "--kubeconfig=" + kubeconfig, "--http-port=0");
      assertThat(dead.err()).contains("Cannot reach the Kubernetes API server");
      Process started =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  "dev.switchboard.Main",
                  "--kubeconfig=" + kubeconfig,
                  "--context=strict",
                  "--http-port=0")
              .redirectErrorStream(true)
              .start();
      try (var reader = new BufferedReader(new InputStreamReader(started.getInputStream()))) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String line;
        boolean running = false;
        while (!running && System.nanoTime() < deadline && (line = reader.readLine()) != null) {
          running = line.contains("Switchboard started");
        }
        assertThat(running).as("the operator started against the named context").isTrue();
      } finally {
        started.destroy();
        started.waitFor(20, TimeUnit.SECONDS);
        started.destroyForcibly();
      }
    }
  }
}
