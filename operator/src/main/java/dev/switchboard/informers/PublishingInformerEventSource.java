package dev.switchboard.informers;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

/**
 * An informer source of one controller that also publishes its cache and events as a {@link
 * SharedKind} for the other controller.
 */
public final class PublishingInformerEventSource<R extends HasMetadata, P extends HasMetadata>
    extends InformerEventSource<R, P> {
  private final SharedKind<R> shared;

  public PublishingInformerEventSource(
      SharedKind<R> shared,
      InformerEventSourceConfiguration<R> configuration,
      EventSourceContext<P> context) {
    super(configuration, context);
    this.shared = shared;
  }

  @Override
  public synchronized void start() {
    super.start();
    shared.publish(this);
  }

  @Override
  public void onAdd(R resource) {
    super.onAdd(resource);
    shared.added(resource);
  }

  @Override
  public void onUpdate(R before, R now) {
    super.onUpdate(before, now);
    shared.updated(before, now);
  }

  @Override
  public void onDelete(R resource, boolean finalStateUnknown) {
    super.onDelete(resource, finalStateUnknown);
    shared.deleted(resource);
  }
}
