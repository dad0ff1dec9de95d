package dev.switchboard.connection;

import dev.switchboard.api.v1alpha1.Connection;
import dev.switchboard.api.v1alpha1.ConnectionAccess;
import dev.switchboard.kube.LabelSelectorMatcher;
import java.util.Map;
import java.util.function.Function;

/**
 * Decides whether a workspace namespace may bind a Connection. The Connection's own namespace
 * always may; others only when listed in {@code spec.access.namespaces} or selected by {@code
 * spec.access.namespaceSelector}.
 */
public class AccessPolicy {
  private final Function<String, Map<String, String>> namespaceLabels;

  /**
   * @param namespaceLabels labels of a namespace by name, empty when it is unknown
   */
  public AccessPolicy(Function<String, Map<String, String>> namespaceLabels) {
    this.namespaceLabels = namespaceLabels;
  }

  public boolean permits(Connection connection, String workspaceNamespace) {
    if (connection.getMetadata().getNamespace().equals(workspaceNamespace)) {
      return true;
    }
    ConnectionAccess access =
        connection.getSpec() == null ? null : connection.getSpec().getAccess();
    if (access == null) {
      return false;
    }
    if (access.getNamespaces() != null && access.getNamespaces().contains(workspaceNamespace)) {
      return true;
    }
    // A selector with no terms would select every namespace; sharing with everyone must be said
    // explicitly (e.g. matchExpressions with Exists on kubernetes.io/metadata.name), not follow
    // from an empty object.
    var selector = access.getNamespaceSelector();
    boolean selectorHasTerms =
        selector != null
            && ((selector.getMatchLabels() != null && !selector.getMatchLabels().isEmpty())
                || (selector.getMatchExpressions() != null
                    && !selector.getMatchExpressions().isEmpty()));
    return selectorHasTerms
        && LabelSelectorMatcher.matches(selector, namespaceLabels.apply(workspaceNamespace));
  }
}
