package dev.switchboard;

import dev.switchboard.binding.WorkspaceBindingReconciler;
import dev.switchboard.connection.ConnectionReconciler;
import dev.switchboard.connection.ConnectionSpecValidator;
import dev.switchboard.connection.ConnectionTests;
import dev.switchboard.informers.SlimItemStore;
import dev.switchboard.kube.EventRecorder;
import dev.switchboard.plugin.ConnectionTester;
import dev.switchboard.provision.BindingUsers;
import dev.switchboard.rollout.WorkloadRestarter;
import dev.switchboard.serialization.MalformedPreservingCloner;
import dev.switchboard.support.SharedKinds;
import dev.switchboard.support.SlimResources;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RuntimeInfo;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switchboard's two controllers on the Java Operator SDK, wired once for {@link Main} and the tests
 * alike.
 */
public final class SwitchboardOperator implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SwitchboardOperator.class);
  private final Operator operator;
  private final ConnectionTester tester;
  private final ConnectionReconciler connections;
  private final WorkspaceBindingReconciler bindings;
  private final Optional<WorkloadRestarter> restarter;

  private SwitchboardOperator(
      Operator operator,
      ConnectionTester tester,
      ConnectionReconciler connections,
      WorkspaceBindingReconciler bindings,
      Optional<WorkloadRestarter> restarter) {
    this.operator = operator;
    this.tester = tester;
    this.connections = connections;
    this.bindings = bindings;
    this.restarter = restarter;
  }

  /**
   * An operator for a JVM it shares (tests, the benchmark): a watch that fails for good does not
   * end the JVM.
   */
  public static SwitchboardOperator create(
      KubernetesClient client,
      Clock clock,
      OperatorSettings settings,
      Metrics metrics,
      ConnectionTests.Listener testListener) {
    return create(client, clock, settings, metrics, testListener, () -> {});
  }

  /**
   * @param onWatchFailure what follows a watch that fails for good (its cache would go stale): Main
   *     exits, so that Kubernetes restarts the Pod
   */
  public static SwitchboardOperator create(
      KubernetesClient client,
      Clock clock,
      OperatorSettings settings,
      Metrics metrics,
      ConnectionTests.Listener testListener,
      Runnable onWatchFailure) {
    // Server-side apply is off: status is written whole with an update guarded by the
    // resourceVersion (StatusWriter says why) and finalizers with plain patches, which behave the
    // same on every API server and leave no managed fields of the operator's on the objects.
    Operator operator =
        new Operator(
            o -> {
              o.withKubernetesClient(client)
                  .withCloseClientOnStop(false)
                  .withUseSSAToPatchPrimaryResource(false)
                  .withSSABasedCreateUpdateMatchForDependentResources(false)
                  .withMetrics(metrics)
                  .withResourceCloner(
                      new MalformedPreservingCloner(client.getKubernetesSerialization()))
                  // The SDK's default exits the JVM, which is right for the Pod but ends any JVM
                  // the operator is embedded in. A stop without an error is the operator's own
                  // shutdown.
                  .withInformerStoppedHandler(
                      (informer, error) -> {
                        if (error != null) {
                          log.error(
                              "The watch of {} failed for good ({})",
                              informer.getApiTypeClass().getSimpleName(),
                              error.getClass().getSimpleName());
                          onWatchFailure.run();
                        }
                      });
              settings
                  .leaderElection()
                  .ifPresent(
                      le ->
                          o.withLeaderElectionConfiguration(
                              LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(
                                      le.leaseName())
                                  .withLeaseNamespace(le.leaseNamespace())
                                  .withIdentity(le.identity())
                                  .withLeaseDuration(le.leaseDuration())
                                  .withRenewDeadline(
                                      le.leaseDuration().multipliedBy(2).dividedBy(3))
                                  .withRetryPeriod(le.leaseDuration().dividedBy(5))
                                  // A replica that loses the lease stops reconciling and stays up,
                                  // ready to lead again.
                                  .withExitOnStopLeading(false)
                                  .build()));
            });
    var validator = new ConnectionSpecValidator(settings.plugins(), settings.provisioners());
    var events = new EventRecorder(client, clock);
    var tester = new ConnectionTester(settings.testConcurrency(), settings.slowTestAfter(), clock);
    var tests = new ConnectionTests(tester, testListener);
    var restarter =
        settings.restartDebounce().map(d -> new WorkloadRestarter(client, events, clock, d));
    var users =
        new BindingUsers(
            clock,
            settings.defaultTestInterval(),
            settings.defaultTestTimeout(),
            settings.hostAliases());
    // Each kind both controllers need is watched once; a controller waits for the other's informer
    // at most as long as for its own.
    var shared = SharedKinds.create(operator.getConfigurationService().cacheSyncTimeout());
    var bindings =
        new WorkspaceBindingReconciler(validator, events, clock, restarter, users, shared);
    var connections =
        new ConnectionReconciler(
            validator,
            events,
            tests,
            settings.defaultTestInterval(),
            settings.defaultTestTimeout(),
            clock,
            shared,
            settings.hostAliases());
    operator.register(
        connections,
        o -> {
          o.withItemStore(
              SlimItemStore.forNamespaces(settings.namespaces(), SlimResources::connection));
          if (!settings.namespaces().isEmpty()) {
            o.settingNamespaces(settings.namespaces());
          }
        });
    operator.register(
        bindings,
        o -> {
          o.withItemStore(
              SlimItemStore.forNamespaces(settings.namespaces(), SlimResources::binding));
          o.withOnAddFilter(bindings.arrivalFilter());
          if (!settings.namespaces().isEmpty()) {
            o.settingNamespaces(settings.namespaces());
          }
        });
    return new SwitchboardOperator(operator, tester, connections, bindings, restarter);
  }

  public void start() {
    operator.start();
  }

  public RuntimeInfo runtimeInfo() {
    return operator.getRuntimeInfo();
  }

  public ConnectionReconciler connections() {
    return connections;
  }

  public WorkspaceBindingReconciler bindings() {
    return bindings;
  }

  /** Workload rolls waiting for their debounce window to end. */
  public int pendingRolls() {
    return restarter.map(WorkloadRestarter::pending).orElse(0);
  }

  /** Stops the controllers (waiting for running reconciles) and the connection tester. */
  public void stop() {
    operator.stop();
    tester.close();
    restarter.ifPresent(WorkloadRestarter::close);
  }

  @Override
  public void close() {
    stop();
  }
}
