package dev.switchboard.bench;

import static dev.switchboard.testing.Fixtures.binding;
import static dev.switchboard.testing.Fixtures.credentials;
import static dev.switchboard.testing.Fixtures.decoded;
import static dev.switchboard.testing.Fixtures.namespace;
import static dev.switchboard.testing.Fixtures.postgres;

import dev.switchboard.OperatorSettings;
import dev.switchboard.SwitchboardOperator;
import dev.switchboard.api.v1alpha1.ConnectionAccess;
import dev.switchboard.api.v1alpha1.ConnectionProvisioning;
import dev.switchboard.api.v1alpha1.ConnectionTestPolicy;
import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.testing.Ready;
import dev.switchboard.testing.ReconcileCounter;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Per-binding credentials on the machine's PostgreSQL: what provisioning a binding costs (requests
 * to the API server, statements at the data source) and how long after access is withdrawn the
 * user's login is refused.
 */
final class RevocationBenchmark {
  private static final String DATABASE = "postgres";
  // java.util.logging forgets the level of a logger nobody holds: hence a field.
  private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

  private RevocationBenchmark() {}

  /** This part alone: {@code bash .ci/benchmark} runs it with the rest. */
  public static void main(String[] args) throws Exception {
    MOCK_SERVER_LOG.setLevel(Level.WARNING);
    System.out.println(run(args.length > 0 ? Integer.parseInt(args[0]) : 100));
    System.exit(0);
  }

  static Map<String, Object> run(int bindings) throws Exception {
    Map<String, Object> r = new LinkedHashMap<>();
    try (BenchCluster cluster = new BenchCluster()) {
      List<String> workspaces = new ArrayList<>();
      List<HasMetadata> inputs = new ArrayList<>();
      inputs.add(namespace("platform"));
      for (int i = 0; i < bindings; i++) {
        workspaces.add("rv-" + i);
        inputs.add(namespace("rv-" + i));
      }
      cluster.create(inputs);
      var conn = postgres("platform", "per-binding", "provisioner");
      conn.getSpec().setDatabase(DATABASE);
      var access = new ConnectionAccess();
      access.setNamespaces(workspaces);
      conn.getSpec().setAccess(access);
      // No connection tests: the statements counted at the data source are the provisioner's alone.
      conn.getSpec().setTest(new ConnectionTestPolicy());
      conn.getSpec().getTest().setEnabled(false);
      var provisioning = new ConnectionProvisioning();
      provisioning.setMode(ConnectionProvisioning.PER_BINDING);
      conn.getSpec().setProvisioning(provisioning);
      cluster.create(
          List.of(
              credentials("platform", "provisioner", "username", "postgres", "password", "x"),
              conn));

      var operator =
          SwitchboardOperator.create(
              cluster.operatorClient(),
              Clock.systemUTC(),
              new OperatorSettings(
                  10,
                  Duration.ofMinutes(5),
                  Duration.ofSeconds(10),
                  Duration.ofSeconds(1),
                  Set.of(),
                  Optional.empty()),
              new ReconcileCounter(),
              (p, o) -> {});
      operator.start();
      try {
        awaitConnectionEvaluated(cluster);
        cluster.drainOperatorRequests();
        long statementsBefore = transactions();
        cluster.create(
            workspaces.stream()
                .map(ns -> (HasMetadata) binding(ns, "orders", "platform", "per-binding"))
                .toList());
        awaitReady(cluster, workspaces);
        // The statistics collector reports a little late.
        LockSupport.parkNanos(Duration.ofSeconds(2).toNanos());
        long statements = transactions() - statementsBefore;
        Map<String, Integer> requests = cluster.drainOperatorRequests();
        int total = requests.values().stream().mapToInt(Integer::intValue).sum();
        r.put("bindings", bindings);
        r.put("requestsPerBinding", (double) total / bindings);
        r.put("requests", requests);
        r.put("statementsPerBinding", (double) statements / bindings);

        List<Double> millis = new ArrayList<>();
        for (String ns : workspaces) {
          var data = decoded(cluster.client.secrets().inNamespace(ns).withName("orders").get());
          String user = data.get("username");
          String password = data.get("password");
          if (!canLogIn(user, password)) {
            throw new IllegalStateException(
                "user " + user + " cannot log in before its revocation");
          }
          long start = System.nanoTime();
          withdraw(cluster.client, ns);
          while (canLogIn(user, password)) {
            if (System.nanoTime() - start > Duration.ofSeconds(30).toNanos()) {
              throw new IllegalStateException(
                  "user " + user + " still logs in 30 s after revocation");
            }
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
          }
          millis.add((System.nanoTime() - start) / 1e6);
        }
        millis.sort(Double::compare);
        r.put("revocationP50Millis", Benchmark.percentile(millis, 0.50));
        r.put("revocationP99Millis", Benchmark.percentile(millis, 0.99));
      } finally {
        operator.stop();
      }
    }
    return r;
  }

  private static void awaitConnectionEvaluated(BenchCluster cluster) {
    while (true) {
      var c =
          cluster
              .client
              .resources(dev.switchboard.api.v1alpha1.Connection.class)
              .inNamespace("platform")
              .withName("per-binding")
              .get();
      if (c != null && Ready.isTrue(c)) {
        return;
      }
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }
  }

  private static void awaitReady(BenchCluster cluster, List<String> workspaces) {
    while (true) {
      long ready =
          workspaces.stream()
              .map(
                  ns ->
                      cluster
                          .client
                          .resources(WorkspaceBinding.class)
                          .inNamespace(ns)
                          .withName("orders")
                          .get())
              .filter(
                  b ->
                      b != null
                          && b.getStatus() != null
                          && Ready.isTrue(b.getStatus().getConditions()))
              .count();
      if (ready == workspaces.size()) {
        return;
      }
      LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
    }
  }

  /**
   * A login as the data source sees it (the machine's PostgreSQL trusts passwords; the role must
   * exist).
   */
  private static boolean canLogIn(String user, String password) {
    Properties p = new Properties();
    p.setProperty("user", user);
    p.setProperty("password", password);
    try (Connection c =
        DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + DATABASE, p)) {
      return true;
    } catch (SQLException refused) {
      return false;
    }
  }

  /**
   * Transactions committed or rolled back in the database: one per statement the provisioner runs.
   */
  private static long transactions() throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "postgres");
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", p);
        Statement st = c.createStatement()) {
      st.execute("SELECT pg_stat_clear_snapshot()");
      try (ResultSet rs =
          st.executeQuery(
              "SELECT xact_commit + xact_rollback FROM pg_stat_database"
                  + " WHERE datname = '"
                  + DATABASE
                  + "'")) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /**
   * Takes a workspace off the Connection's access list, as a user's edit does: read, change, write
   * guarded by the version read, and again when the operator wrote the Connection's status between.
   */
  private static void withdraw(io.fabric8.kubernetes.client.KubernetesClient client, String ns) {
    for (int attempt = 1; ; attempt++) {
      try {
        client
            .resources(dev.switchboard.api.v1alpha1.Connection.class)
            .inNamespace("platform")
            .withName("per-binding")
            .edit(
                c -> {
                  c.getSpec()
                      .getAccess()
                      .setNamespaces(
                          c.getSpec().getAccess().getNamespaces().stream()
                              .filter(n -> !n.equals(ns))
                              .toList());
                  return c;
                });
        return;
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 10) {
          throw e;
        }
      }
    }
  }
}
