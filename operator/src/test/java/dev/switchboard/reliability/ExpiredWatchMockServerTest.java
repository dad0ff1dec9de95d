package dev.switchboard.reliability;

import static dev.switchboard.testing.Fixtures.binding;
import static dev.switchboard.testing.Fixtures.serviceAccount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.testing.ApiServerTest;
import dev.switchboard.testing.OperatorMockServerTest;
import dev.switchboard.testing.WatchExpiry;
import io.fabric8.mockwebserver.http.Dispatcher;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * kube-apiserver ends watches with 410 Gone after etcd compaction, and the relists that follow
 * arrive in any order. A binding deleted while its kind's relist is still under way must not come
 * back: its Secret, Role and RoleBinding are never created again, whatever events of those kinds
 * arrive meanwhile.
 */
@ApiServerTest
class ExpiredWatchMockServerTest extends OperatorMockServerTest {
  private WatchExpiry expiry;

  @Override
  protected UnaryOperator<Dispatcher> front() {
    return strict -> expiry = new WatchExpiry(strict, "workspacebindings");
  }

  @Test
  void aBindingDeletedWhileItsKindRelistsIsNeverBoundAgain() {
    sharedOrdersDb();
    create(binding("team-a", "orders-db", "platform", "orders-db", serviceAccount("orders-api")));
    eventually()
        .untilAsserted(
            () -> {
              WorkspaceBinding bound = fetchBinding("team-a", "orders-db");
              assertThat(condition(bound.getStatus().getConditions(), "Ready").getStatus())
                  .isEqualTo("True");
              assertThat(expiry.openWatches()).isPositive();
            });

    expiry.expire();
    int writesBefore = expiry.operatorWrites().size();
    client.resources(WorkspaceBinding.class).inNamespace("team-a").withName("orders-db").delete();
    // The garbage collector takes the binding's objects; the operator sees them go while its
    // cache still holds the binding.
    eventually()
        .untilAsserted(
            () -> {
              assertThat(client.secrets().inNamespace("team-a").withName("orders-db").get())
                  .isNull();
              assertThat(
                      client
                          .rbac()
                          .roleBindings()
                          .inNamespace("team-a")
                          .withName("orders-db-switchboard-reader")
                          .get())
                  .isNull();
            });
    // Long enough for each event of the other kinds to be reconciled from the stale cache.
    Awaitility.await()
        .pollDelay(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(4))
        .until(() -> true);
    expiry.relist();
    eventually().untilAsserted(() -> assertThat(expiry.openWatches()).isPositive());

    assertThat(
            expiry.operatorWrites().subList(writesBefore, expiry.operatorWrites().size()).stream()
                .filter(
                    w ->
                        w.startsWith("POST /api/v1/namespaces/team-a/")
                            || w.startsWith(
                                "POST /apis/rbac.authorization.k8s.io/v1/namespaces/team-a/")))
        .as("objects created for the deleted binding")
        .isEmpty();
    assertThat(client.secrets().inNamespace("team-a").withName("orders-db").get()).isNull();
  }
}
