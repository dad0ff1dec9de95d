package dev.switchboard.connection;

import dev.switchboard.api.v1alpha1.Connection;
import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.provision.BindingUsers;
import dev.switchboard.support.Keys;
import dev.switchboard.support.References;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which Connections an event about another object concerns, and which changes of a binding concern
 * them at all. The lookups are the controller's cache, passed in so that the mapping can be tested
 * on its own.
 */
final class ConnectionEventMapping {
  private ConnectionEventMapping() {}

  /** The Connection a binding refers to. */
  static Set<ResourceID> ofBinding(WorkspaceBinding binding) {
    return References.connectionOf(binding)
        .map(ConnectionEventMapping::idOf)
        .map(Set::of)
        .orElse(Set.of());
  }

  /**
   * Which bindings use a Connection depends on their spec, never on their status: the status write
   * that ends every bind would otherwise wake the Connection once per binding.
   */
  static boolean bindingChangeMatters(WorkspaceBinding now, WorkspaceBinding before) {
    return !Objects.equals(now.getMetadata().getGeneration(), before.getMetadata().getGeneration())
        || !Objects.equals(
            now.getMetadata().getDeletionTimestamp(), before.getMetadata().getDeletionTimestamp())
        // A provisioned user dropped: the deletion of a Connection that provisions users waits for
        // exactly that.
        || BindingUsers.holdsUser(now) != BindingUsers.holdsUser(before);
  }

  /** The Connections whose credentials are in the Secret. */
  static Set<ResourceID> ofCredentialSecret(
      Secret secret, Function<String, List<Connection>> connectionsBySecret) {
    return ids(connectionsBySecret.apply(Keys.of(secret)));
  }

  /**
   * Namespace labels decide selector-based access: a namespace's change concerns the Connections
   * that use one.
   */
  static Set<ResourceID> withNamespaceSelector(List<Connection> connections) {
    return ids(
        connections.stream()
            .filter(
                c ->
                    c.getSpec() != null
                        && c.getSpec().getAccess() != null
                        && c.getSpec().getAccess().getNamespaceSelector() != null)
            .toList());
  }

  private static ResourceID idOf(String key) {
    int slash = key.indexOf('/');
    return new ResourceID(key.substring(slash + 1), key.substring(0, slash));
  }

  private static Set<ResourceID> ids(List<Connection> connections) {
    return connections.stream().map(ResourceID::fromResource).collect(Collectors.toSet());
  }
}
