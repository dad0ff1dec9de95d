package dev.switchboard.connection;

import static dev.switchboard.testing.Fixtures.binding;
import static dev.switchboard.testing.Fixtures.credentials;
import static dev.switchboard.testing.Fixtures.postgres;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.v1alpha1.Connection;
import dev.switchboard.api.v1alpha1.ConnectionAccess;
import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.api.v1alpha1.WorkspaceBindingStatus;
import dev.switchboard.testing.UnitTest;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which Connections wake up for an event about another object. */
@UnitTest
class ConnectionEventMappingTest {
  @Test
  void aBindingWakesTheConnectionItRefersTo() {
    assertThat(
            ConnectionEventMapping.ofBinding(binding("team-a", "orders", "platform", "orders-db")))
        .containsExactly(new ResourceID("orders-db", "platform"));
    assertThat(ConnectionEventMapping.ofBinding(binding("team-a", "orders", null, "local-db")))
        .as("default: the binding's own namespace")
        .containsExactly(new ResourceID("local-db", "team-a"));
  }

  @Test
  void aBindingsStatusNeverConcernsItsConnectionItsSpecAndDeletionDo() {
    WorkspaceBinding before = binding("team-a", "orders", "platform", "orders-db");
    before.getMetadata().setGeneration(1L);
    WorkspaceBinding statusOnly = binding("team-a", "orders", "platform", "orders-db");
    statusOnly.getMetadata().setGeneration(1L);
    statusOnly.setStatus(new WorkspaceBindingStatus());
    assertThat(ConnectionEventMapping.bindingChangeMatters(statusOnly, before)).isFalse();
    WorkspaceBinding respecced = binding("team-a", "orders", "platform", "other-db");
    respecced.getMetadata().setGeneration(2L);
    assertThat(ConnectionEventMapping.bindingChangeMatters(respecced, before)).isTrue();
  }

  @Test
  void aCredentialSecretWakesTheConnectionsUsingIt() {
    Connection orders = postgres("platform", "orders-db", "pg");
    Map<String, List<Connection>> bySecret = Map.of("platform/pg", List.of(orders));
    assertThat(
            ConnectionEventMapping.ofCredentialSecret(
                credentials("platform", "pg"), key -> bySecret.getOrDefault(key, List.of())))
        .containsExactly(new ResourceID("orders-db", "platform"));
  }

  @Test
  void aNamespaceWakesOnlyConnectionsThatSelectNamespacesByLabel() {
    Connection byName = postgres("platform", "by-name", "pg", "team-a");
    Connection bySelector = postgres("platform", "by-selector", "pg");
    bySelector.getSpec().setAccess(new ConnectionAccess());
    bySelector
        .getSpec()
        .getAccess()
        .setNamespaceSelector(
            new LabelSelectorBuilder().addToMatchLabels("tenant", "acme").build());
    assertThat(ConnectionEventMapping.withNamespaceSelector(List.of(byName, bySelector)))
        .containsExactly(new ResourceID("by-selector", "platform"));
  }
}
