package dev.switchboard.binding;

import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Optional;
import java.util.Set;

/**
 * The cache of one kind of produced object (bound Secrets, reader Roles or RoleBindings): what a
 * reconcile reads, and where it records its own writes so that their watch events are recognised.
 * The controller's is an SDK event source; a test's can be a map.
 */
public interface ProducedCache<T extends HasMetadata> {

  Optional<T> get(ResourceID id);

  /** The objects whose controller owner is the binding. */
  Set<T> ownedBy(WorkspaceBinding binding);

  /**
   * Marks an object about to be written so that the watch event of the write is known as this
   * operator's own even when it arrives before the write's answer: it then wakes no binding.
   *
   * @param previous the object being replaced; null for a create
   */
  T beforeWrite(T desired, T previous);

  /** This reconcile created the object. */
  void created(T written);

  /** This reconcile replaced {@code previous} with {@code written}. */
  void updated(T written, T previous);

  static <T extends HasMetadata> ProducedCache<T> of(
      InformerEventSource<T, WorkspaceBinding> source) {
    return new ProducedCache<>() {
      @Override
      public Optional<T> get(ResourceID id) {
        return source.get(id);
      }

      @Override
      public Set<T> ownedBy(WorkspaceBinding binding) {
        return source.getSecondaryResources(binding);
      }

      @Override
      public T beforeWrite(T desired, T previous) {
        return source.addPreviousAnnotation(
            previous == null ? null : previous.getMetadata().getResourceVersion(), desired);
      }

      @Override
      public void created(T written) {
        source.handleRecentResourceCreate(ResourceID.fromResource(written), written);
      }

      @Override
      public void updated(T written, T previous) {
        source.handleRecentResourceUpdate(ResourceID.fromResource(written), written, previous);
      }
    };
  }
}
