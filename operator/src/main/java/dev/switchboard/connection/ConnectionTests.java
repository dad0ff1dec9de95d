package dev.switchboard.connection;

import dev.switchboard.api.v1alpha1.LastTest;
import dev.switchboard.plugin.ConnectionPlugin;
import dev.switchboard.plugin.ConnectionTester;
import dev.switchboard.plugin.ProbeTarget;
import dev.switchboard.plugin.TestOutcome;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Starts tests for Connections and keeps each one's latest result until its status has it. A
 * finished test triggers a reconcile of its Connection, which writes the result into status.
 */
public class ConnectionTests {
  /** A finished test and the inputs it was run with. */
  public record Run(LastTest lastTest, String fingerprint, boolean succeeded) {}

  /** Receives every finished test, e.g. for metrics. */
  public interface Listener {
    void finished(ConnectionPlugin plugin, TestOutcome outcome);
  }

  private final ConnectionTester tester;
  private final Listener listener;
  private final Map<String, Run> latest = new ConcurrentHashMap<>();
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private volatile Consumer<ResourceID> onFinished = id -> {};

  public ConnectionTests(ConnectionTester tester, Listener listener) {
    this.tester = tester;
    this.listener = listener;
  }

  void onFinished(Consumer<ResourceID> callback) {
    this.onFinished = callback;
  }

  public Optional<Run> latest(String uid) {
    return Optional.ofNullable(latest.get(uid));
  }

  public boolean isRunning(String uid) {
    return running.contains(uid);
  }

  /** Starts a test unless one is already running for this Connection. */
  public void start(
      String uid,
      ResourceID id,
      ConnectionPlugin plugin,
      ProbeTarget target,
      String request,
      String fingerprint) {
    if (!running.add(uid)) {
      return;
    }
    tester
        .test(plugin, target)
        .whenComplete(
            (outcome, error) -> {
              try {
                if (outcome != null) {
                  latest.put(
                      uid, new Run(lastTest(outcome, request), fingerprint, outcome.succeeded()));
                  listener.finished(plugin, outcome);
                }
              } finally {
                running.remove(uid);
                onFinished.accept(id);
              }
            });
  }

  public void forget(String uid) {
    latest.remove(uid);
  }

  private static LastTest lastTest(TestOutcome outcome, String request) {
    LastTest t = new LastTest();
    t.setTime(outcome.finishedAt().truncatedTo(ChronoUnit.SECONDS).toString());
    t.setResult(outcome.succeeded() ? "Succeeded" : "Failed");
    t.setReason(outcome.reason().name());
    t.setLatencyMillis(outcome.latencyMillis());
    t.setMessage(outcome.message());
    t.setRequest(request);
    return t;
  }

  static Instant timeOf(LastTest t) {
    return t == null || t.getTime() == null ? Instant.EPOCH : Instant.parse(t.getTime());
  }
}
