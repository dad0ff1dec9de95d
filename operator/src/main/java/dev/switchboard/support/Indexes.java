package dev.switchboard.support;

import dev.switchboard.api.v1alpha1.Connection;
import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * The cache indexes both controllers look objects up by, in one place: each maps an object to the
 * {@code namespace/name} keys (or namespace) it is found under.
 */
public final class Indexes {
  /** A binding, under the key of the Connection it refers to. */
  public static final String BY_CONNECTION = "byConnection";

  /** A Connection, under the keys of the Secrets it reads: credentials and TLS CA. */
  public static final String BY_SECRET = "bySecret";

  /** Any namespaced object, under its namespace. */
  public static final String BY_NAMESPACE = "byNamespace";

  private Indexes() {}

  public static List<String> connectionOf(WorkspaceBinding binding) {
    return References.connectionOf(binding).map(List::of).orElse(List.of());
  }

  public static List<String> secretsOf(Connection connection) {
    return References.secretsOf(connection);
  }

  public static List<String> namespaceOf(HasMetadata object) {
    return List.of(object.getMetadata().getNamespace());
  }
}
