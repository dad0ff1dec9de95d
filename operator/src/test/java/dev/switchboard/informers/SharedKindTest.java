package dev.switchboard.informers;

import static dev.switchboard.testing.Fixtures.binding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.testing.UnitTest;
import io.javaoperatorsdk.operator.OperatorException;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.controller.ResourceAction;
import io.javaoperatorsdk.operator.processing.event.source.controller.ResourceEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One controller's informer read by the other: the reader sees the holder's cache and gets each
 * event mapped to its own primaries, as an informer of its own would give them.
 */
@UnitTest
class SharedKindTest {
  private final WorkspaceBinding toOrders = binding("team-a", "app", "platform", "orders-db");
  private final WorkspaceBinding toBilling = binding("team-a", "app", "platform", "billing-db");
  private final SharedKind<WorkspaceBinding> shared =
      new SharedKind<>(WorkspaceBinding.class, Duration.ofSeconds(5));
  private final List<Event> events = new CopyOnWriteArrayList<>();
  private final SharedKindSource<WorkspaceBinding, WorkspaceBinding> reader =
      shared.reader(
          "bindings",
          b -> Set.of(new ResourceID(b.getSpec().getConnectionRef().getName(), "platform")),
          (now, before) -> !now.getSpec().equals(before.getSpec()));

  SharedKindTest() {
    reader.setEventHandler(events::add);
  }

  @Test
  void readsTheHoldersCacheOnceItHasListed() {
    assertThat(reader.get(ResourceID.fromResource(toOrders))).isEmpty();

    shared.publish(cacheOf(toOrders));
    reader.start();

    assertThat(reader.get(ResourceID.fromResource(toOrders))).contains(toOrders);
    assertThat(reader.list().toList()).containsExactly(toOrders);
  }

  @Test
  void eventsBeforeTheReaderStartsAreLeftToItsStartingReconciles() {
    shared.added(toOrders);
    assertThat(events).isEmpty();
  }

  @Test
  void mapsEachEventToThePrimariesOfBothVersionsWhenTheChangeMatters() {
    shared.publish(cacheOf());
    reader.start();

    shared.added(toOrders);
    shared.updated(toOrders, toBilling);
    shared.updated(toBilling, toBilling);
    shared.deleted(toBilling);

    assertThat(events)
        .extracting(e -> e.getRelatedCustomResourceID().getName())
        .containsExactlyInAnyOrder("orders-db", "orders-db", "billing-db", "billing-db");
  }

  @Test
  void aReaderCanWakeAPrimaryWithAResourceEvent() {
    List<Event> resourceEvents = new ArrayList<>();
    SharedKindSource<WorkspaceBinding, WorkspaceBinding> waking =
        shared.reader(
            "waking",
            b -> Set.of(ResourceID.fromResource(b)),
            (now, before) -> true,
            id -> new ResourceEvent(ResourceAction.UPDATED, id, toOrders));
    waking.setEventHandler(resourceEvents::add);
    shared.publish(cacheOf());
    waking.start();

    shared.added(toOrders);

    assertThat(resourceEvents).singleElement().isInstanceOf(ResourceEvent.class);
  }

  @Test
  void aReaderWhoseHolderNeverListsFailsToStart() {
    var never = new SharedKind<>(WorkspaceBinding.class, Duration.ofMillis(50));
    var orphan = never.reader("bindings", b -> Set.of(), (now, before) -> true);

    assertThatThrownBy(orphan::start).isInstanceOf(OperatorException.class);
  }

  private static IndexedResourceCache<WorkspaceBinding> cacheOf(WorkspaceBinding... bindings) {
    Map<ResourceID, WorkspaceBinding> byId = new java.util.HashMap<>();
    for (WorkspaceBinding b : bindings) {
      byId.put(ResourceID.fromResource(b), b);
    }
    return new IndexedResourceCache<>() {
      @Override
      public List<WorkspaceBinding> byIndex(String indexName, String indexKey) {
        return List.of();
      }

      @Override
      public Stream<WorkspaceBinding> list(
          String namespace, Predicate<WorkspaceBinding> predicate) {
        return list(predicate);
      }

      @Override
      public Optional<WorkspaceBinding> get(ResourceID id) {
        return Optional.ofNullable(byId.get(id));
      }

      @Override
      public Stream<ResourceID> keys() {
        return byId.keySet().stream();
      }

      @Override
      public Stream<WorkspaceBinding> list(Predicate<WorkspaceBinding> predicate) {
        return byId.values().stream().filter(predicate);
      }
    };
  }
}
