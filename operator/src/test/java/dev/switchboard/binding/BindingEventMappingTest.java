package dev.switchboard.binding;

import static dev.switchboard.testing.Fixtures.binding;
import static dev.switchboard.testing.Fixtures.credentials;
import static dev.switchboard.testing.Fixtures.namespace;
import static dev.switchboard.testing.Fixtures.postgres;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.v1alpha1.Connection;
import dev.switchboard.api.v1alpha1.ConnectionStatus;
import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.testing.UnitTest;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which bindings wake up for an event about another object, with the cache lookups as plain maps.
 */
@UnitTest
class BindingEventMappingTest {
  private final WorkspaceBinding a = binding("team-a", "orders", "platform", "orders-db");
  private final WorkspaceBinding b = binding("team-b", "orders", "platform", "orders-db");
  private final Connection orders = postgres("platform", "orders-db", "pg");
  private final Map<String, List<WorkspaceBinding>> byConnection =
      Map.of("platform/orders-db", List.of(a, b));

  @Test
  void aConnectionWakesTheBindingsThatReferToIt() {
    assertThat(
            BindingEventMapping.ofConnection(
                orders, key -> byConnection.getOrDefault(key, List.of())))
        .containsExactlyInAnyOrder(
            new ResourceID("orders", "team-a"), new ResourceID("orders", "team-b"));
    assertThat(
            BindingEventMapping.ofConnection(
                postgres("platform", "other", "pg"),
                key -> byConnection.getOrDefault(key, List.of())))
        .isEmpty();
  }

  @Test
  void aCredentialSecretWakesTheBindingsOfEveryConnectionUsingIt() {
    var evaluated = withStatus(postgres("platform", "orders-db", "pg"), "True", 1L, 2);
    Map<String, List<Connection>> bySecret = Map.of("platform/pg", List.of(evaluated));
    assertThat(
            BindingEventMapping.ofCredentialSecret(
                credentials("platform", "pg"),
                key -> bySecret.getOrDefault(key, List.of()),
                key -> byConnection.getOrDefault(key, List.of())))
        .hasSize(2);
    assertThat(
            BindingEventMapping.ofCredentialSecret(
                credentials("platform", "unrelated"),
                key -> bySecret.getOrDefault(key, List.of()),
                key -> byConnection.getOrDefault(key, List.of())))
        .isEmpty();
  }

  @Test
  void aCredentialSecretOfAConnectionNotEvaluatedYetWakesNoBinding() {
    // Its bindings wait for the Connection's first status, which wakes them; the label the
    // Connection puts on the Secret first would wake every one of them for nothing.
    Map<String, List<Connection>> bySecret = Map.of("platform/pg", List.of(orders));
    assertThat(
            BindingEventMapping.ofCredentialSecret(
                credentials("platform", "pg"),
                key -> bySecret.getOrDefault(key, List.of()),
                key -> byConnection.getOrDefault(key, List.of())))
        .isEmpty();
  }

  @Test
  void aNamespaceWakesItsBindings() {
    assertThat(
            BindingEventMapping.ofNamespace(
                namespace("team-a"), name -> name.equals("team-a") ? List.of(a) : List.of()))
        .containsExactly(new ResourceID("orders", "team-a"));
  }

  @Test
  void aProducedObjectWakesTheBindingThatControlsItOnly() {
    var owned =
        new SecretBuilder()
            .withNewMetadata()
            .withName("orders")
            .withNamespace("team-a")
            .withOwnerReferences(
                new OwnerReferenceBuilder()
                    .withApiVersion("switchboard.dev/v1alpha1")
                    .withKind("WorkspaceBinding")
                    .withName("orders")
                    .withUid("u1")
                    .withController(true)
                    .build())
            .endMetadata()
            .build();
    assertThat(BindingEventMapping.ofProduced(owned))
        .containsExactly(new ResourceID("orders", "team-a"));
    var notControlled =
        new SecretBuilder()
            .withNewMetadata()
            .withName("x")
            .withNamespace("team-a")
            .endMetadata()
            .build();
    assertThat(BindingEventMapping.ofProduced(notControlled)).isEmpty();
  }

  @Test
  void onlySpecReadinessAndDeletionOfAConnectionConcernBindings() {
    Connection before = withStatus(postgres("platform", "orders-db", "pg"), "True", 1L, 3);
    Connection countChanged = withStatus(postgres("platform", "orders-db", "pg"), "True", 1L, 4);
    assertThat(BindingEventMapping.connectionChangeMatters(countChanged, before))
        .as("its list of bindings")
        .isFalse();
    assertThat(
            BindingEventMapping.connectionChangeMatters(
                withStatus(postgres("platform", "orders-db", "pg"), "False", 1L, 3), before))
        .as("readiness")
        .isTrue();
    Connection respecced = withStatus(postgres("platform", "orders-db", "pg"), "True", 1L, 3);
    respecced.getMetadata().setGeneration(2L);
    assertThat(BindingEventMapping.connectionChangeMatters(respecced, before)).as("spec").isTrue();
    Connection deleting = withStatus(postgres("platform", "orders-db", "pg"), "True", 1L, 3);
    deleting.getMetadata().setDeletionTimestamp("2026-11-26T12:00:00Z");
    assertThat(BindingEventMapping.connectionChangeMatters(deleting, before))
        .as("deletion")
        .isTrue();
  }

  private static Connection withStatus(Connection c, String ready, Long observed, int bindings) {
    c.getMetadata().setGeneration(1L);
    ConnectionStatus status = new ConnectionStatus();
    status.setObservedGeneration(observed);
    status.setConditions(
        List.of(new ConditionBuilder().withType("Ready").withStatus(ready).build()));
    status.setBindings(new dev.switchboard.api.v1alpha1.BindingsSummary(bindings, List.of()));
    c.setStatus(status);
    return c;
  }
}
