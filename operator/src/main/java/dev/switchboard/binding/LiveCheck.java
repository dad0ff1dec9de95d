package dev.switchboard.binding;

import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Objects;

/**
 * Asks the API server, not the cache, whether a binding still exists. A cache can hold a binding
 * deleted meanwhile: after a watch ends with 410 Gone, the relist of bindings may arrive after the
 * events of the Secrets the garbage collector took from it.
 */
final class LiveCheck {
  private LiveCheck() {}

  /** The same binding (by UID) exists and is not being deleted. */
  static boolean stillExists(KubernetesClient client, WorkspaceBinding cached) {
    WorkspaceBinding live =
        client
            .resources(WorkspaceBinding.class)
            .inNamespace(cached.getMetadata().getNamespace())
            .withName(cached.getMetadata().getName())
            .get();
    return live != null
        && Objects.equals(live.getMetadata().getUid(), cached.getMetadata().getUid())
        && !live.isMarkedForDeletion();
  }
}
