package dev.switchboard;

import java.time.Clock;

import dev.switchboard.binding.WorkspaceBindingReconciler;
import dev.switchboard.connection.ConnectionReconciler;
import dev.switchboard.connection.ConnectionSpecValidator;
import dev.switchboard.connection.ConnectionTests;
import dev.switchboard.plugin.ConnectionTester;
import dev.switchboard.plugin.PluginRegistry;
import dev.switchboard.support.EventRecorder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;

/** Builds the Java Operator SDK operator with both controllers; shared by {@link Main} and the tests. */
public final class SwitchboardOperator {
  private SwitchboardOperator() {}

  public static Operator create(KubernetesClient client, Clock clock) {
    return create(client, clock, Metrics.NOOP, OperatorSettings.defaults());
  }

  public static Operator create(KubernetesClient client, Clock clock, Metrics metrics, OperatorSettings settings) {
    // Status is written with JSON patches and finalizers with plain patches: they behave the same on every API
    // server, and a status patch that sends only what changed cannot clobber what another writer set.
    Operator operator = new Operator(o -> o.withKubernetesClient(client)
        .withCloseClientOnStop(false)
        .withUseSSAToPatchPrimaryResource(false)
        .withSSABasedCreateUpdateMatchForDependentResources(false)
        .withMetrics(metrics));
    var validator = new ConnectionSpecValidator(PluginRegistry.builtIn());
    var events = new EventRecorder(client, clock);
    var tester = new ConnectionTester(settings.testConcurrency(), settings.slowTestAfter(), clock);
    var tests = new ConnectionTests(tester, (plugin, outcome) -> { });
    operator.register(new ConnectionReconciler(validator, events, tests, settings.defaultTestInterval(),
        settings.defaultTestTimeout(), clock));
    operator.register(new WorkspaceBindingReconciler(validator, events, clock));
    return operator;
  }
}
