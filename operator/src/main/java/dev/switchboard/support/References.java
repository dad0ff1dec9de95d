package dev.switchboard.support;

import dev.switchboard.api.v1alpha1.Connection;
import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The "namespace/name" keys by which objects refer to each other; both controllers index caches by
 * them.
 */
public final class References {
  private References() {}

  /** The Connection a binding refers to; its namespace defaults to the binding's. */
  public static Optional<String> connectionOf(WorkspaceBinding b) {
    if (b.getSpec() == null
        || b.getSpec().getConnectionRef() == null
        || b.getSpec().getConnectionRef().getName() == null) {
      return Optional.empty();
    }
    return Optional.of(Keys.of(connectionNamespace(b), b.getSpec().getConnectionRef().getName()));
  }

  /**
   * The namespace of the Connection a binding refers to: the one it names, else the binding's own.
   */
  public static String connectionNamespace(WorkspaceBinding b) {
    String ns = b.getSpec().getConnectionRef().getNamespace();
    return ns == null || ns.isEmpty() ? b.getMetadata().getNamespace() : ns;
  }

  /** The credential Secret a Connection points at, in the Connection's namespace. */
  public static Optional<String> credentialSecretOf(Connection c) {
    var spec = c.getSpec();
    if (spec == null
        || spec.getCredentials() == null
        || spec.getCredentials().getSecretRef() == null
        || spec.getCredentials().getSecretRef().getName() == null) {
      return Optional.empty();
    }
    return Optional.of(
        Keys.of(c.getMetadata().getNamespace(), spec.getCredentials().getSecretRef().getName()));
  }

  /**
   * Every Secret a Connection reads, in the Connection's namespace: its credentials and the CA of
   * its TLS settings. A change of either changes what a test or a binding uses.
   */
  public static List<String> secretsOf(Connection c) {
    List<String> keys = new ArrayList<>(2);
    credentialSecretOf(c).ifPresent(keys::add);
    var tls = c.getSpec() == null ? null : c.getSpec().getTls();
    if (tls != null && tls.getCaSecretRef() != null && tls.getCaSecretRef().getName() != null) {
      keys.add(Keys.of(c.getMetadata().getNamespace(), tls.getCaSecretRef().getName()));
    }
    return keys;
  }
}
