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
 * outcome): never a name, a namespace or anything a user types, and never a credential.
 */
public class SwitchboardMetrics implements Metrics, ConnectionTests.Listener {
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
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(60))
        .register(registry)
        .record(Duration.ofMillis(outcome.latencyMillis()));
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
