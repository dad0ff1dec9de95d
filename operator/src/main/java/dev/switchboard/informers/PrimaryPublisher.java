package dev.switchboard.informers;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.ResourceEventAware;
import java.util.Set;

/**
 * Publishes a controller's primary informer as a {@link SharedKind}. The SDK hands every event of
 * the primary informer, filtered or not, to each source that is {@link ResourceEventAware}, and
 * starts the other sources only after the primary informer has synced.
 */
public final class PrimaryPublisher<P extends HasMetadata> extends AbstractEventSource<P, P>
    implements ResourceEventAware<P> {
  private final SharedKind<P> shared;
  private final IndexedResourceCache<P> primaryCache;

  public PrimaryPublisher(SharedKind<P> shared, IndexedResourceCache<P> primaryCache) {
    super(shared.kind(), "shared-" + shared.kind().getSimpleName().toLowerCase());
    this.shared = shared;
    this.primaryCache = primaryCache;
  }

  @Override
  public void start() {
    super.start();
    shared.publish(primaryCache);
  }

  @Override
  public void onResourceCreated(P resource) {
    shared.added(resource);
  }

  @Override
  public void onResourceUpdated(P now, P before) {
    shared.updated(before, now);
  }

  @Override
  public void onResourceDeleted(P resource) {
    shared.deleted(resource);
  }

  @Override
  public Set<P> getSecondaryResources(P primary) {
    return Set.of();
  }
}
