package dev.switchboard.binding;

import static dev.switchboard.testing.Fixtures.binding;
import static dev.switchboard.testing.Fixtures.credentials;
import static dev.switchboard.testing.Fixtures.namespace;
import static dev.switchboard.testing.Fixtures.postgres;
import static dev.switchboard.testing.Fixtures.serviceAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.OperatorSettings;
import dev.switchboard.SwitchboardOperator;
import dev.switchboard.api.v1alpha1.Connection;
import dev.switchboard.api.v1alpha1.ConnectionStatus;
import dev.switchboard.testing.ApiServerTest;
import dev.switchboard.testing.OperatorMockServerTest;
import dev.switchboard.testing.Ready;
import dev.switchboard.testing.ReconcileCounter;
import dev.switchboard.testing.ShiftedClock;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a real API server insists on and the mock store never did: names of any valid length, other
 * writers.
 */
@ApiServerTest
class RealClusterRulesMockServerTest extends OperatorMockServerTest {
  @BeforeEach
  void platform() {
    sharedOrdersDb();
  }

  @ParameterizedTest
  @ValueSource(ints = {64, 100, 253})
  void aBindingNameOfAnyValidLengthIsBound(int length) {
    String name = "b" + "x".repeat(length - 2) + "b";
    create(binding("team-a", name, "platform", "orders-db", serviceAccount("app")));
    eventually()
        .untilAsserted(
            () -> {
              assertThat(
                      condition(fetchBinding("team-a", name).getStatus().getConditions(), "Ready")
                          .getStatus())
                  .isEqualTo("True");
              assertThat(client.secrets().inNamespace("team-a").withName(name).get()).isNotNull();
              assertThat(client.rbac().roleBindings().inNamespace("team-a").list().getItems())
                  .hasSize(1);
            });
  }

  @Test
  void statusStaysRightWhenSomethingElseWritesItToo() {
    eventually().until(() -> Ready.isTrue(fetchConnection("platform", "orders-db")));
    for (int round = 0; round < 15; round++) {
      // Another writer (a policy engine, a person with kubectl) replaces the status the operator
      // wrote...
      var status = new ConnectionStatus();
      status.setConditions(
          List.of(
              new ConditionBuilder()
                  .withType("Ready")
                  .withStatus("False")
                  .withReason("SetByOthers")
                  .withMessage("not the operator")
                  .withLastTransitionTime("2026-01-01T00:00:00Z")
                  .build()));
      eventually()
          .until(
              () -> {
                var other = fetchConnection("platform", "orders-db");
                other.setStatus(status);
                client.resource(other).updateStatus();
                return true;
              });
      // ... while the operator is asked to test again, so that its next write races with the cache.
      String request = "r" + round;
      edit(
          Connection.class,
          "platform",
          "orders-db",
          c -> {
            c.getMetadata().setAnnotations(Map.of("switchboard.dev/test-requested", request));
            return c;
          });
    }
    eventually()
        .untilAsserted(
            () -> {
              Connection c = fetchConnection("platform", "orders-db");
              assertThat(Ready.isTrue(c)).isTrue();
              assertThat(c.getStatus().getLastTest().getRequest()).isEqualTo("r14");
            });
    // Asserted for every test after it ends: no write of the operator's was refused (no 422 for a
    // stale patch).
  }

  @Test
  void aWriteRefusedForGoodIsReportedOnceAndRetriedLater() {
    refusalsExpected = true;
    cluster.denyWrites("secrets", "team-a", "policy.example.com", "Secrets need the label team");
    create(binding("team-a", "orders", "platform", "orders-db", serviceAccount("app")));
    eventually()
        .untilAsserted(
            () -> {
              var ready =
                  condition(fetchBinding("team-a", "orders").getStatus().getConditions(), "Ready");
              assertThat(ready.getStatus()).isEqualTo("False");
              assertThat(ready.getReason()).isEqualTo("WriteRejected");
              assertThat(ready.getMessage())
                  .contains(
                      "admission webhook \"policy.example.com\" denied the request: "
                          + "Secrets need the label team");
            });
    int refusedSoFar = cluster.operatorRefusals().size();
    assertThat(client.v1().events().inNamespace("team-a").list().getItems())
        .filteredOn(e -> "WriteRejected".equals(e.getReason()))
        .hasSize(1);
    // Retried with backoff, not in a hot loop: at most a handful of tries in the first seconds.
    assertThat(refusedSoFar).isBetween(1, 3);

    cluster.allowWrites();
    eventually()
        .untilAsserted(
            () -> {
              assertThat(
                      condition(
                              fetchBinding("team-a", "orders").getStatus().getConditions(), "Ready")
                          .getStatus())
                  .isEqualTo("True");
              assertThat(client.secrets().inNamespace("team-a").withName("orders").get())
                  .isNotNull();
            });
  }

  @Test
  void aConnectionWhoseCredentialSecretCannotBeLabelledSaysSo() {
    refusalsExpected = true;
    create(namespace("platform-b"));
    create(credentials("platform-b", "pg", "username", "postgres", "password", "x"));
    cluster.denyWrites(
        "secrets", "platform-b", "policy.example.com", "Secrets here are managed by GitOps only");
    create(postgres("platform-b", "held-db", "pg"));
    eventually()
        .untilAsserted(
            () -> {
              var ready =
                  condition(
                      fetchConnection("platform-b", "held-db").getStatus().getConditions(),
                      "Ready");
              assertThat(ready.getStatus()).isEqualTo("False");
              assertThat(ready.getReason()).isEqualTo("WriteRejected");
              assertThat(ready.getMessage()).contains("Secrets here are managed by GitOps only");
            });
    assertThat(client.v1().events().inNamespace("platform-b").list().getItems())
        .filteredOn(e -> "WriteRejected".equals(e.getReason()))
        .hasSize(1);
    cluster.allowWrites();
    eventually().until(() -> Ready.isTrue(fetchConnection("platform-b", "held-db")));
  }

  @Test
  void aRefusalLiftedAfterAMinuteIsNoticedWithinHalfAMinute() {
    refusalsExpected = true;
    cluster.denyWrites("secrets", "team-a", "quota.example.com", "exceeded quota: secrets");
    create(binding("team-a", "orders", "platform", "orders-db", serviceAccount("app")));
    eventually()
        .untilAsserted(
            () ->
                assertThat(
                        condition(
                                fetchBinding("team-a", "orders").getStatus().getConditions(),
                                "Ready")
                            .getReason())
                    .isEqualTo("WriteRejected"));
    // The first tries are scheduled 5 s apart; once the refusal has lasted a minute as the operator
    // counts, the next try after that is scheduled by its age.
    await().atMost(Duration.ofSeconds(10)).until(() -> cluster.operatorRefusals().size() >= 2);
    int refused = cluster.operatorRefusals().size();
    clock.moveAhead(Duration.ofMinutes(1));
    await().atMost(Duration.ofSeconds(10)).until(() -> cluster.operatorRefusals().size() > refused);

    cluster.allowWrites();
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(
            () ->
                "True"
                    .equals(
                        condition(
                                fetchBinding("team-a", "orders").getStatus().getConditions(),
                                "Ready")
                            .getStatus()));
  }

  private final ShiftedClock clock = new ShiftedClock();

  @Override
  protected SwitchboardOperator newOperator(OperatorSettings settings, ReconcileCounter counter) {
    return SwitchboardOperator.create(
        operatorClient(), clock, settings, counter, (plugin, outcome) -> {});
  }

  private boolean refusalsExpected;

  @Override
  protected boolean expectsRefusedWrites() {
    return refusalsExpected;
  }
}
