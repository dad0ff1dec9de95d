package dev.switchboard.playground;

import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.provision.BindingUsers;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;

/**
 * The users the playground's operator made at real data sources for PerBinding Connections. The
 * playground's objects go when it stops, and the users must go with them: the bindings that hold
 * one are deleted while the operator still runs, which drops each user as on a cluster.
 */
final class MadeUsers {
  private final KubernetesClient client;

  MadeUsers(KubernetesClient client) {
    this.client = client;
  }

  /**
   * Deletes every binding that holds a user and waits, at most this long, for the operator to drop
   * them.
   *
   * @return the bindings whose user is still there
   */
  List<String> drop(Duration wait) {
    List<WorkspaceBinding> holding = holdingUsers();
    holding.forEach(b -> client.resource(b).delete());
    long deadline = System.nanoTime() + wait.toNanos();
    while (!holding.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      holding = holdingUsers();
    }
    return holding.stream()
        .map(b -> b.getMetadata().getNamespace() + "/" + b.getMetadata().getName())
        .toList();
  }

  private List<WorkspaceBinding> holdingUsers() {
    return client.resources(WorkspaceBinding.class).inAnyNamespace().list().getItems().stream()
        .filter(BindingUsers::holdsUser)
        .toList();
  }
}
