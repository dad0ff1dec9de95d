package dev.switchboard.runtime;

import dev.switchboard.connection.ConnectionTests;
import dev.switchboard.plugin.ConnectionPlugin;
import dev.switchboard.plugin.TestOutcome;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Switchboard's metrics. Every label has a small, fixed set of values (controller, type, reason,
 * outcome): never a name, a namespace or anything a user types, and never a credential. Latencies
 * have at most a dozen fixed buckets, chosen for what they measure, rather than Micrometer's
 * percentile histogram (some 70 buckets a series).
 */
public class SwitchboardMetrics implements Metrics, ConnectionTests.Listener {
  /** A reconcile: mostly cache reads and a few writes; seconds only when the API server is slow. */
  static final Duration[] RECONCILE_BUCKETS = {
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofSeconds(2),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10)
  };

  /**
   * A connection test: a round trip or two to the data source, up to its timeout (10 s default).
   */
  static final Duration[] TEST_BUCKETS = {
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30)
  };

  private final MeterRegistry registry;

  public SwitchboardMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public <T> T timeControllerExecution(ControllerExecution<T> execution) throws Exception {
    Timer.Sample sample = Timer.start(registry);
    String outcome = "success";
    try {
      return execution.execute();
    } catch (Exception e) {
      outcome = "error";
      throw e;
    } finally {
      Tags tags = Tags.of("controller", execution.controllerName(), "operation", execution.name());
      sample.stop(
          Timer.builder("switchboard.reconcile.duration")
              .description("Time spent in reconcile and cleanup")
              .tags(tags)
              .serviceLevelObjectives(RECONCILE_BUCKETS)
              .register(registry));
      Counter.builder("switchboard.reconciles")
          .description("Reconciles and cleanups by controller and outcome")
          .tags(tags.and("outcome", outcome))
          .register(registry)
          .increment();
    }
  }

  @Override
  public void finished(ConnectionPlugin plugin, TestOutcome outcome) {
    Counter.builder("switchboard.connection.tests")
        .description("Connection tests by type and reason")
        .tags("type", plugin.type(), "reason", outcome.reason().name())
        .register(registry)
        .increment();
    Timer.builder("switchboard.connection.test.latency")
        .description("Connection test latency by type")
        .tags("type", plugin.type())
        .serviceLevelObjectives(TEST_BUCKETS)
        .register(registry)
        .record(Duration.ofMillis(outcome.latencyMillis()));
  }

  /**
   * Gauges of Connections by Ready reason, counted from the operator's cache at each scrape.
   *
   * @param reasons every reason a Connection's Ready condition can have
   */
  public void connectionsFrom(List<String> reasons, ToLongFunction<String> countWithReason) {
    for (String reason : reasons) {
      Gauge.builder("switchboard.connections", () -> countWithReason.applyAsLong(reason))
          .description("Connections by the reason of their Ready condition")
          .tags("reason", reason)
          .register(registry);
    }
  }

  /**
   * Gauges of WorkspaceBindings by Ready reason, counted from the operator's cache at each scrape.
   *
   * @param reasons every reason a binding's Ready condition can have
   */
  public void bindingsFrom(List<String> reasons, ToLongFunction<String> countWithReason) {
    for (String reason : reasons) {
      Gauge.builder("switchboard.bindings", () -> countWithReason.applyAsLong(reason))
          .description("WorkspaceBindings by the reason of their Ready condition")
          .tags("reason", reason)
          .register(registry);
    }
  }
}
