package dev.switchboard.testing;

import static org.awaitility.Awaitility.await;

import dev.switchboard.OperatorSettings;
import dev.switchboard.SwitchboardOperator;
import dev.switchboard.api.v1alpha1.Connection;
import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.apiserver.Profile;
import dev.switchboard.apiserver.StrictApiServer;
import dev.switchboard.plugin.PluginRegistry;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.assertj.core.api.Assertions;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Runs the real operator in-process against the strict API server (kube-apiserver's rules over the
 * CRUD mock store), a new server per test, the operator authenticated as the chart's ServiceAccount
 * with the chart's RBAC.
 */
public abstract class OperatorMockServerTest {
  // The mock server logs every request through java.util.logging, which forgets the level of a
  // logger that nobody holds: hence a field.
  private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

  static {
    MOCK_SERVER_LOG.setLevel(Level.WARNING);
  }

  protected StrictApiServer cluster;
  protected KubernetesMockServer server;

  /** The cluster administrator's client: what a person with kubectl does. */
  protected KubernetesClient client;

  protected SwitchboardOperator operator;
  private final AtomicReference<KubernetesClient> operatorClient = new AtomicReference<>();
  protected final ReconcileCounter reconciles = new ReconcileCounter();

  @BeforeEach
  void startOperator() {
    cluster =
        StrictClusters.strict(profile(), chartValues(), KubernetesCrudDispatcher::new, front());
    server = cluster.mockServer();
    client = cluster.adminClient();
    if (startsOperator()) {
      startNewOperator();
    }
  }

  /** What stands between the clients and the server's rules (a fault injector, say). */
  protected UnaryOperator<Dispatcher> front() {
    return UnaryOperator.identity();
  }

  /** The API server the test runs against; a subclass runs the same tests on OpenShift's rules. */
  protected Profile profile() {
    return Profile.KUBERNETES;
  }

  /**
   * Values the chart whose RBAC the operator runs with is rendered with (as {@code helm install
   * --set}).
   */
  protected Map<String, Object> chartValues() {
    return Map.of();
  }

  /** Whether each test starts with the operator running; tests that run it their own way say no. */
  protected boolean startsOperator() {
    return true;
  }

  /** A client for the operator under test; its every request is recorded in {@link ApiAudit}. */
  protected KubernetesClient operatorClient() {
    return operatorClient.updateAndGet(
        existing -> existing != null ? existing : cluster.newOperatorClient());
  }

  @AfterEach
  void stopOperator() {
    if (operator != null) {
      operator.stop();
    }
    drainRequests();
    KubernetesClient own = operatorClient.getAndSet(null);
    if (own != null) {
      own.close();
    }
    try {
      if (!expectsRefusedWrites()) {
        // On a real cluster each of these is a failure the user would see.
        Assertions.assertThat(cluster.operatorRefusals())
            .as("requests of the operator that the API server refused")
            .isEmpty();
      }
    } finally {
      cluster.close();
    }
  }

  /**
   * Whether the test provokes refusals on purpose (a policy that refuses the operator's writes,
   * say).
   */
  protected boolean expectsRefusedWrites() {
    return false;
  }

  protected void startNewOperator() {
    operator = newOperator(settings(), reconciles);
    operator.start();
  }

  /** An operator with a client of its own, whose every request is recorded in {@link ApiAudit}. */
  protected SwitchboardOperator newOperator(OperatorSettings settings, ReconcileCounter counter) {
    return SwitchboardOperator.create(
        operatorClient(), Clock.systemUTC(), settings, counter, (plugin, outcome) -> {});
  }

  /**
   * Short test timeouts, so that a test of an unreachable host ends quickly; in the apiserver tier
   * the shared PostgreSQL is a {@link StandInPostgresql} with {@link StandInPostgresqlUsers}, so
   * that tier needs no data source.
   */
  protected OperatorSettings settings() {
    var settings =
        new OperatorSettings(
            4,
            Duration.ofMinutes(5),
            Duration.ofSeconds(3),
            Duration.ofSeconds(1),
            Set.of(),
            Optional.empty());
    return getClass().isAnnotationPresent(ApiServerTest.class)
        ? settings
            .withPlugins(PluginRegistry.builtIn().with(new StandInPostgresql()))
            .withProvisioner(new StandInPostgresqlUsers())
        : settings;
  }

  /**
   * Stops the operator without grace: its connections to the API server are cut first, so whatever
   * it was doing fails half-way, as when a Pod is killed.
   */
  protected void killOperator() {
    KubernetesClient own = operatorClient.getAndSet(null);
    if (own != null) {
      own.close();
    }
    if (operator != null) {
      operator.stop();
      operator = null;
    }
  }

  protected void restartOperator() {
    operator.stop();
    reconciles.reset();
    startNewOperator();
  }

  protected <T extends HasMetadata> T create(T resource) {
    return client.resource(resource).create();
  }

  /**
   * The stage most tests start from: namespaces platform and team-a, credential Secret platform/pg
   * and Connection platform/orders-db (the machine's PostgreSQL) that team-a may bind.
   */
  protected void sharedOrdersDb() {
    create(Fixtures.namespace("platform"));
    create(Fixtures.namespace("team-a"));
    create(Fixtures.credentials("platform", "pg", "username", "postgres", "password", "x"));
    create(Fixtures.postgres("platform", "orders-db", "pg", "team-a"));
  }

  /**
   * Creates past the CRD's schema, as an object stored under an older, looser CRD version would be.
   */
  protected <T extends HasMetadata> T createLoosely(T resource) {
    return cluster.looseSchemaClient().resource(resource).create();
  }

  protected static ConditionFactory eventually() {
    return await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(50))
        .ignoreExceptions();
  }

  protected WorkspaceBinding fetchBinding(String namespace, String name) {
    return client.resources(WorkspaceBinding.class).inNamespace(namespace).withName(name).get();
  }

  protected Connection fetchConnection(String namespace, String name) {
    return client.resources(Connection.class).inNamespace(namespace).withName(name).get();
  }

  protected static Condition condition(List<Condition> conditions, String type) {
    return conditions.stream()
        .filter(c -> c.getType().equals(type))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no condition " + type + " in " + conditions));
  }

  /**
   * Changes an object as a user would, retrying when the operator wrote it in between (409
   * Conflict): the edit carries the resourceVersion it read.
   */
  protected <T extends HasMetadata> void edit(
      Class<T> kind, String namespace, String name, UnaryOperator<T> change) {
    eventually()
        .until(
            () -> {
              var resource =
                  namespace == null
                      ? client.resources(kind).withName(name)
                      : client.resources(kind).inNamespace(namespace).withName(name);
              resource.edit(change);
              return true;
            });
  }

  /** Every request the mock server received since the last call. */
  protected List<RecordedRequest> drainRequests() {
    List<RecordedRequest> out = new ArrayList<>();
    try {
      RecordedRequest r;
      while ((r = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
        ApiAudit.record(r);
        out.add(r);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return out;
  }

  protected static List<String> writes(List<RecordedRequest> requests) {
    return requests.stream()
        .filter(r -> !"GET".equals(r.getMethod()))
        .map(r -> r.getMethod() + " " + r.getPath())
        .toList();
  }
}
