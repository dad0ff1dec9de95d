package dev.switchboard.runtime;

import dev.switchboard.OperatorSettings;
import dev.switchboard.kube.DurationParser;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * The operator's command line. Every option can also be set by the environment variable named in
 * its help.
 */
@Command(
    name = "switchboard-operator",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    versionProvider = BuildVersion.class,
    description = "Shares data-source Connections with workspaces as Service Binding Secrets.")
public class OperatorCommand implements Callable<Integer> {

  @Option(
      names = "--restart-on-rotation",
      defaultValue = "${env:SWITCHBOARD_RESTART_ON_ROTATION:-true}",
      arity = "1",
      paramLabel = "true|false",
      description =
          "Roll Deployments, StatefulSets and DaemonSets labelled "
              + "switchboard.dev/restart-on-rotation=true when a bound Secret they read changes; false watches no "
              + "workload (env SWITCHBOARD_RESTART_ON_ROTATION).%nDefault: ${DEFAULT-VALUE}")
  boolean restartOnRotation;

  @Option(
      names = "--restart-debounce",
      defaultValue = "${env:SWITCHBOARD_RESTART_DEBOUNCE:-1s}",
      converter = DurationConverter.class,
      description =
          "Changes of a bound Secret within this time roll its "
              + "workloads once, with the last data (env SWITCHBOARD_RESTART_DEBOUNCE).")
  Duration restartDebounce;

  @Option(
      names = "--namespaces",
      split = ",",
      paramLabel = "NS",
      defaultValue = "${env:SWITCHBOARD_NAMESPACES:-}",
      description =
          "Namespaces to watch, comma-separated; empty for all (env SWITCHBOARD_NAMESPACES).")
  List<String> namespaces = List.of();

  @Option(
      names = "--test-concurrency",
      defaultValue = "${env:SWITCHBOARD_TEST_CONCURRENCY:-10}",
      description = "Connection tests running at once (env SWITCHBOARD_TEST_CONCURRENCY).")
  int testConcurrency;

  @Option(
      names = "--default-test-interval",
      defaultValue = "${env:SWITCHBOARD_DEFAULT_TEST_INTERVAL:-5m}",
      converter = DurationConverter.class,
      description =
          "Test interval of Connections that set none (env SWITCHBOARD_DEFAULT_TEST_INTERVAL).")
  Duration defaultTestInterval;

  @Option(
      names = "--default-test-timeout",
      defaultValue = "${env:SWITCHBOARD_DEFAULT_TEST_TIMEOUT:-10s}",
      converter = DurationConverter.class,
      description =
          "Test timeout of Connections that set none (env SWITCHBOARD_DEFAULT_TEST_TIMEOUT).")
  Duration defaultTestTimeout;

  @Option(
      names = "--http-port",
      defaultValue = "${env:SWITCHBOARD_HTTP_PORT:-8080}",
      description = "Port of /healthz, /readyz and /metrics (env SWITCHBOARD_HTTP_PORT).")
  int httpPort;

  @Option(
      names = "--log-format",
      defaultValue = "${env:SWITCHBOARD_LOG_FORMAT:-text}",
      description = "text or json (env SWITCHBOARD_LOG_FORMAT).")
  LogFormat logFormat;

  @Option(
      names = "--leader-election",
      defaultValue = "${env:SWITCHBOARD_LEADER_ELECTION:-false}",
      description =
          "Hold a Lease before reconciling, so that several replicas can run (env "
              + "SWITCHBOARD_LEADER_ELECTION).")
  boolean leaderElection;

  @Option(
      names = "--lease-namespace",
      defaultValue = "${env:POD_NAMESPACE:-default}",
      description = "Namespace of the leader-election Lease (env POD_NAMESPACE).")
  String leaseNamespace;

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description =
          "The kubeconfig to use. Default: KUBECONFIG, then ~/.kube/config, then the Pod's ServiceAccount.")
  Path kubeconfig;

  @Option(
      names = "--context",
      paramLabel = "NAME",
      description = "The kubeconfig context to use. Default: its " + "current context.")
  String context;

  @Option(
      names = "--lease-name",
      defaultValue = "${env:SWITCHBOARD_LEASE_NAME:-switchboard-operator}",
      description = "Name of the leader-election Lease (env SWITCHBOARD_LEASE_NAME).")
  String leaseName;

  /** Log formats; chosen before the first log line, as logging configures itself then. */
  public enum LogFormat {
    text,
    json
  }

  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return DurationParser.parse(value)
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "'" + value + "' is not a duration such as 30s, 5m or 1h"));
    }
  }

  /** The settings these options describe. */
  public OperatorSettings settings() {
    Optional<OperatorSettings.LeaderElection> election =
        leaderElection
            ? Optional.of(
                new OperatorSettings.LeaderElection(
                    leaseName, leaseNamespace, identity(), Duration.ofSeconds(15)))
            : Optional.empty();
    return new OperatorSettings(
        testConcurrency,
        defaultTestInterval,
        defaultTestTimeout,
        Duration.ofSeconds(1),
        new HashSet<>(namespaces.stream().map(String::trim).filter(s -> !s.isEmpty()).toList()),
        election,
        restartOnRotation ? Optional.of(restartDebounce) : Optional.empty());
  }

  private static String identity() {
    String pod = System.getenv("POD_NAME");
    if (pod != null && !pod.isBlank()) {
      return pod;
    }
    String host = System.getenv("HOSTNAME");
    return host != null && !host.isBlank() ? host : "switchboard-" + ProcessHandle.current().pid();
  }

  @Override
  public Integer call() throws Exception {
    if (logFormat == LogFormat.json) {
      System.setProperty("logback.configurationFile", "logback-json.xml");
    }
    var log = LoggerFactory.getLogger(OperatorCommand.class);
    OperatorSettings settings = settings();
    KubernetesClient client;
    try {
      Config config =
          ClusterPreflight.config(Optional.ofNullable(kubeconfig), Optional.ofNullable(context));
      // The check fails fast: no retries, a short timeout, one line.
      try (KubernetesClient probe =
          new KubernetesClientBuilder()
              .withConfig(
                  new ConfigBuilder(config)
                      .withRequestRetryBackoffLimit(0)
                      .withConnectionTimeout(5_000)
                      .withRequestTimeout(10_000)
                      .build())
              .build()) {
        ClusterPreflight.check(probe);
      }
      client = OperatorClients.build(config);
    } catch (StartupProblem problem) {
      System.err.println("switchboard-operator: " + problem.getMessage());
      return 1;
    }
    log.info(
        "Starting Switchboard {} against {} (namespaces: {}, leader election: {}, http port {})",
        BuildVersion.get(),
        client.getMasterUrl(),
        settings.namespaces().isEmpty() ? "all" : settings.namespaces(),
        settings.leaderElection().isPresent(),
        httpPort);
    AtomicReference<OperatorRuntime> running = new AtomicReference<>();
    CountDownLatch stopped = new CountDownLatch(1);
    // SIGTERM: stop taking work, let running reconciles finish, then exit.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("Stopping: finishing running reconciles");
                  Optional.ofNullable(running.get()).ifPresent(OperatorRuntime::close);
                  client.close();
                  stopped.countDown();
                },
                "shutdown"));
    try {
      running.set(OperatorRuntime.start(client, settings, httpPort));
    } catch (BindException busy) {
      System.err.println(
          "switchboard-operator: port "
              + httpPort
              + " is in use: choose another with --http-port "
              + "(or SWITCHBOARD_HTTP_PORT)");
      client.close();
      return 1;
    }
    log.info("Switchboard started");
    stopped.await();
    return 0;
  }
}
