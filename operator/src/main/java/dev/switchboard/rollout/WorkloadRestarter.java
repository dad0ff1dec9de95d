package dev.switchboard.rollout;

import dev.switchboard.api.v1alpha1.WorkloadRollout;
import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.informers.SlimItemStore;
import dev.switchboard.kube.EventRecorder;
import dev.switchboard.kube.StatusComparison;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rolls the opted-in workloads that read a bound Secret when that Secret's data changes, by setting
 * one Pod-template annotation to the data's hash. Debounced per Secret: changes within the window
 * roll once, with the last data. Idempotent: a workload whose annotation already holds the hash is
 * not written. A workload that was rolled before for older data is caught up at the binding's next
 * reconcile (after an operator restart, say); one never rolled is rolled only by a change of the
 * data, so the first bind, a restart, a resync or a label change roll nothing.
 */
public final class WorkloadRestarter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WorkloadRestarter.class);
  static final int MAX_ROLLOUTS = 10;
  private static final int MAX_ATTEMPTS = 3;
  public static final String ROLLED_REASON = "RolledOnRotation";

  private final KubernetesClient client;
  private final EventRecorder events;
  private final Clock clock;
  private final Duration debounce;
  // A rotation of a shared credential rolls the readers of many Secrets at once: several threads
  // write in parallel.
  private final ScheduledExecutorService scheduler =
      Executors.newScheduledThreadPool(
          8,
          r -> {
            Thread thread = new Thread(r, "workload-restarter");
            thread.setDaemon(true);
            return thread;
          });
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final Map<ResourceID, List<WorkloadRollout>> recent = new ConcurrentHashMap<>();
  private final List<InformerEventSource<? extends HasMetadata, WorkspaceBinding>> workloads =
      new ArrayList<>();
  private Consumer<ResourceID> onRolled = id -> {};
  // When this process first saw each workload (by uid). One first seen after a change of the data
  // it reads was created after it, and its Pods start with the new data; creation timestamps have
  // whole seconds, too coarse to tell.
  private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();

  /**
   * A roll waiting for its window to end; {@code changedAt} is when the data last changed (null for
   * a catch-up of workloads rolled for older data).
   */
  private record Pending(
      String hash,
      ResourceID binding,
      Instant first,
      Instant changedAt,
      int attempt,
      ScheduledFuture<?> task) {}

  public WorkloadRestarter(
      KubernetesClient client, EventRecorder events, Clock clock, Duration debounce) {
    this.client = client;
    this.events = events;
    this.clock = clock;
    this.debounce = debounce;
  }

  /**
   * Informers on the three kinds, through the opt-in label only. A workload's own changes wake no
   * binding: only a change of the bound data rolls.
   */
  public List<EventSource<?, WorkspaceBinding>> eventSources(
      EventSourceContext<WorkspaceBinding> context, Consumer<ResourceID> onRolled) {
    this.onRolled = onRolled;
    List<EventSource<?, WorkspaceBinding>> sources = new ArrayList<>();
    for (Class<? extends HasMetadata> kind : Workload.KINDS) {
      var source = informer(kind, context);
      workloads.add(source);
      sources.add(source);
    }
    return sources;
  }

  private <R extends HasMetadata> InformerEventSource<R, WorkspaceBinding> informer(
      Class<R> kind, EventSourceContext<WorkspaceBinding> context) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(kind, WorkspaceBinding.class)
            .withName("restart-" + kind.getSimpleName().toLowerCase())
            .withLabelSelector(Workload.OPT_IN_SELECTOR)
            .withSecondaryToPrimaryMapper(w -> Set.of())
            // The filters only keep firstSeen: no workload event wakes a binding anyway.
            .withOnAddFilter(
                w -> {
                  firstSeen.putIfAbsent(w.getMetadata().getUid(), clock.instant());
                  return false;
                })
            .withOnDeleteFilter(
                (w, unknownState) -> {
                  firstSeen.remove(w.getMetadata().getUid());
                  return false;
                })
            .withItemStore(SlimItemStore.forSource(context))
            .build(),
        context);
  }

  /**
   * Called when a binding's Secret holds {@code hash}.
   *
   * @param dataChanged whether this reconcile changed the Secret's data (not its creation)
   */
  public void observe(
      WorkspaceBinding binding, String secretName, String hash, boolean dataChanged) {
    String namespace = binding.getMetadata().getNamespace();
    boolean behind =
        readers(namespace, secretName).stream()
            .anyMatch(w -> w.restartedFor().filter(h -> !h.equals(hash)).isPresent());
    if (dataChanged || behind) {
      schedule(
          namespace + "/" + secretName,
          hash,
          ResourceID.fromResource(binding),
          dataChanged ? clock.instant() : null,
          0);
    }
  }

  /**
   * The workloads rolled last for a binding: what this process rolled until the binding's status
   * says so, then the status (which outlives the process).
   */
  public List<WorkloadRollout> rollouts(WorkspaceBinding binding) {
    List<WorkloadRollout> reported =
        binding.getStatus() == null ? null : binding.getStatus().getRollouts();
    ResourceID id = ResourceID.fromResource(binding);
    List<WorkloadRollout> mine = recent.get(id);
    if (mine != null && StatusComparison.same(mine, reported)) {
      recent.remove(id, mine);
    }
    return mine != null ? mine : reported;
  }

  private void schedule(
      String key, String hash, ResourceID binding, Instant changedAt, int attempt) {
    pending.compute(
        key,
        (k, earlier) -> {
          if (earlier != null) {
            earlier.task().cancel(false);
          }
          Instant now = clock.instant();
          Instant first = earlier != null ? earlier.first() : now;
          Instant changed = changedAt != null || earlier == null ? changedAt : earlier.changedAt();
          // Each change restarts the window, but a Secret that keeps changing is rolled at the
          // latest after five.
          Duration wait =
              attempt > 0
                  ? debounce.multipliedBy(1L << attempt)
                  : min(debounce, Duration.between(now, first.plus(debounce.multipliedBy(5))));
          ScheduledFuture<?> task =
              scheduler.schedule(
                  () -> roll(k), Math.max(0, wait.toMillis()), TimeUnit.MILLISECONDS);
          return new Pending(hash, binding, first, changed, attempt, task);
        });
  }

  private void roll(String key) {
    Pending due = pending.remove(key);
    if (due == null) {
      return;
    }
    String namespace = key.substring(0, key.indexOf('/'));
    String secretName = key.substring(key.indexOf('/') + 1);
    List<WorkloadRollout> rolled = new ArrayList<>();
    boolean retry = false;
    for (Workload workload : readers(namespace, secretName)) {
      if (workload.restartedFor().filter(due.hash()::equals).isPresent()) {
        continue;
      }
      if (due.changedAt() != null && seenAfter(workload, due.changedAt())) {
        continue; // Created after the change: its Pods started with the new data.
      }
      try {
        patch(workload, due.hash());
        rolled.add(
            new WorkloadRollout(
                workload.kind(), workload.name(), due.hash(), clock.instant().toString()));
        events.record(
            workload.object(),
            EventRecorder.NORMAL,
            ROLLED_REASON,
            "Rolled because the data of Secret "
                + secretName
                + " (WorkspaceBinding "
                + due.binding().getName()
                + ") changed");
      } catch (KubernetesClientException e) {
        if (e.getCode() == 404) {
          continue; // Deleted since the cache saw it: nothing to roll.
        }
        log.warn(
            "Could not roll {} {}/{} for Secret {} ({})",
            workload.kind(),
            namespace,
            workload.name(),
            secretName,
            e.getCode());
        retry = true;
      }
    }
    if (retry && due.attempt() + 1 < MAX_ATTEMPTS) {
      schedule(key, due.hash(), due.binding(), due.changedAt(), due.attempt() + 1);
    }
    if (!rolled.isEmpty()) {
      recent.compute(
          due.binding(),
          (id, older) -> {
            List<WorkloadRollout> all = new ArrayList<>(rolled);
            all.addAll(older == null ? List.of() : older);
            return List.copyOf(all.subList(0, Math.min(MAX_ROLLOUTS, all.size())));
          });
      onRolled.accept(due.binding());
    }
  }

  /**
   * A merge patch of the one annotation: nothing else of the workload is sent, so nothing else can
   * change. Sent for the cached object, so the client does not read the workload first (the
   * operator holds no get on workloads).
   */
  private void patch(Workload workload, String hash) {
    String body =
        "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\""
            + Workload.RESTARTED_FOR_ANNOTATION
            + "\":\""
            + hash
            + "\"}}}}}";
    client.resource(workload.object()).patch(PatchContext.of(PatchType.JSON_MERGE), body);
  }

  /** The opted-in workloads of a namespace that read the Secret, from the caches. */
  private List<Workload> readers(String namespace, String secretName) {
    List<Workload> out = new ArrayList<>();
    for (var source : workloads) {
      source
          .list(namespace)
          .map(Workload::of)
          .filter(w -> SecretMounts.mounts(w.template(), secretName))
          .forEach(out::add);
    }
    return out;
  }

  private boolean seenAfter(Workload workload, Instant instant) {
    Instant seen = firstSeen.get(workload.object().getMetadata().getUid());
    return seen != null && seen.isAfter(instant);
  }

  /** Rolls waiting for their window to end. */
  public int pending() {
    return pending.size();
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
