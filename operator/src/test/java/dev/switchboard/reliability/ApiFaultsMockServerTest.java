package dev.switchboard.reliability;

import static dev.switchboard.testing.Fixtures.binding;
import static dev.switchboard.testing.Fixtures.credentials;
import static dev.switchboard.testing.Fixtures.decoded;
import static dev.switchboard.testing.Fixtures.namespace;
import static dev.switchboard.testing.Fixtures.postgres;
import static dev.switchboard.testing.Fixtures.serviceAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.OperatorSettings;
import dev.switchboard.SwitchboardOperator;
import dev.switchboard.api.v1alpha1.Connection;
import dev.switchboard.api.v1alpha1.ConnectionTestPolicy;
import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.apiserver.Profile;
import dev.switchboard.apiserver.StrictApiServer;
import dev.switchboard.testing.FaultInjectingDispatcher;
import dev.switchboard.testing.LogCapture;
import dev.switchboard.testing.Ready;
import dev.switchboard.testing.ReconcileCounter;
import dev.switchboard.testing.ReliabilityTest;
import dev.switchboard.testing.StrictClusters;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * 200 bindings converge while a fifth of the operator's requests fail (500, 409, 429, slow answers,
 * refused watches): no duplicate or leftover object, no wrong data, no credential in any log, and a
 * bounded number of requests (retries back off instead of looping).
 */
@ReliabilityTest
class ApiFaultsMockServerTest {
  private static final int BINDINGS = 200;
  private static final int CONNECTIONS = 10;
  private static final String PASSWORD = "fault-run-canary-pw";

  private FaultInjectingDispatcher faults;
  private StrictApiServer server;
  private KubernetesClient client;
  private KubernetesClient operatorClient;
  private SwitchboardOperator operator;
  private final ReconcileCounter reconciles = new ReconcileCounter();

  @BeforeEach
  void start() {
    // Faults in front of the strict API server: they hit the operator's requests before the
    // server's rules do.
    server =
        StrictClusters.strict(
            Profile.KUBERNETES,
            Map.of(),
            KubernetesCrudDispatcher::new,
            strict -> {
              faults = new FaultInjectingDispatcher(strict, 0.2, 7L);
              return faults;
            });
    client = server.adminClient();
    operatorClient = server.newOperatorClient();
  }

  @AfterEach
  void stop() {
    if (operator != null) {
      operator.stop();
    }
    operatorClient.close();
    assertThat(server.operatorRefusals()).as("requests the API server refused for good").isEmpty();
    server.close();
  }

  @Test
  void bindingsConvergeUnderApiFaults() {
    client.resource(namespace("platform")).create();
    List<String> workspaces = List.of("ws-a", "ws-b", "ws-c", "ws-d");
    workspaces.forEach(ns -> client.resource(namespace(ns)).create());
    for (int c = 0; c < CONNECTIONS; c++) {
      client
          .resource(
              credentials(
                  "platform", "cred-" + c, "username", "postgres", "password", PASSWORD + c))
          .create();
      var conn = postgres("platform", "conn-" + c, "cred-" + c, workspaces.toArray(String[]::new));
      conn.getSpec().setTest(new ConnectionTestPolicy());
      conn.getSpec().getTest().setEnabled(false);
      client.resource(conn).create();
    }
    for (int b = 0; b < BINDINGS; b++) {
      client
          .resource(
              binding(
                  workspaces.get(b % workspaces.size()),
                  "b-" + b,
                  "platform",
                  "conn-" + (b % CONNECTIONS),
                  serviceAccount("app")))
          .create();
    }

    try (LogCapture logs = new LogCapture()) {
      operator =
          SwitchboardOperator.create(
              operatorClient,
              Clock.systemUTC(),
              new OperatorSettings(
                  4,
                  Duration.ofMinutes(5),
                  Duration.ofSeconds(3),
                  Duration.ofSeconds(1),
                  Set.of(),
                  Optional.empty()),
              reconciles,
              (p, o) -> {});
      operator.start();
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(500))
          .ignoreExceptions()
          .untilAsserted(() -> assertConverged(workspaces));
      assertThat(logs.text()).doesNotContain(PASSWORD);
    }
    String visible =
        client.v1().events().inAnyNamespace().list().getItems().toString()
            + client.resources(Connection.class).inAnyNamespace().list().getItems()
            + client.resources(WorkspaceBinding.class).inAnyNamespace().list().getItems();
    assertThat(visible).as("Events and status").doesNotContain(PASSWORD);

    var injected = faults.injected();
    int requests = faults.operatorRequests();
    assertThat(injected.values().stream().mapToInt(Integer::intValue).sum())
        .isGreaterThan(BINDINGS / 2);
    assertThat(requests)
        .as("requests for %d bindings: retries back off, nothing loops", BINDINGS)
        .isLessThan(BINDINGS * 25);
    ReliabilityFigures.record(
        "API faults injected while "
            + BINDINGS
            + " bindings converged (20% of the operator's"
            + " requests)",
        injected + ", operator requests " + requests);
  }

  private void assertConverged(List<String> workspaces) {
    for (int b = 0; b < BINDINGS; b++) {
      String ns = workspaces.get(b % workspaces.size());
      WorkspaceBinding wb =
          client.resources(WorkspaceBinding.class).inNamespace(ns).withName("b-" + b).get();
      assertThat(wb.getStatus()).as("b-" + b).isNotNull();
      assertThat(Ready.reason(wb)).isEqualTo("Ready");
      var secret = client.secrets().inNamespace(ns).withName("b-" + b).get();
      assertThat(decoded(secret)).containsEntry("password", PASSWORD + (b % CONNECTIONS));
    }
    for (String ns : workspaces) {
      assertThat(client.secrets().inNamespace(ns).list().getItems())
          .hasSize(BINDINGS / workspaces.size());
      assertThat(client.rbac().roles().inNamespace(ns).list().getItems())
          .hasSize(BINDINGS / workspaces.size());
      assertThat(client.rbac().roleBindings().inNamespace(ns).list().getItems())
          .hasSize(BINDINGS / workspaces.size());
    }
    for (int c = 0; c < CONNECTIONS; c++) {
      Connection conn =
          client.resources(Connection.class).inNamespace("platform").withName("conn-" + c).get();
      assertThat(conn.getStatus().getBindings().getCount()).isEqualTo(BINDINGS / CONNECTIONS);
    }
  }
}
