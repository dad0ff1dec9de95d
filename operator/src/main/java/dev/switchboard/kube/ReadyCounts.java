package dev.switchboard.kube;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import java.util.List;
import java.util.function.Function;

/** How many cached objects' Ready condition has a reason: what the gauges by reason report. */
public final class ReadyCounts {
  private ReadyCounts() {}

  /**
   * @param cache the controller's cache; null before the controller started (then 0)
   * @param conditions an object's status conditions, null when it has no status yet
   */
  public static <R extends HasMetadata> long withReason(
      IndexedResourceCache<R> cache, Function<R, List<Condition>> conditions, String reason) {
    if (cache == null) {
      return 0;
    }
    return cache
        .list(
            r -> {
              List<Condition> of = conditions.apply(r);
              return of != null && reason.equals(ConditionSet.reason(of, "Ready"));
            })
        .count();
  }
}
