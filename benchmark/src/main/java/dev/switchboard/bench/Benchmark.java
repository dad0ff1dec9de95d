package dev.switchboard.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.OperatorSettings;
import dev.switchboard.SwitchboardOperator;
import dev.switchboard.api.v1alpha1.Connection;
import dev.switchboard.api.v1alpha1.ConnectionSpec;
import dev.switchboard.api.v1alpha1.ConnectionStatus;
import dev.switchboard.api.v1alpha1.ConnectionTestPolicy;
import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.api.v1alpha1.WorkspaceBindingStatus;
import dev.switchboard.binding.ReaderRbacBuilder;
import dev.switchboard.plugin.ConnectionPlugin;
import dev.switchboard.plugin.ConnectionTester;
import dev.switchboard.plugin.Credentials;
import dev.switchboard.plugin.Endpoint;
import dev.switchboard.plugin.PluginRegistry;
import dev.switchboard.plugin.ProbeTarget;
import dev.switchboard.plugin.TestOutcome;
import dev.switchboard.plugin.TlsSettings;
import dev.switchboard.rollout.Workload;
import dev.switchboard.runtime.JvmDefaults;
import dev.switchboard.testing.BlackHole;
import dev.switchboard.testing.Crds;
import dev.switchboard.testing.Fixtures;
import dev.switchboard.testing.LocalKafka;
import dev.switchboard.testing.LocalS3;
import dev.switchboard.testing.PrivateSlapd;
import dev.switchboard.testing.Ready;
import dev.switchboard.testing.ReconcileCounter;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import javax.management.ObjectName;

/**
 * Switchboard's benchmark: the operator in-process against the Fabric8 mock API server, every
 * figure a ratio or a count from the same run. Run with the command in the README; {@code --quick}
 * for the smoke size.
 */
public final class Benchmark {
  /** The sizes and windows of one run. */
  record Sizes(
      int connections,
      int bindings,
      int namespaces,
      int unrelatedSecrets,
      Duration idle,
      int rotationBindings,
      int tests,
      boolean histograms) {}

  private static final int RECONCILE_THREADS = 50;
  // Held strongly: java.util.logging forgets the level of a logger nobody references.
  private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

  private Benchmark() {}

  public static void main(String[] args) throws Exception {
    // The operator's JVM as Main sets it up; the baseline shares it.
    JvmDefaults.apply();
    try {
      run(args);
    } catch (Exception | Error e) {
      // The operator's threads would keep the JVM (and CI) waiting.
      e.printStackTrace();
      System.exit(1);
    }
    System.exit(0);
  }

  private static void run(String[] args) throws Exception {
    MOCK_SERVER_LOG.setLevel(Level.WARNING);
    Sizes sizes = sizes(args);
    Path out = Crds.projectRoot().resolve(option(args, "--out", "benchmark/target/benchmark.json"));
    Map<String, Object> results = new LinkedHashMap<>();
    results.put(
        "sizes",
        Map.of(
            "connections",
            sizes.connections(),
            "bindings",
            sizes.bindings(),
            "namespaces",
            sizes.namespaces(),
            "unrelatedSecrets",
            sizes.unrelatedSecrets(),
            "idleSeconds",
            sizes.idle().toSeconds(),
            "rotationBindings",
            sizes.rotationBindings(),
            "tests",
            sizes.tests()));
    System.out.println("Switchboard benchmark " + sizes);

    double baseline = baselineSeconds(sizes, results);
    System.out.printf("baseline: %.1f s%n", baseline);
    results.put("baselineSeconds", baseline);
    operatorRun(sizes, results);
    double convergence = (double) results.get("convergenceSeconds");
    results.put("convergenceRatio", convergence / baseline);
    testThroughput(sizes, results);
    results.put("cpu", CpuComparison.run(sizes, RECONCILE_THREADS));
    results.put("revocation", RevocationBenchmark.run(100));

    Files.createDirectories(out.toAbsolutePath().getParent());
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.toFile(), results);
    printTable(results);
    System.out.println("Figures written to " + out.toAbsolutePath());
  }

  /**
   * A client loop with the operator's number of threads writing exactly what the operator must
   * write.
   */
  private static double baselineSeconds(Sizes sizes, Map<String, Object> results) throws Exception {
    try (BenchCluster cluster = new BenchCluster()) {
      cluster.populate(sizes);
      cluster.drainOperatorRequests();
      double before = liveHeapMiB(sizes, "baseline-before");
      var client = cluster.baselineClient();
      ExecutorService pool = Executors.newFixedThreadPool(RECONCILE_THREADS);
      long start = System.nanoTime();
      List<Future<?>> work = new ArrayList<>();
      for (WorkspaceBinding b : cluster.bindings) {
        work.add(
            pool.submit(
                () -> {
                  var live = client.resource(b).get();
                  client
                      .resource(
                          new SecretBuilder()
                              .withNewMetadata()
                              .withNamespace(b.getMetadata().getNamespace())
                              .withName(b.getMetadata().getName())
                              .endMetadata()
                              .withData(
                                  Map.of(
                                      "type",
                                      "cG9zdGdyZXNxbA==",
                                      "host",
                                      "MTI3LjAuMC4x",
                                      "port",
                                      "NTQzMg==",
                                      "username",
                                      "cG9zdGdyZXM=",
                                      "password",
                                      "cHc=",
                                      "database",
                                      "dGVzdA==",
                                      "uri",
                                      "eA==",
                                      "jdbc-url",
                                      "eA==",
                                      "provider",
                                      "c3dpdGNoYm9hcmQ="))
                              .build())
                      .create();
                  client.resource(ReaderRbacBuilder.role(live)).create();
                  ReaderRbacBuilder.roleBinding(live).ifPresent(rb -> client.resource(rb).create());
                  live.setStatus(new WorkspaceBindingStatus());
                  live.getStatus().setSecretName(b.getMetadata().getName());
                  client.resource(live).updateStatus();
                }));
      }
      for (Connection c : cluster.connections) {
        work.add(
            pool.submit(
                () -> {
                  var live = client.resource(c).get();
                  live.getMetadata().setFinalizers(List.of("switchboard.dev/in-use-protection"));
                  live = client.resource(live).update();
                  live.setStatus(new ConnectionStatus());
                  client.resource(live).updateStatus();
                }));
      }
      for (Future<?> f : work) {
        f.get();
      }
      double elapsed = seconds(start);
      pool.shutdown();
      client.close();
      // What the written objects add to the mock API server's store, which shares the JVM with the
      // operator.
      cluster.drainOperatorRequests();
      results.put("baselineStoreGrowthMiB", liveHeapMiB(sizes, "baseline-after") - before);
      return elapsed;
    }
  }

  private static void operatorRun(Sizes sizes, Map<String, Object> results) throws Exception {
    try (BenchCluster cluster = new BenchCluster()) {
      cluster.addUnrelatedSecrets(sizes.unrelatedSecrets());
      cluster.populate(sizes);
      cluster.drainOperatorRequests();
      double before = liveHeapMiB(sizes, "before-operator");
      var client = cluster.operatorClient();
      var reconciles = new ReconcileCounter();
      SwitchboardOperator operator =
          SwitchboardOperator.create(
              client, Clock.systemUTC(), settings(), reconciles, (p, o) -> {});
      long start = System.nanoTime();
      operator.start();
      results.put("operatorStartSeconds", seconds(start));
      awaitConverged(cluster, sizes);
      results.put("convergenceSeconds", seconds(start));
      Map<String, Integer> converge = cluster.drainOperatorRequests();
      results.put("convergenceRequests", converge);
      results.put(
          "watchesOpened",
          converge.entrySet().stream()
              .filter(e -> e.getKey().startsWith("WATCH "))
              .mapToInt(Map.Entry::getValue)
              .sum());
      int writes =
          converge.entrySet().stream()
              .filter(e -> BenchCluster.isWrite(e.getKey()))
              .mapToInt(Map.Entry::getValue)
              .sum();
      int gets =
          converge.entrySet().stream()
              .filter(e -> e.getKey().startsWith("GET "))
              .mapToInt(Map.Entry::getValue)
              .sum();
      results.put("writesPerBinding", (double) writes / sizes.bindings());
      results.put("getsPerBinding", (double) gets / sizes.bindings());
      results.put(
          "reconcilesPerBinding", (double) reconciles.total("WorkspaceBinding") / sizes.bindings());
      results.put(
          "reconcilesPerConnection", (double) reconciles.total("Connection") / sizes.connections());
      results.put("liveHeapWithOperatorMiB", liveHeapMiB(sizes, "converged"));
      // The operator's share: the growth of the live heap while it converged, less what the same
      // objects add to the mock server's store (measured on the baseline run). Conservative: the
      // operator's objects carry labels, annotations and owner references the baseline's lack, and
      // that difference counts as the operator's.
      results.put(
          "operatorHeapMiB",
          (double) results.get("liveHeapWithOperatorMiB")
              - before
              - (double) results.get("baselineStoreGrowthMiB"));
      System.out.printf(
          "converged in %.1f s; idle window of %d s%n",
          (double) results.get("convergenceSeconds"), sizes.idle().toSeconds());

      LockSupport.parkNanos(sizes.idle().toNanos());
      results.put("idleWrites", writesOnly(cluster.drainOperatorRequests()));

      results.put("rotation", rotation(cluster, sizes));
      cluster.drainOperatorRequests();

      operator.stop();
      client.close();

      cluster.drainOperatorRequests();
      var counter = new ReconcileCounter();
      var client2 = cluster.operatorClient();
      SwitchboardOperator restarted =
          SwitchboardOperator.create(client2, Clock.systemUTC(), settings(), counter, (p, o) -> {});
      long restart = System.nanoTime();
      restarted.start();
      for (WorkspaceBinding b : cluster.bindings) {
        while (counter.finished(b) == 0) {
          LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
      }
      results.put("startToReadySeconds", seconds(restart));
      LockSupport.parkNanos(sizes.idle().toNanos());
      results.put("writesAfterRestart", writesOnly(cluster.drainOperatorRequests()));
      restarted.stop();
      client2.close();
    }
  }

  /**
   * One credential Secret used by many bindings changes; how long until each bound Secret has the
   * new data.
   */
  private static Map<String, Object> rotation(BenchCluster cluster, Sizes sizes) {
    var client = cluster.client;
    List<String> workspaces = List.of("ws-0");
    client
        .resource(
            Fixtures.credentials("platform", "rot-cred", "username", "postgres", "password", "old"))
        .create();
    var conn = Fixtures.postgres("platform", "rot", "rot-cred", workspaces.toArray(String[]::new));
    conn.getSpec().setTest(new ConnectionTestPolicy());
    conn.getSpec().getTest().setEnabled(false);
    client.resource(conn).create();
    List<WorkspaceBinding> rot = new ArrayList<>();
    for (int i = 0; i < sizes.rotationBindings(); i++) {
      rot.add(Fixtures.binding("ws-0", "rot-" + i, "platform", "rot"));
    }
    cluster.create(rot);
    Set<String> names = ConcurrentHashMap.newKeySet();
    rot.forEach(b -> names.add(b.getMetadata().getName()));
    while (client
            .secrets()
            .inNamespace("ws-0")
            .withLabel("app.kubernetes.io/managed-by", "switchboard")
            .list()
            .getItems()
            .stream()
            .filter(s -> names.contains(s.getMetadata().getName()))
            .count()
        < names.size()) {
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
    // Each bound Secret is read by a Deployment that opted in to restart on rotation.
    for (String name : names) {
      client.resource(readerDeployment(name)).create();
    }
    Map<String, Long> rolled = new ConcurrentHashMap<>();
    var rolls =
        client
            .apps()
            .deployments()
            .inNamespace("ws-0")
            .withLabel(Workload.OPT_IN_LABEL, "true")
            .watch(
                new Watcher<Deployment>() {
                  @Override
                  public void eventReceived(Action action, Deployment d) {
                    var annotations = d.getSpec().getTemplate().getMetadata().getAnnotations();
                    if (annotations != null
                        && annotations.containsKey(Workload.RESTARTED_FOR_ANNOTATION)) {
                      rolled.putIfAbsent(d.getMetadata().getName(), System.nanoTime());
                    }
                  }

                  @Override
                  public void onClose(WatcherException cause) {}
                });
    cluster.drainOperatorRequests();
    Map<String, Long> arrived = new ConcurrentHashMap<>();
    String newPassword = Fixtures.b64("new");
    long[] changedAt = new long[1];
    var watch =
        client
            .secrets()
            .inNamespace("ws-0")
            .withLabel("app.kubernetes.io/managed-by", "switchboard")
            .watch(
                new Watcher<Secret>() {
                  @Override
                  public void eventReceived(Action action, Secret s) {
                    if (names.contains(s.getMetadata().getName())
                        && newPassword.equals(s.getData().get("password"))) {
                      arrived.putIfAbsent(s.getMetadata().getName(), System.nanoTime());
                    }
                  }

                  @Override
                  public void onClose(WatcherException cause) {}
                });
    changedAt[0] = System.nanoTime();
    client
        .secrets()
        .inNamespace("platform")
        .withName("rot-cred")
        .edit(
            s -> {
              s.getData().put("password", newPassword);
              return s;
            });
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (arrived.size() < names.size() && System.nanoTime() < deadline) {
      LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
    }
    watch.close();
    // The operator's work ends with each binding's status naming the new data; the restart that
    // follows must not find a status write still owed.
    while (System.nanoTime() < deadline
        && client.resources(WorkspaceBinding.class).inNamespace("ws-0").list().getItems().stream()
            .filter(b -> names.contains(b.getMetadata().getName()))
            .anyMatch(
                b -> {
                  var secret =
                      client
                          .secrets()
                          .inNamespace("ws-0")
                          .withName(b.getMetadata().getName())
                          .get();
                  return b.getStatus() == null
                      || secret == null
                      || !Objects.equals(
                          b.getStatus().getDataHash(),
                          secret.getMetadata().getAnnotations().get("switchboard.dev/data-hash"));
                })) {
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
    while (rolled.size() < names.size() && System.nanoTime() < deadline) {
      LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
    }
    rolls.close();
    // Each roll ends with its binding's status listing it; the restart must not find that owed.
    while (System.nanoTime() < deadline
        && client.resources(WorkspaceBinding.class).inNamespace("ws-0").list().getItems().stream()
            .filter(b -> names.contains(b.getMetadata().getName()))
            .anyMatch(
                b ->
                    b.getStatus() == null
                        || b.getStatus().getRollouts() == null
                        || b.getStatus().getRollouts().stream()
                            .noneMatch(
                                r ->
                                    Objects.equals(
                                        r.getDataHash(), b.getStatus().getDataHash())))) {
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
    Map<String, Integer> requests = cluster.drainOperatorRequests();
    List<Double> millis = sinceChange(arrived, changedAt[0]);
    List<Double> rollMillis = sinceChange(rolled, changedAt[0]);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("bindings", names.size());
    r.put("updated", millis.size());
    r.put("p50Millis", percentile(millis, 0.50));
    r.put("p99Millis", percentile(millis, 0.99));
    r.put("deploymentsRolled", rollMillis.size());
    r.put("rollP50Millis", percentile(rollMillis, 0.50));
    r.put("rollP99Millis", percentile(rollMillis, 0.99));
    r.put("requests", requests);
    r.put("workloadPatches", requests.getOrDefault("PATCH deployments", 0));
    r.put("writes", writesOnly(requests));
    return r;
  }

  private static List<Double> sinceChange(Map<String, Long> times, long changedAt) {
    List<Double> millis =
        new ArrayList<>(times.values().stream().map(t -> (t - changedAt) / 1e6).toList());
    Collections.sort(millis);
    return millis;
  }

  /** A Deployment, opted in to restart on rotation, that mounts the bound Secret of that name. */
  private static Deployment readerDeployment(String secretName) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(secretName)
        .withNamespace("ws-0")
        .addToLabels(Workload.OPT_IN_LABEL, "true")
        .endMetadata()
        .withNewSpec()
        .withNewSelector()
        .addToMatchLabels("app", secretName)
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", secretName)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("app")
        .withImage("busybox:1.36")
        .endContainer()
        .addNewVolume()
        .withName("binding")
        .withNewSecret()
        .withSecretName(secretName)
        .endSecret()
        .endVolume()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  /**
   * Healthy tests' completion time with 10% silent data sources, against the same healthy tests
   * alone.
   */
  /**
   * Healthy tests' completion time with 10% silent data sources, against the same healthy tests
   * alone. The healthy tests cycle through every type, against the machine's servers and private
   * ones started here.
   */
  private static void testThroughput(Sizes sizes, Map<String, Object> results) throws Exception {
    int silent = sizes.tests() / 10;
    int healthy = sizes.tests() - silent;
    double alone;
    double withSilent;
    try (var servers = new HealthyServers()) {
      List<Probe> probes = servers.probes();
      // A first pass warms the JIT and the servers up, so that neither measured pass pays for that.
      try (var tester = new ConnectionTester(10, Duration.ofSeconds(1), Clock.systemUTC())) {
        timeHealthy(tester, probes, healthy / 2, new int[0]);
      }
      try (var tester = new ConnectionTester(10, Duration.ofSeconds(1), Clock.systemUTC())) {
        alone = timeHealthy(tester, probes, healthy, new int[0]);
      }
      // One listener per silent Connection: a fleet's dead data sources are different hosts.
      List<BlackHole> holes = new ArrayList<>();
      try (var tester = new ConnectionTester(10, Duration.ofSeconds(1), Clock.systemUTC())) {
        for (int i = 0; i < silent; i++) {
          holes.add(new BlackHole());
        }
        withSilent =
            timeHealthy(
                tester, probes, healthy, holes.stream().mapToInt(BlackHole::port).toArray());
      } finally {
        for (BlackHole hole : holes) {
          hole.close();
        }
      }
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("healthy", healthy);
      r.put("silent", silent);
      r.put("types", probes.stream().map(p -> p.plugin().type()).toList());
      r.put("healthyAloneSeconds", alone);
      r.put("healthyWithSilentSeconds", withSilent);
      r.put("ratio", withSilent / alone);
      results.put("testThroughput", r);
    }
  }

  /** One type's healthy test: its plugin and a target that answers. */
  private record Probe(ConnectionPlugin plugin, ProbeTarget target) {}

  /**
   * The servers the healthy tests talk to: the machine's, and private ones for kafka, ldap and s3.
   */
  private static final class HealthyServers implements AutoCloseable {
    private static final String PASSWORD = "bench-Passw0rd";
    private final LocalKafka kafka = new LocalKafka(PASSWORD);
    private final PrivateSlapd ldap = new PrivateSlapd(PASSWORD);
    private final LocalS3 s3 = new LocalS3(PASSWORD);

    List<Probe> probes() {
      List<Probe> out = new ArrayList<>();
      out.add(
          probe(Fixtures.spec("postgresql", "127.0.0.1", 5432, "test"), "postgres", "x", Map.of()));
      out.add(probe(Fixtures.spec("redis", "127.0.0.1", 6379, null), null, null, Map.of()));
      out.add(probe(Fixtures.spec("tcp", "127.0.0.1", 6379, null), null, null, Map.of()));
      out.add(
          probe(Fixtures.spec("rabbitmq", "127.0.0.1", 5672, null), "guest", "guest", Map.of()));
      out.add(probe(Fixtures.spec("nats", "127.0.0.1", 4222, null), null, null, Map.of()));
      out.add(probe(Fixtures.spec("mqtt", "127.0.0.1", 1883, null), null, null, Map.of()));
      out.add(
          probe(
              Fixtures.spec("kafka", "127.0.0.1", kafka.plainPort(), null), null, null, Map.of()));
      var directory = Fixtures.spec("ldap", "127.0.0.1", ldap.port(), null);
      directory.setParameters(Map.of("base", PrivateSlapd.SUFFIX));
      out.add(probe(directory, PrivateSlapd.USER_DN, PASSWORD, Map.of()));
      var store = new ConnectionSpec();
      store.setType("s3");
      store.setUrl(s3.url());
      store.setParameters(Map.of("bucket", LocalS3.BUCKET));
      out.add(probe(store, LocalS3.ACCESS_KEY, PASSWORD, Map.of()));
      return out;
    }

    private static Probe probe(
        ConnectionSpec spec, String user, String password, Map<String, String> extra) {
      var plugin = PluginRegistry.builtIn().find(spec.getType()).orElseThrow();
      return new Probe(
          plugin,
          new ProbeTarget(
              Endpoint.of(spec, plugin),
              new Credentials(user, password, extra),
              TlsSettings.DISABLED,
              Duration.ofSeconds(10)));
    }

    @Override
    public void close() {
      kafka.close();
      ldap.close();
      s3.close();
    }
  }

  private static double timeHealthy(
      ConnectionTester tester, List<Probe> probes, int healthy, int[] silentPorts)
      throws Exception {
    List<CompletableFuture<TestOutcome>> done = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0, s = 0; i < healthy; i++) {
      Probe probe = probes.get(i % probes.size());
      // Spread the silent ones among the healthy, as in a real fleet, each of the type of its
      // neighbour.
      if (s < silentPorts.length && i % 9 == 0) {
        tester.test(probe.plugin(), silent(probe, silentPorts[s]));
        s++;
      }
      done.add(tester.test(probe.plugin(), probe.target()));
    }
    for (var f : done) {
      if (!f.get().succeeded()) {
        throw new IllegalStateException("a healthy test failed: " + f.get().message());
      }
    }
    return seconds(start);
  }

  /** The same test against a listener that never answers. */
  private static ProbeTarget silent(Probe probe, int port) {
    var silentSpec = new ConnectionSpec();
    silentSpec.setType(probe.plugin().type());
    if (probe.plugin().addressedByUrl()) {
      silentSpec.setUrl("http://127.0.0.1:" + port);
    } else {
      silentSpec.setHost("127.0.0.1");
      silentSpec.setPort(port);
      silentSpec.setDatabase(probe.target().endpoint().database());
    }
    silentSpec.setParameters(probe.target().endpoint().parameters());
    return new ProbeTarget(
        Endpoint.of(silentSpec, probe.plugin()),
        probe.target().credentials(),
        TlsSettings.DISABLED,
        Duration.ofSeconds(10));
  }

  static void awaitConverged(BenchCluster cluster, Sizes sizes) {
    Duration poll = Duration.ofMillis(sizes.bindings() > 2000 ? 1000 : 100);
    while (true) {
      long ready =
          cluster
              .client
              .resources(WorkspaceBinding.class)
              .inAnyNamespace()
              .list()
              .getItems()
              .stream()
              .filter(
                  b ->
                      b.getStatus() != null
                          && Ready.isTrue(b.getStatus().getConditions())
                          && b.getStatus().getConnection() != null
                          && Boolean.TRUE.equals(b.getStatus().getConnection().getReady()))
              .count();
      long connections =
          cluster.client.resources(Connection.class).inAnyNamespace().list().getItems().stream()
              .filter(
                  c ->
                      c.getStatus() != null
                          && Ready.isTrue(c.getStatus().getConditions())
                          && c.getStatus().getBindings() != null
                          && c.getStatus().getBindings().getCount()
                              == sizes.bindings() / sizes.connections())
              .count();
      if (ready >= sizes.bindings() && connections >= sizes.connections()) {
        return;
      }
      LockSupport.parkNanos(poll.toNanos());
    }
  }

  private static OperatorSettings settings() {
    return new OperatorSettings(
        10,
        Duration.ofMinutes(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(1),
        Set.of(),
        Optional.empty());
  }

  private static Map<String, Integer> writesOnly(Map<String, Integer> requests) {
    Map<String, Integer> out = new LinkedHashMap<>();
    requests.forEach(
        (k, v) -> {
          if (BenchCluster.isWrite(k)) {
            out.put(k, v);
          }
        });
    return out;
  }

  /**
   * Live heap in MiB: the JVM's class histogram, which collects garbage fully and then counts what
   * is still reachable (the memory pool's "used" after System.gc() still holds uncollected
   * regions). With --histograms the histogram is kept as benchmark/target/heap-NAME.txt, to
   * attribute the figure by class.
   */
  private static double liveHeapMiB(Sizes sizes, String name) throws Exception {
    String text =
        String.valueOf(
            ManagementFactory.getPlatformMBeanServer()
                .invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "gcClassHistogram",
                    new Object[] {new String[0]},
                    new String[] {String[].class.getName()}));
    if (sizes.histograms()) {
      Files.writeString(Crds.projectRoot().resolve("benchmark/target/heap-" + name + ".txt"), text);
    }
    var total = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)").matcher(text);
    if (!total.find()) {
      throw new IllegalStateException("no total in the class histogram");
    }
    return Long.parseLong(total.group(1)) / 1024.0 / 1024.0;
  }

  static double percentile(List<Double> sorted, double p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  static Sizes sizes(String[] args) {
    boolean quick = List.of(args).contains("--quick");
    return new Sizes(
        Integer.parseInt(option(args, "--connections", quick ? "50" : "1000")),
        Integer.parseInt(option(args, "--bindings", quick ? "500" : "10000")),
        Integer.parseInt(option(args, "--namespaces", quick ? "20" : "200")),
        Integer.parseInt(option(args, "--unrelated-secrets", quick ? "2000" : "20000")),
        Duration.ofSeconds(Long.parseLong(option(args, "--idle-seconds", quick ? "60" : "300"))),
        Integer.parseInt(option(args, "--rotation-bindings", "100")),
        Integer.parseInt(option(args, "--tests", quick ? "200" : "1000")),
        List.of(args).contains("--histograms"));
  }

  private static String option(String[] args, String name, String fallback) {
    for (String a : args) {
      if (a.startsWith(name + "=")) {
        return a.substring(name.length() + 1);
      }
    }
    return fallback;
  }

  @SuppressWarnings("unchecked")
  private static void printTable(Map<String, Object> r) {
    var rot = (Map<String, Object>) r.get("rotation");
    var tp = (Map<String, Object>) r.get("testThroughput");
    var cpu = (Map<String, Object>) r.get("cpu");
    var rev = (Map<String, Object>) r.get("revocation");
    String[][] rows = {
      {"1 Convergence: operator time / baseline", fmt(r.get("convergenceRatio")), "<= 1.3"},
      {
        "  operator s (of which start, informers syncing) / baseline s",
        fmt(r.get("convergenceSeconds"))
            + " ("
            + fmt(r.get("operatorStartSeconds"))
            + ") / "
            + fmt(r.get("baselineSeconds")),
        ""
      },
      {"2 Writes per binding to converge", fmt(r.get("writesPerBinding")), "<= 4"},
      {
        "  GETs per binding (not served by a cache)",
        fmt(r.get("getsPerBinding")),
        "0 that a cache could serve"
      },
      {
        "  Reconciles per binding; per Connection",
        fmt(r.get("reconcilesPerBinding")) + "; " + fmt(r.get("reconcilesPerConnection")),
        "reported"
      },
      {
        "  Watches opened by the operator while converging",
        String.valueOf(r.get("watchesOpened")),
        "reported"
      },
      {"3 Idle writes (window)", String.valueOf(r.get("idleWrites")), "0 for bindings"},
      {"  Writes after a restart (window)", String.valueOf(r.get("writesAfterRestart")), "0"},
      {
        "4 Operator's live heap, MiB (JVM total, mock server included)",
        fmt(r.get("operatorHeapMiB")) + " (" + fmt(r.get("liveHeapWithOperatorMiB")) + ")",
        "<= 160"
      },
      {
        "5 Rotation to " + rot.get("bindings") + " bound Secrets, p50 / p99 ms",
        fmt(rot.get("p50Millis"))
            + " / "
            + fmt(rot.get("p99Millis"))
            + " ("
            + rot.get("updated")
            + " updated)",
        "p99 <= 2000"
      },
      {
        "5b Restart on rotation: Deployment rolled, p50 / p99 ms",
        fmt(rot.get("rollP50Millis"))
            + " / "
            + fmt(rot.get("rollP99Millis"))
            + " ("
            + rot.get("deploymentsRolled")
            + " rolled, "
            + rot.get("workloadPatches")
            + " patches)",
        "p99 <= 3000"
      },
      {"  Operator writes during the rotation", String.valueOf(rot.get("writes")), "reported"},
      {
        "6 Test throughput with 10% silent sources (ratio), "
            + ((List<?>) tp.get("types")).size()
            + " types",
        fmt(tp.get("ratio")),
        "<= 1.2"
      },
      {"7 Start to ready after restart, s", fmt(r.get("startToReadySeconds")), "reported"},
      {
        "8 CPU per binding, operator / minimal informer client (ms)",
        fmt(cpu.get("operatorCpuMsPerBinding"))
            + " / "
            + fmt(cpu.get("minimalCpuMsPerBinding"))
            + " = "
            + fmt(cpu.get("cpuRatio")),
        "ratio <= 1.25"
      },
      {
        "  Convergence, each in its own JVM: operator / minimal (s)",
        fmt(cpu.get("operatorSeconds"))
            + " / "
            + fmt(cpu.get("minimalSeconds"))
            + " = "
            + fmt(cpu.get("convergenceRatio")),
        "ratio <= 1.2"
      },
      {
        "  Live heap per binding, each in its own JVM: operator / minimal (KiB)",
        fmt(cpu.get("operatorLiveHeapKiBPerBinding"))
            + " / "
            + fmt(cpu.get("minimalLiveHeapKiBPerBinding")),
        "operator <= 8"
      },
      {
        "  Operator's resident memory, own JVM, chart's flags: converged (peak) / after idle (MiB)",
        fmt(cpu.get("operatorRssMiB"))
            + " ("
            + fmt(cpu.get("operatorPeakRssMiB"))
            + ") / "
            + fmt(cpu.get("operatorIdleRssMiB"))
            + "; minimal "
            + fmt(cpu.get("minimalRssMiB")),
        "reported"
      },
      {
        "9 Per-binding users: withdrawal to refused login, p50 / p99 ms",
        fmt(rev.get("revocationP50Millis"))
            + " / "
            + fmt(rev.get("revocationP99Millis"))
            + " ("
            + rev.get("bindings")
            + " bindings)",
        "p99 <= 2000"
      },
      {
        "  Provisioning per binding: API requests; statements at the source",
        fmt(rev.get("requestsPerBinding")) + "; " + fmt(rev.get("statementsPerBinding")),
        "reported"
      },
    };
    System.out.println();
    System.out.printf("%-62s | %-40s | %s%n", "Figure", "Measured", "Target");
    System.out.println("-".repeat(62) + "-+-" + "-".repeat(40) + "-+-" + "-".repeat(24));
    for (String[] row : rows) {
      System.out.printf("%-62s | %-40s | %s%n", row[0], row[1], row[2]);
    }
  }

  private static String fmt(Object value) {
    return value instanceof Double d ? String.format("%.2f", d) : String.valueOf(value);
  }
}
