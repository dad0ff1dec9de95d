package dev.switchboard.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.v1alpha1.Connection;
import dev.switchboard.api.v1alpha1.ConnectionStatus;
import dev.switchboard.api.v1alpha1.LastTest;
import dev.switchboard.credentials.ResolvedCredentials;
import dev.switchboard.kube.ConditionSet;
import dev.switchboard.plugin.Credentials;
import dev.switchboard.plugin.TestSettings;
import dev.switchboard.testing.Fixtures;
import dev.switchboard.testing.UnitTest;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A Connection's conditions for each situation it can be in, built without a cluster. */
@UnitTest
class ConnectionStatusBuilderTest {
  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  private final ConnectionStatusBuilder builder =
      new ConnectionStatusBuilder(Clock.fixed(NOW, ZoneOffset.UTC));
  private final TestSettings tests =
      new TestSettings(true, Duration.ofMinutes(5), Duration.ofSeconds(10));
  private final ResolvedCredentials resolved =
      ResolvedCredentials.ok(
          ResolvedCredentials.RESOLVED,
          "resolved",
          new Credentials("app", "secret", Map.of()),
          null);
  private final BindingUsage unused = new BindingUsage(List.of(), List.of());

  private static Connection connection() {
    Connection c = Fixtures.postgres("platform", "orders-db", "pg", "team-a");
    c.getMetadata().setGeneration(3L);
    return c;
  }

  private static LastTest test(String reason) {
    LastTest last = new LastTest();
    last.setTime(NOW.toString());
    last.setReason(reason);
    last.setMessage("PostgreSQL said " + reason);
    return last;
  }

  private static Condition ready(ConnectionStatus status) {
    return ConditionSet.find(status.getConditions(), ConnectionStatusBuilder.READY);
  }

  @Test
  void anInvalidSpecIsReadyFalseWithEveryProblemAndNothingElseEvaluated() {
    var status = builder.build(connection(), List.of("a", "b"), null, null, null, unused, null);
    assertThat(ready(status).getReason()).isEqualTo("InvalidSpec");
    assertThat(ready(status).getMessage()).isEqualTo("a; b");
    assertThat(status.getObservedGeneration()).isEqualTo(3L);
    assertThat(ready(status).getObservedGeneration()).isEqualTo(3L);
  }

  @Test
  void untestedIsUnknownThenTheLastTestDecides() {
    assertThat(ready(builder.build(connection(), List.of(), resolved, tests, null, unused, null)))
        .extracting(Condition::getStatus, Condition::getReason)
        .containsExactly("Unknown", "NotYetTested");
    assertThat(
            ready(
                builder.build(
                    connection(), List.of(), resolved, tests, test("Succeeded"), unused, null)))
        .extracting(Condition::getStatus, Condition::getReason)
        .containsExactly("True", "Ready");
    assertThat(
            ready(
                builder.build(
                    connection(),
                    List.of(),
                    resolved,
                    tests,
                    test("ConnectionRefused"),
                    unused,
                    null)))
        .extracting(Condition::getStatus, Condition::getReason)
        .containsExactly("False", "ConnectionRefused");
  }

  @Test
  void disabledTestsLeaveReadyToTheCredentials() {
    var off = new TestSettings(false, Duration.ofMinutes(5), Duration.ofSeconds(10));
    var status = builder.build(connection(), List.of(), resolved, off, null, unused, null);
    assertThat(ready(status).getStatus()).isEqualTo("True");
    assertThat(ConditionSet.reason(status.getConditions(), ConnectionStatusBuilder.TESTED))
        .isEqualTo("Disabled");
    var missing =
        ResolvedCredentials.failed(
            ResolvedCredentials.SECRET_NOT_FOUND, "Secret platform/pg not found", null);
    assertThat(
            ready(builder.build(connection(), List.of(), missing, off, null, unused, null))
                .getReason())
        .isEqualTo("CredentialsUnavailable");
  }

  @Test
  void aRefusedWriteAndADeletionWaitingForBindingsSaySo() {
    assertThat(
            ready(
                    builder.build(
                        connection(),
                        List.of(),
                        resolved,
                        tests,
                        test("Succeeded"),
                        unused,
                        "admission webhook denied"))
                .getReason())
        .isEqualTo("WriteRejected");
    Connection deleting = connection();
    deleting.getMetadata().setDeletionTimestamp(NOW.toString());
    var inUse = new BindingUsage(List.of("team-a/orders-db"), List.of());
    var status =
        builder.build(deleting, List.of(), resolved, tests, test("Succeeded"), inUse, null);
    assertThat(ready(status).getReason()).isEqualTo("InUse");
    assertThat(ready(status).getMessage()).contains("team-a/orders-db");
  }

  @Test
  void anUnchangedConditionKeepsItsTransitionTime() {
    var first =
        builder.build(connection(), List.of(), resolved, tests, test("Succeeded"), unused, null);
    Connection again = connection();
    again.setStatus(first);
    var later =
        new ConnectionStatusBuilder(Clock.fixed(NOW.plusSeconds(600), ZoneOffset.UTC))
            .build(again, List.of(), resolved, tests, test("Succeeded"), unused, null);
    assertThat(ready(later).getLastTransitionTime())
        .isEqualTo(ready(first).getLastTransitionTime());
  }
}
