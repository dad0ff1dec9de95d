package dev.switchboard.support;

import dev.switchboard.api.v1alpha1.Connection;
import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.informers.SharedKind;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Duration;

/**
 * The kinds both controllers watch, each watched once: the Connection controller holds the
 * Connection, credential-Secret and Namespace informers, the binding controller the binding
 * informer, and each reads the other's.
 */
public record SharedKinds(
    SharedKind<Connection> connections,
    SharedKind<WorkspaceBinding> bindings,
    SharedKind<Secret> credentialSecrets,
    SharedKind<Namespace> namespaces) {

  /**
   * @param syncTimeout how long a controller waits for the other's informer to list, at start
   */
  public static SharedKinds create(Duration syncTimeout) {
    return new SharedKinds(
        new SharedKind<>(Connection.class, syncTimeout),
        new SharedKind<>(WorkspaceBinding.class, syncTimeout),
        new SharedKind<>(Secret.class, syncTimeout),
        new SharedKind<>(Namespace.class, syncTimeout));
  }
}
