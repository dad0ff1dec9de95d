package dev.switchboard.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts finished reconciles per object, so a test can tell that the operator has looked at
 * something.
 */
public class ReconcileCounter implements Metrics {
  private final Map<String, AtomicInteger> finished = new ConcurrentHashMap<>();

  @Override
  public void finishedReconciliation(HasMetadata resource, Map<String, Object> metadata) {
    finished.computeIfAbsent(key(resource), k -> new AtomicInteger()).incrementAndGet();
  }

  public int finished(HasMetadata resource) {
    AtomicInteger n = finished.get(key(resource));
    return n == null ? 0 : n.get();
  }

  /** Finished reconciles of all objects of one kind. */
  public int total(String kind) {
    return finished.entrySet().stream()
        .filter(e -> e.getKey().startsWith(kind + ":"))
        .mapToInt(e -> e.getValue().get())
        .sum();
  }

  @Override
  public String toString() {
    return finished.toString();
  }

  public void reset() {
    finished.clear();
  }

  private static String key(HasMetadata r) {
    return r.getKind() + ":" + r.getMetadata().getNamespace() + "/" + r.getMetadata().getName();
  }
}
