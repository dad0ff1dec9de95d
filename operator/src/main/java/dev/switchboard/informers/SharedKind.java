package dev.switchboard.informers;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.OperatorException;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * One watch of a kind that both controllers need. The controller that holds the informer (as its
 * primary, or as an informer source) publishes the informer's cache and every event it delivers;
 * the other controller reads that cache and takes the events through a {@link SharedKindSource}.
 * Each object is then listed, decoded and cached once, not once per controller.
 */
public final class SharedKind<R extends HasMetadata> {
  private final Class<R> kind;
  private final Duration syncTimeout;
  private final CountDownLatch published = new CountDownLatch(1);
  private final List<SharedKindSource<R, ?>> readers = new CopyOnWriteArrayList<>();
  private volatile IndexedResourceCache<R> cache;

  public SharedKind(Class<R> kind, Duration syncTimeout) {
    this.kind = kind;
    this.syncTimeout = syncTimeout;
  }

  public Class<R> kind() {
    return kind;
  }

  /**
   * A source for the controller that does not hold the informer: every event mapped to that
   * controller's primaries, and reads served from the holder's cache.
   */
  public <P extends HasMetadata> SharedKindSource<R, P> reader(
      String name, SecondaryToPrimaryMapper<R> mapper) {
    return reader(name, mapper, (now, before) -> true);
  }

  /** A reader whose primaries hear of an update only when {@code changeMatters}. */
  public <P extends HasMetadata> SharedKindSource<R, P> reader(
      String name, SecondaryToPrimaryMapper<R> mapper, OnUpdateFilter<R> changeMatters) {
    return reader(name, mapper, changeMatters, Event::new);
  }

  /**
   * A reader whose events for a primary are made by {@code eventFor}: a resource event, unlike a
   * plain one, also reaches a primary whose arrival the controller did not reconcile.
   */
  public <P extends HasMetadata> SharedKindSource<R, P> reader(
      String name,
      SecondaryToPrimaryMapper<R> mapper,
      OnUpdateFilter<R> changeMatters,
      Function<ResourceID, Event> eventFor) {
    var source = new SharedKindSource<R, P>(this, name, mapper, changeMatters, eventFor);
    readers.add(source);
    return source;
  }

  /** The holder's informer has listed everything: readers may start. */
  void publish(IndexedResourceCache<R> synced) {
    this.cache = synced;
    published.countDown();
  }

  /**
   * The holder's cache, once synced. Both controllers start at the same time, so this waits at most
   * as long as the holder's informer takes to list.
   */
  public IndexedResourceCache<R> syncedCache() {
    try {
      if (!published.await(syncTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new OperatorException(
            "The shared " + kind.getSimpleName() + " informer did not sync in " + syncTimeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OperatorException("Interrupted waiting for the " + kind.getSimpleName() + " cache");
    }
    return cache;
  }

  /**
   * The holder's cache, or an empty one until it is published: only an event mapping, run while a
   * reader is still starting, can see it empty, and the start's reconcile of every primary covers
   * that event.
   */
  IndexedResourceCache<R> cache() {
    var published = cache;
    return published == null ? new EmptyCache<>() : published;
  }

  void added(R resource) {
    readers.forEach(r -> r.onAdd(resource));
  }

  void updated(R before, R now) {
    readers.forEach(r -> r.onUpdate(before, now));
  }

  void deleted(R resource) {
    readers.forEach(r -> r.onDelete(resource));
  }

  private static final class EmptyCache<R extends HasMetadata> implements IndexedResourceCache<R> {
    @Override
    public List<R> byIndex(String indexName, String indexKey) {
      return List.of();
    }

    @Override
    public Stream<R> list(String namespace, Predicate<R> predicate) {
      return Stream.empty();
    }

    @Override
    public Optional<R> get(ResourceID resourceID) {
      return Optional.empty();
    }

    @Override
    public Stream<ResourceID> keys() {
      return Stream.empty();
    }

    @Override
    public Stream<R> list(Predicate<R> predicate) {
      return Stream.empty();
    }
  }
}
