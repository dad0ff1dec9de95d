package dev.switchboard.reliability;

import static dev.switchboard.testing.Fixtures.b64;
import static dev.switchboard.testing.Fixtures.binding;
import static dev.switchboard.testing.Fixtures.credentials;
import static dev.switchboard.testing.Fixtures.decoded;
import static dev.switchboard.testing.Fixtures.namespace;
import static dev.switchboard.testing.Fixtures.postgres;
import static dev.switchboard.testing.Fixtures.serviceAccount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.v1alpha1.Connection;
import dev.switchboard.api.v1alpha1.ConnectionTestPolicy;
import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.testing.OperatorMockServerTest;
import dev.switchboard.testing.ReliabilityTest;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * The operator is killed at random points while it converges, twenty times, and a new instance
 * started each time. It still converges, leaves no orphan, and once converged writes nothing.
 */
@ReliabilityTest
class CrashRecoveryMockServerTest extends OperatorMockServerTest {
  private static final int CRASHES = 20;
  private static final int CONNECTIONS = 4;
  private static final int BINDINGS_PER_NAMESPACE = 8;
  private static final List<String> WORKSPACES = List.of("ws-1", "ws-2", "ws-3");

  @Override
  protected boolean startsOperator() {
    return false;
  }

  @Test
  void convergesAfterTwentyCrashesWithoutOrphansAndThenWritesNothing() {
    Random random = new Random(42);
    create(namespace("platform"));
    WORKSPACES.forEach(ns -> create(namespace(ns)));
    for (int c = 0; c < CONNECTIONS; c++) {
      create(
          credentials(
              "platform", "cred-" + c, "username", "postgres", "password", "pw-" + c + "-0"));
      var conn = postgres("platform", "conn-" + c, "cred-" + c, WORKSPACES.toArray(String[]::new));
      conn.getSpec().setTest(new ConnectionTestPolicy());
      conn.getSpec().getTest().setEnabled(false);
      create(conn);
    }
    for (String ns : WORKSPACES) {
      for (int b = 0; b < BINDINGS_PER_NAMESPACE; b++) {
        create(
            binding(ns, "b-" + b, "platform", "conn-" + (b % CONNECTIONS), serviceAccount("app")));
      }
    }

    for (int crash = 1; crash <= CRASHES; crash++) {
      startNewOperator();
      // Keep the operator busy while it dies: rotate a password, or withdraw and restore a
      // workspace's access.
      int c = random.nextInt(CONNECTIONS);
      int round = crash;
      edit(
          Secret.class,
          "platform",
          "cred-" + c,
          s -> {
            s.getData().put("password", b64("pw-" + c + "-" + round));
            return s;
          });
      if (crash % 5 == 0) {
        edit(
            Connection.class,
            "platform",
            "conn-" + c,
            conn -> {
              conn.getSpec()
                  .getAccess()
                  .setNamespaces(round % 10 == 0 ? WORKSPACES : List.of("ws-1", "ws-2"));
              return conn;
            });
      }
      LockSupport.parkNanos(Duration.ofMillis(random.nextInt(600)).toNanos());
      killOperator();
    }
    ReliabilityFigures.record("crash points (operator killed mid-convergence, seed 42)", CRASHES);

    startNewOperator();
    eventually().atMost(Duration.ofSeconds(60)).untilAsserted(this::converged);
    assertNoOrphans();

    drainRequests();
    restartOperator();
    eventually()
        .untilAsserted(
            () ->
                assertThat(everything())
                    .allSatisfy(r -> assertThat(reconciles.finished(r)).isPositive()));
    assertThat(writes(drainRequests())).as("writes after convergence").isEmpty();
  }

  private void converged() {
    for (String ns : WORKSPACES) {
      for (int b = 0; b < BINDINGS_PER_NAMESPACE; b++) {
        Connection conn = fetchConnection("platform", "conn-" + (b % CONNECTIONS));
        boolean permitted = conn.getSpec().getAccess().getNamespaces().contains(ns);
        WorkspaceBinding wb = fetchBinding(ns, "b-" + b);
        var ready = condition(wb.getStatus().getConditions(), "Ready");
        assertThat(wb.getStatus().getObservedGeneration())
            .isEqualTo(wb.getMetadata().getGeneration());
        Secret bound = client.secrets().inNamespace(ns).withName("b-" + b).get();
        if (permitted) {
          assertThat(ready.getReason()).isEqualTo("Ready");
          String expected =
              new String(
                  Base64.getDecoder()
                      .decode(
                          client
                              .secrets()
                              .inNamespace("platform")
                              .withName("cred-" + (b % CONNECTIONS))
                              .get()
                              .getData()
                              .get("password")));
          assertThat(decoded(bound)).containsEntry("password", expected);
        } else {
          assertThat(ready.getReason()).isEqualTo("NotPermitted");
          assertThat(bound).isNull();
        }
      }
    }
  }

  private void assertNoOrphans() {
    for (String ns : WORKSPACES) {
      List<HasMetadata> produced = new ArrayList<>();
      produced.addAll(client.secrets().inNamespace(ns).list().getItems());
      produced.addAll(client.rbac().roles().inNamespace(ns).list().getItems());
      produced.addAll(client.rbac().roleBindings().inNamespace(ns).list().getItems());
      for (HasMetadata r : produced) {
        var owner = r.getMetadata().getOwnerReferences().get(0);
        WorkspaceBinding wb = fetchBinding(ns, owner.getName());
        assertThat(wb).as("owner of %s %s", r.getKind(), r.getMetadata().getName()).isNotNull();
        assertThat(owner.getUid()).isEqualTo(wb.getMetadata().getUid());
        assertThat(condition(wb.getStatus().getConditions(), "Ready").getReason())
            .isEqualTo("Ready");
      }
      assertThat(client.secrets().inNamespace(ns).list().getItems())
          .as("one Secret per bound binding")
          .hasSizeLessThanOrEqualTo(BINDINGS_PER_NAMESPACE);
    }
  }

  private List<HasMetadata> everything() {
    List<HasMetadata> all = new ArrayList<>();
    for (int c = 0; c < CONNECTIONS; c++) {
      all.add(fetchConnection("platform", "conn-" + c));
    }
    for (String ns : WORKSPACES) {
      for (int b = 0; b < BINDINGS_PER_NAMESPACE; b++) {
        all.add(fetchBinding(ns, "b-" + b));
      }
    }
    return all;
  }
}
