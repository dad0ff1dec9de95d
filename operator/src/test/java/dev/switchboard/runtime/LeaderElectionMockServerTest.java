package dev.switchboard.runtime;

import static dev.switchboard.testing.Fixtures.binding;
import static dev.switchboard.testing.Fixtures.serviceAccount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.OperatorSettings;
import dev.switchboard.SwitchboardOperator;
import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.testing.ApiServerTest;
import dev.switchboard.testing.OperatorMockServerTest;
import dev.switchboard.testing.ReconcileCounter;
import dev.switchboard.testing.StrictClusters;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas: only the one holding the Lease reconciles, and the other takes over when it stops.
 */
@ApiServerTest
class LeaderElectionMockServerTest extends OperatorMockServerTest {
  private final ReconcileCounter firstCounter = new ReconcileCounter();
  private final ReconcileCounter secondCounter = new ReconcileCounter();
  private SwitchboardOperator first;
  private SwitchboardOperator second;

  @Override
  protected boolean startsOperator() {
    return false;
  }

  @AfterEach
  void stopBoth() {
    for (var op : new SwitchboardOperator[] {first, second}) {
      if (op != null) {
        op.stop();
      }
    }
  }

  private OperatorSettings replica(String identity) {
    return settings()
        .withLeaderElection(
            new OperatorSettings.LeaderElection(
                "switchboard-operator",
                StrictClusters.RELEASE_NAMESPACE,
                identity,
                Duration.ofSeconds(2)));
  }

  @Test
  void onlyTheLeaderReconcilesAndTheOtherTakesOverWhenItStops() {
    sharedOrdersDb();
    create(binding("team-a", "orders-db", "platform", "orders-db", serviceAccount("one")));

    first = newOperator(replica("first"), firstCounter);
    first.start();
    eventually()
        .until(() -> client.secrets().inNamespace("team-a").withName("orders-db").get() != null);
    second = newOperator(replica("second"), secondCounter);
    second.start();

    setSubject("two");
    eventually().until(() -> subjectOfRoleBinding().equals("two"));
    assertThat(firstCounter.finished(theBinding())).isPositive();
    assertThat(secondCounter.finished(theBinding()))
        .as("the standby replica reconciles nothing")
        .isZero();

    first.stop();
    first = null;
    setSubject("three");
    eventually()
        .untilAsserted(
            () -> {
              assertThat(subjectOfRoleBinding()).isEqualTo("three");
              // Counted when the reconcile returns, just after its writes.
              assertThat(secondCounter.finished(theBinding())).isPositive();
            });
  }

  private WorkspaceBinding theBinding() {
    return fetchBinding("team-a", "orders-db");
  }

  private void setSubject(String name) {
    edit(
        WorkspaceBinding.class,
        "team-a",
        "orders-db",
        b -> {
          b.getSpec().setSubjects(List.of(serviceAccount(name)));
          return b;
        });
  }

  private String subjectOfRoleBinding() {
    var rb =
        client
            .rbac()
            .roleBindings()
            .inNamespace("team-a")
            .withName("orders-db-switchboard-reader")
            .get();
    return rb == null ? "" : rb.getSubjects().get(0).getName();
  }
}
