package dev.switchboard.playground;

import dev.switchboard.OperatorSettings;
import dev.switchboard.apiserver.Installation;
import dev.switchboard.apiserver.Profile;
import dev.switchboard.apiserver.StrictApiServer;
import dev.switchboard.chart.Chart;
import dev.switchboard.runtime.OperatorClients;
import dev.switchboard.runtime.OperatorRuntime;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/**
 * Switchboard without a cluster: an in-memory API server that enforces Kubernetes' rules (the one
 * the tests run against), with the CRDs and the chart's RBAC installed, and the operator running
 * against it with that RBAC. kubectl works against it through the kubeconfig it writes. Nothing
 * runs Pods, and everything is gone when it stops.
 */
@Command(
    name = "switchboard-playground",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = "Runs Switchboard against an in-memory API server, to try it without a cluster.")
public final class Playground implements Callable<Integer> {
  static final String POSTGRES_HOST = "127.0.0.1";

  /** Within the 5 s a stop may take, the users the operator made are dropped first. */
  static final Duration USER_DROP_WAIT = Duration.ofSeconds(3);

  static final int POSTGRES_PORT = 5432;
  // The API server's own request log is for its tests; here it would drown the operator's. A field:
  // JUL forgets the level of a logger nobody holds.
  private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

  @Option(
      names = "--kubeconfig-out",
      paramLabel = "FILE",
      defaultValue = "switchboard-playground.kubeconfig",
      description = "Where to write the kubeconfig for kubectl.")
  Path kubeconfig;

  @Option(
      names = "--http-port",
      defaultValue = "8080",
      description = "Port of the operator's metrics and health endpoints; 0 picks a free one.")
  int httpPort;

  @Option(names = "--apply-quickstart", description = "Apply examples/quickstart.yaml at start.")
  boolean applyQuickstart;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Playground()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    Path root = projectRoot();
    MOCK_SERVER_LOG.setLevel(Level.WARNING);

    Set<Path> helmFilesBefore = helmFiles();
    Chart chart = Chart.inRepository(root);
    StrictApiServer cluster =
        new StrictApiServer(
            Profile.KUBERNETES,
            new Installation(
                chart.crds(), chart.render(Map.of()), Chart.NAMESPACE, OperatorClients::build));
    // The chart is rendered with helm-java, which loads a Go library into this process.
    Set<Path> helmFilesOfMine = new HashSet<>(helmFiles());
    helmFilesOfMine.removeAll(helmFilesBefore);
    restoreSignalHandlers();
    Path written = cluster.writeKubeconfig(kubeconfig.toAbsolutePath());
    KubernetesClient operatorClient = cluster.newOperatorClient();
    OperatorRuntime operator;
    try {
      operator =
          OperatorRuntime.start(
              operatorClient,
              OperatorSettings.defaults()
                  .withHostAliases(new ServiceAliases(cluster.adminClient())),
              httpPort);
    } catch (BindException e) {
      System.err.println(
          "switchboard-playground: port "
              + httpPort
              + " is in use: pass another with --http-port"
              + " (0 picks a free one)");
      cluster.close();
      return 1;
    }
    boolean postgres = answers(POSTGRES_HOST, POSTGRES_PORT);
    if (applyQuickstart) {
      new Quickstart(cluster.adminClient(), root.resolve("examples/quickstart.yaml")).apply();
    }

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  List<String> left = new MadeUsers(cluster.adminClient()).drop(USER_DROP_WAIT);
                  if (!left.isEmpty()) {
                    System.err.println(
                        "switchboard-playground: the users of these bindings could not be"
                            + " dropped at their data source: "
                            + String.join(", ", left));
                  }
                  operator.close();
                  operatorClient.close();
                  cluster.close();
                  deleteQuietly(written);
                  helmFilesOfMine.forEach(Playground::deleteQuietly);
                  stopped.countDown();
                },
                "shutdown"));
    out.println(
        banner(cluster.url(), written, operator.httpPort(), postgres, applyQuickstart, root));
    out.flush();
    stopped.await();
    return 0;
  }

  static String banner(
      String server, Path kubeconfig, int httpPort, boolean postgres, boolean applied, Path root) {
    StringBuilder steps = new StringBuilder();
    String local = POSTGRES_HOST + ":" + POSTGRES_PORT;
    steps.append(
        applied
            ? "  # examples/quickstart.yaml is applied\n"
            : "  kubectl apply -f examples/quickstart.yaml\n");
    if (postgres) {
      steps
          .append("  # Its Service, orders-db.platform.svc, reaches the PostgreSQL on ")
          .append(local)
          .append(" here\n")
          .append("  kubectl wait --for=condition=Ready conn/orders-db -n platform --timeout=2m\n");
    } else {
      steps
          .append("  # No PostgreSQL answers on ")
          .append(local)
          .append(", where the quickstart's Service reaches here:\n")
          .append("  # its Connection stays Ready=False; the binding is Ready anyway.\n");
    }
    steps
        .append("  kubectl wait --for=condition=Ready wb/orders-db -n team-a\n")
        .append("  kubectl get conn,wb -A\n")
        .append(
            "  kubectl get secret orders-db -n team-a -o jsonpath='{.data.jdbc-url}' | base64 -d\n");
    return """

        Switchboard playground: an in-memory API server with Kubernetes' rules and the operator running against it.
        It is not a cluster: nothing runs Pods, and every object is gone when it stops (Ctrl-C).
          API server  %s  (CRDs and the chart's RBAC installed; the operator holds only the chart's rights)
          kubeconfig  %s
          metrics     http://localhost:%d/metrics

        Try, from %s:
          export KUBECONFIG=%s
        %s"""
        .formatted(server, kubeconfig, httpPort, root, kubeconfig, steps);
  }

  /**
   * The Go runtime that helm-java loads takes SIGINT and SIGTERM for itself, so Ctrl-C did nothing.
   * The JVM's handling is put back: either signal runs the shutdown hooks, then exits as a process
   * killed by it would.
   */
  private static void restoreSignalHandlers() {
    for (String name : List.of("INT", "TERM")) {
      Signal.handle(new Signal(name), signal -> System.exit(128 + signal.getNumber()));
    }
  }

  /** The native library helm-java unpacks, one temporary folder per process that loads it. */
  private static Set<Path> helmFiles() {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    try (Stream<Path> files = Files.list(tmp)) {
      return files
          .filter(p -> p.getFileName().toString().startsWith("helm-java"))
          .collect(Collectors.toSet());
    } catch (IOException e) {
      return Set.of();
    }
  }

  /** Removes a file or a folder with what it holds; what cannot be removed stays. */
  private static void deleteQuietly(Path path) {
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // Left behind: a temporary file, nothing the user relies on.
    }
  }

  static boolean answers(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The repository the jar was built in (playground/target/…jar), whose chart, CRDs and examples it
   * uses.
   */
  private static Path projectRoot() throws Exception {
    String configured = System.getProperty("switchboard.projectRoot");
    if (configured != null) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    Path jar =
        Path.of(Playground.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path root = jar.getParent().getParent().getParent();
    if (!Files.isDirectory(root.resolve("helm/switchboard"))) {
      throw new IllegalStateException(
          "run the playground from the repository it was built in: no chart at "
              + root.resolve("helm/switchboard"));
    }
    return root;
  }
}
