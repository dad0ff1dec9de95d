package dev.switchboard.binding;

import dev.switchboard.api.v1alpha1.Connection;
import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.kube.ConditionSet;
import dev.switchboard.support.Keys;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which bindings an event about another object concerns, and which changes of a Connection concern
 * them at all. The lookups are the controller's cache indexes, passed in so that the mapping can be
 * tested on its own.
 */
final class BindingEventMapping {
  private BindingEventMapping() {}

  /** The bindings that refer to a Connection. */
  static Set<ResourceID> ofConnection(
      Connection connection, Function<String, List<WorkspaceBinding>> bindingsByConnection) {
    return ids(bindingsByConnection.apply(Keys.of(connection)));
  }

  /**
   * The bindings of every evaluated Connection whose credentials are in the Secret. The bindings of
   * a Connection not evaluated yet are waiting for its first status, which wakes them; the label
   * the Connection puts on its credential Secret before that would wake them for nothing.
   */
  static Set<ResourceID> ofCredentialSecret(
      Secret secret,
      Function<String, List<Connection>> connectionsBySecret,
      Function<String, List<WorkspaceBinding>> bindingsByConnection) {
    return connectionsBySecret.apply(Keys.of(secret)).stream()
        .filter(c -> observed(c) != null)
        .flatMap(c -> bindingsByConnection.apply(Keys.of(c)).stream())
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }

  /** The bindings in a namespace, whose labels decide selector-based access. */
  static Set<ResourceID> ofNamespace(
      Namespace namespace, Function<String, List<WorkspaceBinding>> bindingsByNamespace) {
    return ids(bindingsByNamespace.apply(namespace.getMetadata().getName()));
  }

  /**
   * The binding that controls a produced Secret, Role or RoleBinding: by the controller reference,
   * not a label.
   */
  static Set<ResourceID> ofProduced(HasMetadata produced) {
    return OwnedMetadata.controllingBinding(produced)
        .map(b -> Set.of(new ResourceID(b, produced.getMetadata().getNamespace())))
        .orElse(Set.of());
  }

  /**
   * Bindings depend on a Connection's spec and on whether it is Ready, not on the rest of its
   * status: its list of bindings changes with every binding, and waking every binding for that
   * would cost n² reconciles.
   */
  static boolean connectionChangeMatters(Connection now, Connection before) {
    return !Objects.equals(now.getMetadata().getGeneration(), before.getMetadata().getGeneration())
        || !Objects.equals(
            now.getMetadata().getDeletionTimestamp(), before.getMetadata().getDeletionTimestamp())
        || isReady(now) != isReady(before)
        || (now.getStatus() == null) != (before.getStatus() == null)
        || !Objects.equals(observed(now), observed(before));
  }

  private static boolean isReady(Connection c) {
    return c.getStatus() != null && ConditionSet.isTrue(c.getStatus().getConditions(), "Ready");
  }

  private static Long observed(Connection c) {
    return c.getStatus() == null ? null : c.getStatus().getObservedGeneration();
  }

  private static Set<ResourceID> ids(List<WorkspaceBinding> bindings) {
    return bindings.stream().map(ResourceID::fromResource).collect(Collectors.toSet());
  }
}
