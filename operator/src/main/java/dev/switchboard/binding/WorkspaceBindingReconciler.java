package dev.switchboard.binding;

import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.connection.ConnectionSpecValidator;
import dev.switchboard.informers.PrimaryPublisher;
import dev.switchboard.informers.SlimItemStore;
import dev.switchboard.kube.ConditionSet;
import dev.switchboard.kube.EventRecorder;
import dev.switchboard.kube.ReadyCounts;
import dev.switchboard.kube.StatusComparison;
import dev.switchboard.kube.StatusWriter;
import dev.switchboard.kube.WriteRejection;
import dev.switchboard.provision.BindingUsers;
import dev.switchboard.rollout.WorkloadRestarter;
import dev.switchboard.support.CommonSources;
import dev.switchboard.support.Indexes;
import dev.switchboard.support.Labels;
import dev.switchboard.support.SharedKinds;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.controller.ResourceAction;
import io.javaoperatorsdk.operator.processing.event.source.controller.ResourceEvent;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnAddFilter;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WorkspaceBinding controller: sets up what it watches, hands each reconcile to a {@link
 * BindingRun}, and reports the outcome as status, Events and the next check. Everything a reconcile
 * reads comes through the SDK's Context.
 */
// Not generation-aware: the rotate and skip-cleanup annotations change metadata only;
// BindingUpdateFilter says which updates matter. Every event, the deletion included, comes to
// reconcile: the user-cleanup finalizer is this controller's own, added only to bindings whose
// Connection provisions users.
@ControllerConfiguration(
    name = WorkspaceBindingReconciler.NAME,
    generationAwareEventProcessing = false,
    triggerReconcilerOnAllEvents = true,
    informer = @Informer(onUpdateFilter = BindingUpdateFilter.class))
public class WorkspaceBindingReconciler implements Reconciler<WorkspaceBinding> {
  private static final Logger log = LoggerFactory.getLogger(WorkspaceBindingReconciler.class);
  public static final String NAME = "workspacebinding";

  private final EventRecorder events;
  private final BindingStatusBuilder statusBuilder;
  private final Clock clock;
  private final Optional<WorkloadRestarter> restarter;
  private final BindingUsers users;
  private final BindingRun.Services services;
  private final SharedKinds shared;

  /** The primary cache, for the metric of bindings by reason; set when the controller starts. */
  private volatile IndexerResourceCache<WorkspaceBinding> bindingCache;

  /**
   * @param restarter rolls opted-in workloads when a bound Secret's data changes; empty: restart on
   *     rotation off
   * @param shared the kinds this controller shares with the Connection controller
   */
  public WorkspaceBindingReconciler(
      ConnectionSpecValidator validator,
      EventRecorder events,
      Clock clock,
      Optional<WorkloadRestarter> restarter,
      BindingUsers users,
      SharedKinds shared) {
    this.users = users;
    this.shared = shared;
    this.events = events;
    this.services = new BindingRun.Services(validator, events, users, restarter);
    this.statusBuilder = new BindingStatusBuilder(clock);
    this.clock = clock;
    this.restarter = restarter;
  }

  @Override
  public List<EventSource<?, WorkspaceBinding>> prepareEventSources(
      EventSourceContext<WorkspaceBinding> context) {
    IndexerResourceCache<WorkspaceBinding> bindings = context.getPrimaryCache();
    bindingCache = bindings;
    bindings.addIndexer(Indexes.BY_CONNECTION, Indexes::connectionOf);
    bindings.addIndexer(Indexes.BY_NAMESPACE, Indexes::namespaceOf);
    Function<String, List<WorkspaceBinding>> byConnection =
        key -> bindings.byIndex(Indexes.BY_CONNECTION, key);

    // A Connection's change reaches even a binding whose arrival was not reconciled (see
    // BindingArrivalFilter): the SDK drops a plain event for a primary it has not seen.
    var connections =
        shared
            .connections()
            .<WorkspaceBinding>reader(
                BindingSources.CONNECTIONS,
                c -> BindingEventMapping.ofConnection(c, byConnection),
                BindingEventMapping::connectionChangeMatters,
                id ->
                    bindings
                        .get(id)
                        .<Event>map(b -> new ResourceEvent(ResourceAction.UPDATED, id, b))
                        .orElseGet(() -> new Event(id)));
    var credentialSecrets =
        shared
            .credentialSecrets()
            .<WorkspaceBinding>reader(
                CommonSources.CREDENTIAL_SECRETS,
                s ->
                    BindingEventMapping.ofCredentialSecret(
                        s, key -> connections.byIndex(Indexes.BY_SECRET, key), byConnection));
    var namespaces =
        shared
            .namespaces()
            .<WorkspaceBinding>reader(
                CommonSources.NAMESPACES,
                ns ->
                    BindingEventMapping.ofNamespace(
                        ns, name -> bindings.byIndex(Indexes.BY_NAMESPACE, name)));
    var boundSecrets =
        producedInformer(
            Secret.class,
            BindingSources.BOUND_SECRETS,
            context,
            SlimItemStore.forSource(context, BoundSecretData::trim));
    var readerRoles = producedInformer(Role.class, BindingSources.READER_ROLES, context);
    var readerRoleBindings =
        producedInformer(RoleBinding.class, BindingSources.READER_ROLE_BINDINGS, context);

    List<EventSource<?, WorkspaceBinding>> sources =
        new ArrayList<>(
            List.of(
                new PrimaryPublisher<>(shared.bindings(), bindings),
                connections,
                credentialSecrets,
                namespaces,
                boundSecrets,
                readerRoles,
                readerRoleBindings));
    restarter.ifPresent(
        r -> {
          // A roll wakes its binding, whose status then lists it.
          var rolled = new SimpleInboundEventSource<WorkspaceBinding>("rollouts");
          sources.addAll(r.eventSources(context, rolled::propagateEvent));
          sources.add(rolled);
        });
    return sources;
  }

  @Override
  public UpdateControl<WorkspaceBinding> reconcile(
      WorkspaceBinding primary, Context<WorkspaceBinding> context) {
    return reconcile(primary, context, BindingSources.of(context));
  }

  /** One reconcile, reading and writing through the given sources (a test's, or the Context's). */
  UpdateControl<WorkspaceBinding> reconcile(
      WorkspaceBinding primary, Context<WorkspaceBinding> context, BindingSources sources) {
    if (context.isPrimaryResourceDeleted()) {
      users.forget(primary.getMetadata().getUid());
      return UpdateControl.noUpdate();
    }
    var run = new BindingRun(primary, context, sources, services);
    if (primary.isMarkedForDeletion()) {
      return BindingUsers.holdsUser(primary)
          ? run.release()
              .map(pending -> report(run.binding(), pending, context))
              .orElseGet(UpdateControl::noUpdate)
          : UpdateControl.noUpdate();
    }
    BindingOutcome outcome = run.bind();
    // After bind(): a finalizer it added changed the binding, and the status is written against
    // that.
    return report(run.binding(), outcome, context);
  }

  /**
   * The one place an outcome reaches the cluster, for reconciles and deletions alike: the status
   * (written only when it differs), an Event when the Ready reason changes, and when to look again.
   */
  private UpdateControl<WorkspaceBinding> report(
      WorkspaceBinding binding, BindingOutcome outcome, Context<WorkspaceBinding> context) {
    if (outcome instanceof BindingOutcome.Waiting waiting) {
      // Waiting for the Connection's first evaluation (its status change brings this binding
      // back), or the namespace is going and takes the binding with it.
      log.debug(
          "Binding {}/{}: nothing to write ({})",
          binding.getMetadata().getNamespace(),
          binding.getMetadata().getName(),
          waiting.why());
      return UpdateControl.noUpdate();
    }
    Optional<Duration> grace = verdictGrace(binding, outcome);
    if (grace.isPresent()) {
      return UpdateControl.<WorkspaceBinding>noUpdate().rescheduleAfter(grace.get());
    }
    log.debug(
        "Binding {}/{}: {}",
        binding.getMetadata().getNamespace(),
        binding.getMetadata().getName(),
        outcome.reason());
    var status = statusBuilder.build(binding, outcome);
    status.setRollouts(
        restarter
            .map(r -> r.rollouts(binding))
            .orElse(binding.getStatus() == null ? null : binding.getStatus().getRollouts()));
    String previousReason =
        binding.getStatus() == null
            ? null
            : ConditionSet.reason(binding.getStatus().getConditions(), BindingStatusBuilder.READY);
    boolean ready = outcome instanceof BindingOutcome.Bound;
    // A first successful bind is routine; failures, recoveries and revocations are news.
    if (!Objects.equals(previousReason, outcome.reason()) && !(previousReason == null && ready)) {
      events.recordTransition(
          binding,
          ready ? EventRecorder.NORMAL : EventRecorder.WARNING,
          outcome.reason(),
          ConditionSet.find(status.getConditions(), BindingStatusBuilder.READY).getMessage());
    }
    if (!StatusComparison.same(binding.getStatus(), status)) {
      StatusWriter.write(binding, status, context, WorkspaceBinding::setStatus);
    }
    if (BACKED_OFF.contains(outcome.reason())) {
      return UpdateControl.<WorkspaceBinding>noUpdate()
          .rescheduleAfter(
              WriteRejection.retryAfter(
                  ConditionSet.find(status.getConditions(), BindingStatusBuilder.READY),
                  clock.instant()));
    }
    if (outcome instanceof BindingOutcome.Bound bound && bound.recheckAfter() != null) {
      return UpdateControl.<WorkspaceBinding>noUpdate().rescheduleAfter(bound.recheckAfter());
    }
    return UpdateControl.noUpdate();
  }

  /**
   * A new binding is told NotPermitted only once it is this old. Its Connection, or the labels of
   * its namespace, applied together with it may reach the operator's caches after it (each kind has
   * its own watch, and their events arrive in any order); a verdict given before would be a false
   * NotPermitted, Event included.
   */
  static final Duration NOT_PERMITTED_GRACE = Duration.ofSeconds(5);

  /** How long to wait before a first NotPermitted verdict, if at all. */
  private Optional<Duration> verdictGrace(WorkspaceBinding binding, BindingOutcome outcome) {
    String created = binding.getMetadata().getCreationTimestamp();
    if (!BindingOutcome.NOT_PERMITTED.equals(outcome.reason())
        || binding.getStatus() != null
        || created == null) {
      return Optional.empty();
    }
    try {
      Duration age = Duration.between(Instant.parse(created), clock.instant());
      // A clock behind the API server's would wait for as long as it is behind: not at all then.
      return age.isNegative() || age.compareTo(NOT_PERMITTED_GRACE) >= 0
          ? Optional.empty()
          : Optional.of(NOT_PERMITTED_GRACE.minus(age));
    } catch (DateTimeParseException unreadable) {
      return Optional.empty();
    }
  }

  /** Failures retried later, less often the longer they last, rather than at once. */
  private static final Set<String> BACKED_OFF =
      Set.of(
          BindingOutcome.WRITE_REJECTED,
          BindingOutcome.PROVISIONING_FAILED,
          BindingOutcome.CLEANUP_PENDING);

  /**
   * Which arriving bindings are reconciled at once; set on the controller when it is registered.
   */
  public OnAddFilter<WorkspaceBinding> arrivalFilter() {
    return new BindingArrivalFilter(shared.connections());
  }

  /** How many bindings' Ready condition has this reason; 0 before the controller started. */
  public long countWithReadyReason(String reason) {
    return ReadyCounts.withReason(
        bindingCache, b -> b.getStatus() == null ? null : b.getStatus().getConditions(), reason);
  }

  public static List<String> readyReasons() {
    return List.of(
        BindingOutcome.READY,
        BindingOutcome.NOT_PERMITTED,
        BindingOutcome.CREDENTIALS_UNAVAILABLE,
        BindingOutcome.SECRET_CONFLICT,
        BindingOutcome.INVALID_SPEC,
        BindingOutcome.WRITE_REJECTED,
        BindingOutcome.PROVISIONING_FAILED,
        BindingOutcome.CLEANUP_PENDING);
  }

  private static <R extends HasMetadata> InformerEventSource<R, WorkspaceBinding> producedInformer(
      Class<R> kind, String name, EventSourceContext<WorkspaceBinding> context) {
    return producedInformer(kind, name, context, SlimItemStore.forSource(context));
  }

  private static <R extends HasMetadata> InformerEventSource<R, WorkspaceBinding> producedInformer(
      Class<R> kind,
      String name,
      EventSourceContext<WorkspaceBinding> context,
      SlimItemStore<R> store) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(kind, WorkspaceBinding.class)
            .withName(name)
            .withLabelSelector(Labels.MANAGED_SELECTOR)
            .withSecondaryToPrimaryMapper(BindingEventMapping::ofProduced)
            .withItemStore(store)
            .build(),
        context);
  }
}
