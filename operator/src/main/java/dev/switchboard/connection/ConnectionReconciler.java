package dev.switchboard.connection;

import dev.switchboard.api.v1alpha1.Connection;
import dev.switchboard.api.v1alpha1.ConnectionProvisioning;
import dev.switchboard.api.v1alpha1.ConnectionStatus;
import dev.switchboard.api.v1alpha1.LastTest;
import dev.switchboard.credentials.CredentialSecretLabeler;
import dev.switchboard.credentials.ResolvedCredentials;
import dev.switchboard.informers.PrimaryPublisher;
import dev.switchboard.kube.ConditionSet;
import dev.switchboard.kube.EventRecorder;
import dev.switchboard.kube.ReadyCounts;
import dev.switchboard.kube.StatusComparison;
import dev.switchboard.kube.StatusWriter;
import dev.switchboard.kube.WriteRejection;
import dev.switchboard.plugin.HostAliases;
import dev.switchboard.plugin.Redactor;
import dev.switchboard.plugin.TestReason;
import dev.switchboard.plugin.TestSettings;
import dev.switchboard.provision.BindingUsers;
import dev.switchboard.support.CommonSources;
import dev.switchboard.support.Indexes;
import dev.switchboard.support.Keys;
import dev.switchboard.support.Labels;
import dev.switchboard.support.SharedKinds;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports whether a Connection is usable (credentials, and later tests), which bindings use it, and
 * holds its deletion while any binding does.
 */
// Not generation-aware: a new value of the test-requested annotation changes metadata only, not the
// generation.
@ControllerConfiguration(
    name = ConnectionReconciler.NAME,
    finalizerName = Labels.IN_USE_FINALIZER,
    generationAwareEventProcessing = false)
public class ConnectionReconciler implements Reconciler<Connection>, Cleaner<Connection> {
  private static final Logger log = LoggerFactory.getLogger(ConnectionReconciler.class);
  public static final String NAME = "connection";

  /**
   * How soon a Connection whose Secret does not exist yet looks for it again. GitOps tools,
   * External Secrets and Sealed Secrets often create the Secret after the Connection; one GET every
   * few seconds per waiting Connection finds it without caching every Secret in the cluster.
   */
  static final Duration MISSING_SECRET_RECHECK = Duration.ofSeconds(5);

  private final ConnectionSpecValidator validator;
  private final EventRecorder events;
  private final ConnectionStatusBuilder statusBuilder;
  private final ConnectionTests tests;
  private final Duration defaultInterval;
  private final Duration defaultTimeout;
  private final Clock clock;
  private final SharedKinds shared;

  /**
   * @param shared the kinds this controller shares with the binding controller
   */
  private final HostAliases hostAliases;

  private volatile IndexerResourceCache<Connection> connectionCache;

  /**
   * @param hostAliases where tests connect for the hosts Connections name
   */
  public ConnectionReconciler(
      ConnectionSpecValidator validator,
      EventRecorder events,
      ConnectionTests tests,
      Duration defaultInterval,
      Duration defaultTimeout,
      Clock clock,
      SharedKinds shared,
      HostAliases hostAliases) {
    this.hostAliases = hostAliases;
    this.shared = shared;
    this.validator = validator;
    this.events = events;
    this.tests = tests;
    this.defaultInterval = defaultInterval;
    this.defaultTimeout = defaultTimeout;
    this.clock = clock;
    this.statusBuilder = new ConnectionStatusBuilder(clock);
  }

  @Override
  public List<EventSource<?, Connection>> prepareEventSources(
      EventSourceContext<Connection> context) {
    IndexerResourceCache<Connection> connections = context.getPrimaryCache();
    connectionCache = connections;
    connections.addIndexer(Indexes.BY_SECRET, Indexes::secretsOf);

    var bindings =
        shared
            .bindings()
            .<Connection>reader(
                ConnectionSources.BINDINGS,
                ConnectionEventMapping::ofBinding,
                ConnectionEventMapping::bindingChangeMatters);
    var credentialSecrets =
        CommonSources.credentialSecrets(
            shared.credentialSecrets(),
            context,
            s ->
                ConnectionEventMapping.ofCredentialSecret(
                    s, key -> connections.byIndex(Indexes.BY_SECRET, key)));
    var namespaces =
        CommonSources.namespaces(
            shared.namespaces(),
            context,
            ns -> ConnectionEventMapping.withNamespaceSelector(connections.list().toList()));

    var testResults = new SimpleInboundEventSource<Connection>("test-results");
    tests.onFinished(testResults::propagateEvent);

    return List.of(
        new PrimaryPublisher<>(shared.connections(), connections),
        bindings,
        credentialSecrets,
        namespaces,
        testResults);
  }

  @Override
  public UpdateControl<Connection> reconcile(Connection connection, Context<Connection> context) {
    return reconcile(connection, context, ConnectionSources.of(context));
  }

  /** One reconcile, reading through the given sources (a test's, or the Context's). */
  UpdateControl<Connection> reconcile(
      Connection connection, Context<Connection> context, ConnectionSources sources) {
    Evaluation evaluation = evaluate(connection, sources);
    Optional<Duration> nextCheck =
        evaluation.testable() ? scheduleTest(connection, evaluation) : Optional.empty();
    ConnectionStatus status = evaluation.status();
    log.debug(
        "Connection {}/{}: {}",
        connection.getMetadata().getNamespace(),
        connection.getMetadata().getName(),
        ConditionSet.reason(status.getConditions(), ConnectionStatusBuilder.READY));
    recordTransition(connection, status);
    if (!StatusComparison.same(connection.getStatus(), status)) {
      StatusWriter.write(connection, status, context, Connection::setStatus);
    }
    if (evaluation.credentials() != null && evaluation.credentials().secretMissing()) {
      nextCheck = earliest(nextCheck, MISSING_SECRET_RECHECK);
    }
    if (WriteRejection.REASON.equals(
        ConditionSet.reason(status.getConditions(), ConnectionStatusBuilder.READY))) {
      nextCheck =
          earliest(
              nextCheck,
              WriteRejection.retryAfter(
                  ConditionSet.find(status.getConditions(), ConnectionStatusBuilder.READY),
                  clock.instant()));
    }
    UpdateControl<Connection> control = UpdateControl.noUpdate();
    nextCheck.ifPresent(d -> control.rescheduleAfter(d.toMillis()));
    return control;
  }

  private static Optional<Duration> earliest(Optional<Duration> planned, Duration other) {
    return Optional.of(planned.filter(p -> p.compareTo(other) < 0).orElse(other));
  }

  /**
   * Starts a test when one is due; otherwise says when to look again. Never waits for the test
   * itself.
   */
  private Optional<Duration> scheduleTest(Connection connection, Evaluation e) {
    String uid = connection.getMetadata().getUid();
    String fingerprint = e.credentials().fingerprint(connection.getMetadata().getGeneration());
    if (tests.isRunning(uid)) {
      return Optional.empty();
    }
    boolean inputsChanged =
        tests.latest(uid).map(r -> !r.fingerprint().equals(fingerprint)).orElse(false);
    String requested =
        connection.getMetadata().getAnnotations() == null
            ? null
            : connection.getMetadata().getAnnotations().get(Labels.TEST_REQUESTED_ANNOTATION);
    var decision =
        TestSchedule.decide(
            e.lastTest(),
            requested,
            inputsChanged,
            Instant.now(clock),
            e.settings().interval(),
            uid);
    if (!decision.testNow()) {
      return Optional.of(decision.nextCheck());
    }
    var plugin = validator.pluginFor(connection.getSpec());
    var connectionTarget =
        e.credentials().target(connection.getSpec(), plugin, e.settings().timeout(), hostAliases);
    // A Connection that provisions users is tested as its provisioner account logs in.
    var target =
        validator
            .provisionerFor(connection.getSpec())
            .map(p -> p.accountTarget(connectionTarget))
            .orElse(connectionTarget);
    tests.start(uid, ResourceID.fromResource(connection), plugin, target, requested, fingerprint);
    return Optional.empty();
  }

  @Override
  public DeleteControl cleanup(Connection connection, Context<Connection> context) {
    return cleanup(connection, context, ConnectionSources.of(context));
  }

  DeleteControl cleanup(
      Connection connection, Context<Connection> context, ConnectionSources sources) {
    Evaluation evaluation = evaluate(connection, sources);
    ConnectionStatus status = evaluation.status();
    if (!inUseWhileDeleting(connection, evaluation.usage(), sources)) {
      tests.forget(connection.getMetadata().getUid());
      return DeleteControl.defaultDelete();
    }
    recordTransition(connection, status);
    if (!StatusComparison.same(connection.getStatus(), status)) {
      // One write with the resourceVersion read: a conflict means news, and news brings another
      // cleanup.
      connection.setStatus(status);
      context.getClient().resource(connection).updateStatus();
    }
    return DeleteControl.noFinalizerRemoval();
  }

  /**
   * A Connection that provisions users revokes them when it is deleted (each binding drops its
   * user); it waits only for the bindings whose user is not dropped yet. Otherwise it waits for
   * every binding that uses it.
   */
  private boolean inUseWhileDeleting(
      Connection connection, BindingUsage usage, ConnectionSources sources) {
    if (!ConnectionProvisioning.perBinding(connection.getSpec())) {
      return usage.inUse();
    }
    return sources.bindingsByConnection().apply(Keys.of(connection)).stream()
        .anyMatch(BindingUsers::holdsUser);
  }

  /** What the reconciler found; {@code testable} when a test could run now. */
  private record Evaluation(
      ConnectionStatus status,
      ResolvedCredentials credentials,
      TestSettings settings,
      LastTest lastTest,
      BindingUsage usage,
      boolean testable) {}

  private Evaluation evaluate(Connection connection, ConnectionSources sources) {
    List<String> problems = validator.problems(connection.getSpec());
    ResolvedCredentials resolved = null;
    TestSettings settings = null;
    String rejected = null;
    if (problems.isEmpty()) {
      resolved =
          sources.credentials().resolve(connection, validator.pluginFor(connection.getSpec()));
      rejected = labelReferencedSecrets(connection, resolved, sources.labeler());
      settings = TestSettings.of(connection.getSpec(), defaultInterval, defaultTimeout);
    }
    LastTest last = newestTest(connection);
    BindingUsage usage = usage(connection, sources);
    var status =
        statusBuilder.build(connection, problems, resolved, settings, last, usage, rejected);
    boolean testable =
        problems.isEmpty()
            && resolved.resolved()
            && settings.enabled()
            && connection.getMetadata().getDeletionTimestamp() == null
            && rejected == null;
    return new Evaluation(status, resolved, settings, last, usage, testable);
  }

  /**
   * Labels the Secrets the Connection reads so that the operator watches them; the API server's
   * words when it refuses that for good, else null.
   */
  private String labelReferencedSecrets(
      Connection connection, ResolvedCredentials resolved, CredentialSecretLabeler labeler) {
    try {
      if (resolved.secret() != null) {
        labeler.ensureLabelled(resolved.secret());
      }
      if (resolved.caSecret() != null) {
        labeler.ensureLabelled(resolved.caSecret());
      }
      return null;
    } catch (KubernetesClientException refused) {
      if (!WriteRejection.isFinal(refused)) {
        throw refused;
      }
      log.warn(
          "Connection {}/{}: the API server refused to label its credential Secret ({})",
          connection.getMetadata().getNamespace(),
          connection.getMetadata().getName(),
          refused.getCode());
      return WriteRejection.describe(
          "the label that lets the operator watch the credential Secret",
          refused,
          text -> Redactor.redact(text, resolved.credentials()));
    }
  }

  /**
   * The newer of the test in status and the last one finished in this process. Status times have
   * whole seconds and status is only ever written from finished tests, so a finished test of the
   * same second is the newer.
   */
  private LastTest newestTest(Connection connection) {
    LastTest inStatus =
        connection.getStatus() == null ? null : connection.getStatus().getLastTest();
    return tests
        .latest(connection.getMetadata().getUid())
        .map(ConnectionTests.Run::lastTest)
        .filter(run -> !ConnectionTests.timeOf(run).isBefore(ConnectionTests.timeOf(inStatus)))
        .orElse(inStatus);
  }

  private BindingUsage usage(Connection connection, ConnectionSources sources) {
    return BindingUsage.of(
        connection,
        sources.bindingsByConnection().apply(Keys.of(connection)),
        new AccessPolicy(sources.namespaceLabels()::apply));
  }

  private void recordTransition(Connection connection, ConnectionStatus status) {
    String before =
        connection.getStatus() == null
            ? null
            : ConditionSet.reason(
                connection.getStatus().getConditions(), ConnectionStatusBuilder.READY);
    var ready = ConditionSet.find(status.getConditions(), ConnectionStatusBuilder.READY);
    // Waiting for the first test, and a first success, are not news; failures and recoveries are.
    boolean firstReady =
        (before == null || ConnectionStatusBuilder.NOT_YET_TESTED.equals(before))
            && ConditionSet.TRUE.equals(ready.getStatus());
    if (!Objects.equals(before, ready.getReason())
        && !ConditionSet.UNKNOWN.equals(ready.getStatus())
        && !firstReady) {
      events.recordTransition(
          connection,
          ConditionSet.TRUE.equals(ready.getStatus())
              ? EventRecorder.NORMAL
              : EventRecorder.WARNING,
          ready.getReason(),
          ready.getMessage());
    }
  }

  /** How many Connections' Ready condition has this reason; 0 before the controller started. */
  public long countWithReadyReason(String reason) {
    return ReadyCounts.withReason(
        connectionCache, c -> c.getStatus() == null ? null : c.getStatus().getConditions(), reason);
  }

  /** Every reason a Connection's Ready condition can have. */
  public static List<String> readyReasons() {
    List<String> reasons =
        new ArrayList<>(
            List.of(
                ConnectionStatusBuilder.READY,
                ConnectionStatusBuilder.NOT_YET_TESTED,
                ConnectionStatusBuilder.INVALID_SPEC,
                ConnectionStatusBuilder.CREDENTIALS_UNAVAILABLE,
                ConnectionStatusBuilder.IN_USE,
                WriteRejection.REASON));
    for (TestReason reason : TestReason.values()) {
      if (reason != TestReason.Succeeded && reason != TestReason.Disabled) {
        reasons.add(reason.name());
      }
    }
    return List.copyOf(reasons);
  }
}
