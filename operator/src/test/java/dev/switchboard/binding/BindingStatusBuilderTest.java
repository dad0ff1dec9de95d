package dev.switchboard.binding;

import static dev.switchboard.testing.Fixtures.binding;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.v1alpha1.BoundConnection;
import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.kube.ConditionSet;
import dev.switchboard.testing.UnitTest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** A binding's status for each outcome, built without a cluster. */
@UnitTest
class BindingStatusBuilderTest {
  private final BindingStatusBuilder builder =
      new BindingStatusBuilder(Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC));

  private static WorkspaceBinding bound() {
    WorkspaceBinding b = binding("team-a", "orders-db", "platform", "orders-db");
    b.getMetadata().setGeneration(2L);
    return b;
  }

  @Test
  void readyNamesTheSecretAsTheProvisionedService() {
    var status =
        builder.build(
            bound(),
            new BindingOutcome.Bound(
                "orders-db", new BoundConnection("postgresql", true), "sha256:1", null, null));
    assertThat(ConditionSet.isTrue(status.getConditions(), BindingStatusBuilder.READY)).isTrue();
    assertThat(ConditionSet.isTrue(status.getConditions(), BindingStatusBuilder.BOUND)).isTrue();
    assertThat(status.getBinding().getName()).isEqualTo("orders-db");
    assertThat(status.getDataHash()).isEqualTo("sha256:1");
    assertThat(status.getObservedGeneration()).isEqualTo(2L);
  }

  @Test
  void aFailureWithTheLastGoodSecretIsBoundButNotReady() {
    var status =
        builder.build(
            bound(),
            new BindingOutcome.Failed(
                BindingOutcome.CREDENTIALS_UNAVAILABLE,
                "Secret gone",
                true,
                "orders-db",
                null,
                "sha256:1",
                null));
    assertThat(ConditionSet.reason(status.getConditions(), BindingStatusBuilder.READY))
        .isEqualTo("CredentialsUnavailable");
    assertThat(ConditionSet.isTrue(status.getConditions(), BindingStatusBuilder.BOUND)).isTrue();
    assertThat(status.getSecretName()).isEqualTo("orders-db");
  }

  @Test
  void aRefusalWithoutASecretIsNeitherAndNamesNoSecret() {
    var status =
        builder.build(
            bound(),
            new BindingOutcome.Failed(
                BindingOutcome.NOT_PERMITTED, "no", false, "orders-db", null, null, null));
    assertThat(ConditionSet.reason(status.getConditions(), BindingStatusBuilder.BOUND))
        .isEqualTo("NotPermitted");
    assertThat(ConditionSet.reason(status.getConditions(), BindingStatusBuilder.READY))
        .isEqualTo("NotPermitted");
    assertThat(status.getBinding()).isNull();
    assertThat(status.getSecretName()).isNull();
  }
}
