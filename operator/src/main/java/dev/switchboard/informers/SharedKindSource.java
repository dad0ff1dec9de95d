package dev.switchboard.informers;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The events and cache of a {@link SharedKind} as seen by the controller that does not hold its
 * informer: each event is mapped to that controller's primaries, as an informer source would, and
 * reads go to the holder's cache (which also holds what the holder has just written).
 */
public final class SharedKindSource<R extends HasMetadata, P extends HasMetadata>
    extends AbstractEventSource<R, P> implements IndexedResourceCache<R> {
  private final SharedKind<R> shared;
  private final SecondaryToPrimaryMapper<R> mapper;
  private final OnUpdateFilter<R> changeMatters;
  private final Function<ResourceID, Event> eventFor;

  SharedKindSource(
      SharedKind<R> shared,
      String name,
      SecondaryToPrimaryMapper<R> mapper,
      OnUpdateFilter<R> changeMatters,
      Function<ResourceID, Event> eventFor) {
    super(shared.kind(), name);
    this.eventFor = eventFor;
    this.shared = shared;
    this.mapper = mapper;
    this.changeMatters = changeMatters;
  }

  /** Starts once the holder's informer has listed everything, as an informer source would. */
  @Override
  public void start() {
    shared.syncedCache();
    super.start();
  }

  // Events before start are the holder's initial listing: this controller reconciles every primary
  // when it starts anyway, after every source has started.
  void onAdd(R resource) {
    if (isRunning()) {
      propagate(mapper.toPrimaryResourceIDs(resource));
    }
  }

  /** Both versions are mapped: an object that stops referring to a primary concerns it too. */
  void onUpdate(R before, R now) {
    if (isRunning() && changeMatters.accept(now, before)) {
      Set<ResourceID> ids = new HashSet<>(mapper.toPrimaryResourceIDs(now));
      ids.addAll(mapper.toPrimaryResourceIDs(before));
      propagate(ids);
    }
  }

  void onDelete(R resource) {
    if (isRunning()) {
      propagate(mapper.toPrimaryResourceIDs(resource));
    }
  }

  private void propagate(Set<ResourceID> primaries) {
    primaries.forEach(id -> getEventHandler().handleEvent(eventFor.apply(id)));
  }

  @Override
  public Set<R> getSecondaryResources(P primary) {
    return Set.of();
  }

  @Override
  public Optional<R> get(ResourceID id) {
    return shared.cache().get(id);
  }

  @Override
  public Stream<ResourceID> keys() {
    return shared.cache().keys();
  }

  @Override
  public Stream<R> list(Predicate<R> predicate) {
    return shared.cache().list(predicate);
  }

  @Override
  public Stream<R> list(String namespace, Predicate<R> predicate) {
    return shared.cache().list(namespace, predicate);
  }

  @Override
  public List<R> byIndex(String indexName, String indexKey) {
    return shared.cache().byIndex(indexName, indexKey);
  }
}
