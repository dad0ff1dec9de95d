package dev.switchboard.binding;

import dev.switchboard.api.v1alpha1.Connection;
import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.informers.SharedKind;
import dev.switchboard.support.References;
import io.javaoperatorsdk.operator.OperatorException;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnAddFilter;

/**
 * Whether a binding's arrival (created, or listed when the operator starts) is reconciled at once.
 * Not when its Connection exists and has not been evaluated yet: that reconcile would wait for the
 * Connection, whose first status wakes the binding anyway (see {@link
 * BindingEventMapping#connectionChangeMatters}); an invalid spec is then reported a moment later.
 * When the operator starts on a cluster whose Connections have no status yet, this halves the
 * bindings' reconciles.
 */
final class BindingArrivalFilter implements OnAddFilter<WorkspaceBinding> {
  private final SharedKind<Connection> connections;

  BindingArrivalFilter(SharedKind<Connection> connections) {
    this.connections = connections;
  }

  @Override
  public boolean accept(WorkspaceBinding binding) {
    if (binding.isMarkedForDeletion()
        || binding.getSpec() == null
        || binding.getSpec().getConnectionRef() == null
        || binding.getSpec().getConnectionRef().getName() == null) {
      return true;
    }
    IndexedResourceCache<Connection> cached;
    try {
      // At start this waits until the Connection informer has listed, which it does on its own.
      cached = connections.syncedCache();
    } catch (OperatorException e) {
      return true; // Unknown: reconcile, as without this filter.
    }
    return cached
        .get(
            new ResourceID(
                binding.getSpec().getConnectionRef().getName(),
                References.connectionNamespace(binding)))
        .map(c -> c.getStatus() != null && c.getStatus().getObservedGeneration() != null)
        .orElse(true);
  }
}
