package dev.switchboard.runtime;

import dev.switchboard.OperatorSettings;
import dev.switchboard.SwitchboardOperator;
import dev.switchboard.binding.WorkspaceBindingReconciler;
import dev.switchboard.connection.ConnectionReconciler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Clock;

/** The running operator process: both controllers, their metrics and the HTTP endpoints. */
public final class OperatorRuntime implements AutoCloseable {
  private final SwitchboardOperator operator;
  private final HttpEndpoints endpoints;
  private final JvmProcessMetrics jvm;

  private OperatorRuntime(
      SwitchboardOperator operator, HttpEndpoints endpoints, JvmProcessMetrics jvm) {
    this.operator = operator;
    this.endpoints = endpoints;
    this.jvm = jvm;
  }

  /**
   * Serves the endpoints at once (so probes answer while informers sync), then starts the
   * controllers.
   */
  public static OperatorRuntime start(
      KubernetesClient client, OperatorSettings settings, int httpPort) throws IOException {
    var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    var metrics = new SwitchboardMetrics(registry);
    SwitchboardOperator operator =
        SwitchboardOperator.create(
            client, Clock.systemUTC(), settings, metrics, metrics, () -> System.exit(1));
    metrics.connectionsFrom(
        ConnectionReconciler.readyReasons(), operator.connections()::countWithReadyReason);
    metrics.bindingsFrom(
        WorkspaceBindingReconciler.readyReasons(), operator.bindings()::countWithReadyReason);
    var jvm = new JvmProcessMetrics(registry);
    var endpoints =
        new HttpEndpoints(
            httpPort,
            () -> true,
            () ->
                operator.runtimeInfo().isStarted()
                    && operator.runtimeInfo().allEventSourcesAreHealthy(),
            registry::scrape);
    endpoints.start();
    var runtime = new OperatorRuntime(operator, endpoints, jvm);
    operator.start();
    return runtime;
  }

  public int httpPort() {
    return endpoints.port();
  }

  /** Stops reconciling (running reconciles finish first), then the endpoints. */
  @Override
  public void close() {
    operator.stop();
    endpoints.close();
    jvm.close();
  }
}
