package dev.switchboard.binding;

import dev.switchboard.api.v1alpha1.BoundConnection;
import dev.switchboard.api.v1alpha1.Connection;
import dev.switchboard.api.v1alpha1.ConnectionProvisioning;
import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.connection.ConnectionSpecValidator;
import dev.switchboard.connection.CredentialSecretSource;
import dev.switchboard.connection.CredentialsResolver;
import dev.switchboard.connection.ResolvedCredentials;
import dev.switchboard.plugin.ConnectionPlugin;
import dev.switchboard.plugin.Credentials;
import dev.switchboard.plugin.Endpoint;
import dev.switchboard.provision.BindingUsers;
import dev.switchboard.provision.Provisioner;
import dev.switchboard.provision.ProvisioningException;
import dev.switchboard.rollout.WorkloadRestarter;
import dev.switchboard.support.ConditionSet;
import dev.switchboard.support.DataHash;
import dev.switchboard.support.EventRecorder;
import dev.switchboard.support.Indexes;
import dev.switchboard.support.Keys;
import dev.switchboard.support.Labels;
import dev.switchboard.support.References;
import dev.switchboard.support.StatusComparison;
import dev.switchboard.support.StatusWriter;
import dev.switchboard.support.WriteRejection;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Materialises a WorkspaceBinding: checks the Connection's access policy, writes the bound Secret
 * and its reader Role/RoleBinding, revokes them when access goes, and reports status. It never
 * touches objects it does not own.
 */
// Not generation-aware: the rotate and skip-cleanup annotations change metadata only;
// BindingUpdateFilter says
// which updates matter. Every event, the deletion included, comes to reconcile: the user-cleanup
// finalizer is
// this controller's own, added only to bindings whose Connection provisions users.
@ControllerConfiguration(
    name = WorkspaceBindingReconciler.NAME,
    generationAwareEventProcessing = false,
    triggerReconcilerOnAllEvents = true,
    informer = @Informer(onUpdateFilter = BindingUpdateFilter.class))
public class WorkspaceBindingReconciler implements Reconciler<WorkspaceBinding> {
  private static final Logger log = LoggerFactory.getLogger(WorkspaceBindingReconciler.class);
  public static final String NAME = "workspacebinding";

  private final ConnectionSpecValidator validator;
  private final EventRecorder events;
  private final BindingStatusBuilder statusBuilder;
  private final Clock clock;
  private final Optional<WorkloadRestarter> restarter;
  private final BindingUsers users;

  private InformerEventSource<Connection, WorkspaceBinding> connections;
  private InformerEventSource<Namespace, WorkspaceBinding> namespaces;
  private ProducedResources<Secret> secrets;
  private ProducedResources<Role> roles;
  private ProducedResources<RoleBinding> roleBindings;
  private CredentialsResolver credentials;
  private IndexerResourceCache<WorkspaceBinding> bindingCache;

  /**
   * @param restarter rolls opted-in workloads when a bound Secret's data changes; empty: restart on
   *     rotation off
   */
  public WorkspaceBindingReconciler(
      ConnectionSpecValidator validator,
      EventRecorder events,
      Clock clock,
      Optional<WorkloadRestarter> restarter,
      BindingUsers users) {
    this.users = users;
    this.validator = validator;
    this.events = events;
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

    connections =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Connection.class, WorkspaceBinding.class)
                .withName("connections")
                .withSecondaryToPrimaryMapper(
                    c -> BindingEventMapping.ofConnection(c, byConnection))
                .withOnUpdateFilter(BindingEventMapping::connectionChangeMatters)
                .build(),
            context);
    connections.addIndexers(Map.of(Indexes.BY_CREDENTIAL_SECRET, Indexes::credentialSecretOf));

    var credentialSecrets =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Secret.class, WorkspaceBinding.class)
                .withName("credential-secrets")
                .withLabelSelector(Labels.CREDENTIALS_SELECTOR)
                .withSecondaryToPrimaryMapper(
                    s ->
                        BindingEventMapping.ofCredentialSecret(
                            s,
                            key -> connections.byIndex(Indexes.BY_CREDENTIAL_SECRET, key),
                            byConnection))
                .build(),
            context);
    credentials =
        new CredentialsResolver(
            new CredentialSecretSource(credentialSecrets::get, context.getClient()));

    namespaces =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Namespace.class, WorkspaceBinding.class)
                .withName("namespaces")
                .withSecondaryToPrimaryMapper(
                    ns ->
                        BindingEventMapping.ofNamespace(
                            ns, name -> bindings.byIndex(Indexes.BY_NAMESPACE, name)))
                .build(),
            context);

    var boundSecrets = producedInformer(Secret.class, "bound-secrets", context);
    var readerRoles = producedInformer(Role.class, "reader-roles", context);
    var readerRoleBindings = producedInformer(RoleBinding.class, "reader-rolebindings", context);
    secrets =
        new ProducedResources<>(
            Secret.class,
            boundSecrets,
            context.getClient(),
            (a, d) -> Objects.equals(a.getData(), d.getData()),
            (a, d) -> !Objects.equals(a.getType(), d.getType()));
    roles =
        new ProducedResources<>(
            Role.class,
            readerRoles,
            context.getClient(),
            (a, d) -> StatusComparison.same(a.getRules(), d.getRules()),
            (a, d) -> false);
    roleBindings =
        new ProducedResources<>(
            RoleBinding.class,
            readerRoleBindings,
            context.getClient(),
            (a, d) -> StatusComparison.same(a.getSubjects(), d.getSubjects()),
            (a, d) -> !StatusComparison.same(a.getRoleRef(), d.getRoleRef()));

    List<EventSource<?, WorkspaceBinding>> sources =
        new ArrayList<>(
            List.of(
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
    if (context.isPrimaryResourceDeleted()) {
      users.forget(primary.getMetadata().getUid());
      return UpdateControl.noUpdate();
    }
    if (primary.isMarkedForDeletion()) {
      return BindingUsers.holdsUser(primary)
          ? finishDeletion(primary, context)
          : UpdateControl.noUpdate();
    }
    var current = new WorkspaceBinding[] {primary};
    BindingOutcome outcome = bind(primary, context, current);
    WorkspaceBinding binding = current[0];
    if (outcome.waiting()) {
      // Waiting for the Connection's first evaluation; its status change brings this binding back.
      log.debug(
          "Binding {}/{}: waiting for its Connection's first status",
          binding.getMetadata().getNamespace(),
          binding.getMetadata().getName());
      return UpdateControl.noUpdate();
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
    status.setProvisionedUser(outcome.provisionedUser());
    String previousReason =
        binding.getStatus() == null
            ? null
            : ConditionSet.reason(binding.getStatus().getConditions(), BindingStatusBuilder.READY);
    // A first successful bind is routine; failures, recoveries and revocations are news.
    if (!Objects.equals(previousReason, outcome.reason())
        && !(previousReason == null && outcome.ready())) {
      events.recordTransition(
          binding,
          outcome.ready() ? EventRecorder.NORMAL : EventRecorder.WARNING,
          outcome.reason(),
          outcome.ready()
              ? ConditionSet.find(status.getConditions(), BindingStatusBuilder.READY).getMessage()
              : outcome.message());
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
    if (outcome.recheckAfter() != null) {
      return UpdateControl.<WorkspaceBinding>noUpdate().rescheduleAfter(outcome.recheckAfter());
    }
    return UpdateControl.noUpdate();
  }

  /** Failures retried later, less often the longer they last, rather than at once. */
  private static final Set<String> BACKED_OFF =
      Set.of(
          BindingOutcome.WRITE_REJECTED,
          BindingOutcome.PROVISIONING_FAILED,
          BindingOutcome.CLEANUP_PENDING);

  /**
   * A deleted binding whose user may exist: the user is dropped (its sessions ended) before the
   * finalizer goes and the garbage collector takes the bound Secret. While that fails the binding
   * says why and waits, unless an admin gives up with the skip-cleanup annotation.
   */
  private UpdateControl<WorkspaceBinding> finishDeletion(
      WorkspaceBinding binding, Context<WorkspaceBinding> context) {
    String user = BindingUsers.userName(binding);
    if (BindingUsers.skipsCleanup(binding)) {
      events.record(
          binding,
          EventRecorder.WARNING,
          "CleanupSkipped",
          "User "
              + user
              + " was not dropped at the data source: annotation "
              + BindingUsers.SKIP_CLEANUP_ANNOTATION
              + " says so");
      PrimaryUpdateAndCacheUtils.removeFinalizer(context, BindingUsers.FINALIZER);
      return UpdateControl.noUpdate();
    }
    Optional<String> problem = dropUser(binding);
    if (problem.isEmpty()) {
      events.record(
          binding,
          EventRecorder.NORMAL,
          "UserDropped",
          "User " + user + " was dropped at the data source and its sessions ended");
      PrimaryUpdateAndCacheUtils.removeFinalizer(context, BindingUsers.FINALIZER);
      return UpdateControl.noUpdate();
    }
    String message =
        problem.get()
            + "; the binding is deleted once the user is dropped, or set annotation "
            + BindingUsers.SKIP_CLEANUP_ANNOTATION
            + "=\"true\" to give up";
    var outcome =
        failure(
                binding,
                BindingOutcome.CLEANUP_PENDING,
                message,
                binding.getStatus() == null ? null : binding.getStatus().getConnection())
            .withProvisionedUser(user, null);
    var status = statusBuilder.build(binding, outcome);
    status.setProvisionedUser(user);
    status.setRollouts(binding.getStatus() == null ? null : binding.getStatus().getRollouts());
    if (!BindingOutcome.CLEANUP_PENDING.equals(
        binding.getStatus() == null
            ? null
            : ConditionSet.reason(
                binding.getStatus().getConditions(), BindingStatusBuilder.READY))) {
      events.recordTransition(
          binding, EventRecorder.WARNING, BindingOutcome.CLEANUP_PENDING, message);
    }
    if (!StatusComparison.same(binding.getStatus(), status)) {
      StatusWriter.write(binding, status, context, WorkspaceBinding::setStatus);
    }
    return UpdateControl.<WorkspaceBinding>noUpdate()
        .rescheduleAfter(
            WriteRejection.retryAfter(
                ConditionSet.find(status.getConditions(), BindingStatusBuilder.READY),
                clock.instant()));
  }

  /**
   * Drops the binding's user at its Connection's data source, whatever the Connection's access or
   * mode now; the problem in Switchboard's words when that cannot be done.
   */
  private Optional<String> dropUser(WorkspaceBinding binding) {
    String user = BindingUsers.userName(binding);
    Optional<Connection> connection =
        connections
            .get(
                new ResourceID(
                    binding.getSpec().getConnectionRef().getName(),
                    References.connectionNamespace(binding)))
            .filter(c -> c.getSpec() != null);
    if (connection.isEmpty()) {
      return Optional.of(
          "User "
              + user
              + " cannot be dropped: its Connection "
              + References.connectionOf(binding).orElse("")
              + " is gone");
    }
    Connection conn = connection.get();
    var provisioner = validator.provisionerForType(conn.getSpec().getType());
    var plugin = validator.pluginFor(conn.getSpec());
    ResolvedCredentials creds = credentials.resolve(conn, plugin);
    if (provisioner.isEmpty() || !creds.resolved()) {
      return Optional.of(
          "User "
              + user
              + " cannot be dropped: the credentials of Connection "
              + Keys.of(conn)
              + " are unavailable"
              + (creds.resolved() ? "" : ": " + creds.message()));
    }
    try {
      users.drop(binding, plugin, provisioner.get(), users.source(conn, plugin, creds));
      return Optional.empty();
    } catch (ProvisioningException e) {
      return Optional.of(e.getMessage());
    }
  }

  /**
   * Access ended (withdrawn, Connection deleted or no longer provisioning): the user goes first,
   * then the finalizer that guarded it. Empty when nothing is left to do; else why the user stays
   * for now.
   */
  private Optional<String> retireUser(
      WorkspaceBinding binding, Context<WorkspaceBinding> context, WorkspaceBinding[] current) {
    if (!BindingUsers.holdsUser(binding)) {
      return Optional.empty();
    }
    Optional<String> problem = dropUser(binding);
    if (problem.isEmpty()) {
      events.record(
          binding,
          EventRecorder.NORMAL,
          "UserDropped",
          "User "
              + BindingUsers.userName(binding)
              + " was dropped at the data source and its sessions ended");
      current[0] = PrimaryUpdateAndCacheUtils.removeFinalizer(context, BindingUsers.FINALIZER);
    }
    return problem;
  }

  private BindingOutcome bind(
      WorkspaceBinding binding, Context<WorkspaceBinding> context, WorkspaceBinding[] current) {
    String secretName = BindingNames.secretName(binding);
    List<String> problems = BindingSpecValidator.problems(binding);
    if (!problems.isEmpty()) {
      return failure(binding, BindingOutcome.INVALID_SPEC, String.join("; ", problems), null);
    }
    Optional<Connection> connection = permittedConnection(binding);
    if (connection.isEmpty()) {
      // The bound Secret goes even while the user cannot be dropped yet: nobody should read a
      // password any more.
      Optional<String> userLeft = retireUser(binding, context, current);
      revoke(binding);
      String ref = References.connectionOf(binding).orElseThrow();
      if (userLeft.isPresent()) {
        return new BindingOutcome(
                BindingOutcome.CLEANUP_PENDING,
                "Access to Connection " + ref + " ended; " + userLeft.get(),
                false,
                secretName,
                null,
                null)
            .withProvisionedUser(BindingUsers.userName(binding), null);
      }
      // The same words whether the Connection is missing or forbidden, so no workspace can probe
      // for names.
      return new BindingOutcome(
          BindingOutcome.NOT_PERMITTED,
          "Connection "
              + ref
              + " does not exist or does not permit bindings from namespace "
              + binding.getMetadata().getNamespace(),
          false,
          secretName,
          null,
          null);
    }
    Connection conn = connection.get();
    if (conn.getStatus() == null || conn.getStatus().getObservedGeneration() == null) {
      // Until the Connection has been looked at, its readiness and credentials are unknown; binding
      // now would
      // report the wrong readiness and write twice.
      return BindingOutcome.waitingForConnection(secretName);
    }
    var summary =
        new BoundConnection(
            conn.getSpec().getType(),
            conn.getStatus() != null
                && ConditionSet.isTrue(conn.getStatus().getConditions(), "Ready"));
    List<String> connectionProblems = validator.problems(conn.getSpec());
    if (!connectionProblems.isEmpty()) {
      return failure(
          binding,
          BindingOutcome.INVALID_SPEC,
          "Connection " + Keys.of(conn) + " is invalid: " + String.join("; ", connectionProblems),
          summary);
    }
    ConnectionPlugin plugin = validator.pluginFor(conn.getSpec());
    ResolvedCredentials creds = credentials.resolve(conn, plugin);
    if (!creds.resolved()) {
      return failure(
          binding,
          BindingOutcome.CREDENTIALS_UNAVAILABLE,
          "Credentials of Connection " + Keys.of(conn) + " are unavailable: " + creds.message(),
          summary);
    }
    Optional<Provisioner> provisioner = validator.provisionerFor(conn.getSpec());
    Credentials bound = creds.credentials();
    Map<String, String> secretAnnotations = Map.of();
    BindingUsers.Grant grant = null;
    if (provisioner.isPresent()) {
      if (!BindingUsers.holdsUser(binding)) {
        // Before the user exists: a deletion from now on waits until it is dropped again.
        binding = PrimaryUpdateAndCacheUtils.addFinalizer(context, BindingUsers.FINALIZER);
        current[0] = binding;
      }
      Optional<Secret> previous =
          secrets.owned(binding, null).stream()
              .filter(s -> s.getMetadata().getName().equals(secretName))
              .findFirst();
      try {
        grant =
            users.ensure(
                binding,
                conn,
                plugin,
                provisioner.get(),
                users.source(conn, plugin, creds),
                previous);
      } catch (ProvisioningException e) {
        return failure(binding, BindingOutcome.PROVISIONING_FAILED, e.getMessage(), summary)
            .withProvisionedUser(BindingUsers.userName(binding), null);
      }
      bound = grant.credentials();
      secretAnnotations = grant.secretAnnotations();
    } else {
      Optional<String> userLeft = retireUser(binding, context, current);
      binding = current[0];
      if (userLeft.isPresent()) {
        return failure(
                binding,
                BindingOutcome.CLEANUP_PENDING,
                "Connection "
                    + Keys.of(conn)
                    + " no longer provisions a user per binding; "
                    + userLeft.get(),
                summary)
            .withProvisionedUser(BindingUsers.userName(binding), null);
      }
    }
    Map<String, String> data = plugin.bindingData(Endpoint.of(conn.getSpec(), plugin), bound);
    String hash = DataHash.of(data, creds.hashKey());
    Secret secret = BoundSecretBuilder.build(binding, plugin.type(), data, hash, secretAnnotations);
    Role role = ReaderRbacBuilder.role(binding);
    Optional<RoleBinding> roleBinding = ReaderRbacBuilder.roleBinding(binding);

    // On a first bind, create without asking first; later reconciles look up what they may not own.
    boolean firstBind = binding.getStatus() == null;
    Optional<Secret> existingSecret = secrets.existing(secret, firstBind);
    Optional<Role> existingRole = roles.existing(role, firstBind);
    Optional<RoleBinding> existingRoleBinding =
        roleBinding.flatMap(rb -> roleBindings.existing(rb, firstBind));
    List<String> clashes = new ArrayList<>();
    if (ProducedResources.clashes(binding, existingSecret)) {
      clashes.add("Secret " + secret.getMetadata().getName());
    }
    if (ProducedResources.clashes(binding, existingRole)) {
      clashes.add("Role " + role.getMetadata().getName());
    }
    if (ProducedResources.clashes(binding, existingRoleBinding)) {
      clashes.add("RoleBinding " + roleBinding.get().getMetadata().getName());
    }
    if (!clashes.isEmpty()) {
      return failure(
          binding,
          BindingOutcome.SECRET_CONFLICT,
          String.join(", ", clashes)
              + " already exist(s) and is not managed by this binding; it was left unchanged",
          summary);
    }
    String previousHash =
        existingSecret
            .map(s -> s.getMetadata().getAnnotations())
            .map(a -> a.get(Labels.DATA_HASH_ANNOTATION))
            .orElse(null);
    List<Runnable> undo = new ArrayList<>();
    try {
      if (secrets.apply(binding, secret, existingSecret) && existingSecret.isEmpty()) {
        undo.add(() -> secrets.delete(secret));
      }
      if (roles.apply(binding, role, existingRole) && existingRole.isEmpty()) {
        undo.add(() -> roles.delete(role));
      }
      if (roleBinding.isPresent()) {
        roleBindings.apply(binding, roleBinding.get(), existingRoleBinding);
      }
    } catch (ProducedResources.ClashException clash) {
      // Nothing half-made stays behind: what this reconcile created for a bind that clashes is
      // removed again.
      undo.forEach(Runnable::run);
      return failure(
          binding,
          BindingOutcome.SECRET_CONFLICT,
          clash.what()
              + " already exists and is not managed by this binding; it was left unchanged",
          summary);
    } catch (KubernetesClientException refused) {
      if (!WriteRejection.isFinal(refused)) {
        throw refused;
      }
      // What exists stays as it is: a refused update leaves the last good Secret serving the
      // workload.
      log.warn(
          "Binding {}/{}: the API server refused a write ({})",
          binding.getMetadata().getNamespace(),
          binding.getMetadata().getName(),
          refused.getCode());
      return failure(
              binding,
              BindingOutcome.WRITE_REJECTED,
              WriteRejection.describe("the bound Secret or its RBAC", refused, creds.credentials()),
              summary)
          .withProvisionedUser(grant == null ? null : grant.credentials().username(), null);
    }
    secrets.deleteOwned(binding, secretName);
    if (roleBinding.isEmpty()) {
      roleBindings.deleteOwned(binding, null);
    }
    // A new Secret (first bind, renamed) rolls nothing: a Pod cannot have started without it.
    WorkspaceBinding rotated = binding;
    restarter.ifPresent(
        r ->
            r.observe(
                rotated, secretName, hash, previousHash != null && !previousHash.equals(hash)));
    var ready = new BindingOutcome(BindingOutcome.READY, null, true, secretName, summary, hash);
    return grant == null
        ? ready
        : ready.withProvisionedUser(grant.credentials().username(), grant.recheckAfter());
  }

  /**
   * A failure that leaves what exists in place: the last good Secret keeps serving the workload.
   */
  private BindingOutcome failure(
      WorkspaceBinding binding, String reason, String message, BoundConnection summary) {
    String secretName = BindingNames.secretName(binding);
    boolean present =
        secrets.owned(binding, null).stream()
            .anyMatch(s -> s.getMetadata().getName().equals(secretName));
    String hash = present && binding.getStatus() != null ? binding.getStatus().getDataHash() : null;
    return new BindingOutcome(reason, message, present, secretName, summary, hash);
  }

  private Optional<Connection> permittedConnection(WorkspaceBinding binding) {
    String namespace = References.connectionNamespace(binding);
    var policy = new AccessPolicy(this::namespaceLabels);
    return connections
        .get(new ResourceID(binding.getSpec().getConnectionRef().getName(), namespace))
        .filter(c -> c.getSpec() != null)
        // Deleting a Connection that provisions users revokes them: its in-use protection waits for
        // the drops.
        .filter(c -> !(c.isMarkedForDeletion() && ConnectionProvisioning.perBinding(c.getSpec())))
        .filter(c -> policy.permits(c, binding.getMetadata().getNamespace()));
  }

  private void revoke(WorkspaceBinding binding) {
    List<String> deleted = new ArrayList<>();
    deleted.addAll(
        roleBindings.deleteOwned(binding, null).stream().map(n -> "RoleBinding " + n).toList());
    deleted.addAll(roles.deleteOwned(binding, null).stream().map(n -> "Role " + n).toList());
    deleted.addAll(secrets.deleteOwned(binding, null).stream().map(n -> "Secret " + n).toList());
    if (!deleted.isEmpty()) {
      events.record(
          binding,
          EventRecorder.WARNING,
          "Revoked",
          "Access to the Connection was withdrawn; deleted " + String.join(", ", deleted));
    }
  }

  /** How many bindings' Ready condition has this reason; 0 before the controller started. */
  public long countWithReadyReason(String reason) {
    if (bindingCache == null) {
      return 0;
    }
    return bindingCache
        .list(
            b ->
                b.getStatus() != null
                    && reason.equals(
                        ConditionSet.reason(
                            b.getStatus().getConditions(), BindingStatusBuilder.READY)))
        .count();
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

  Map<String, String> namespaceLabels(String name) {
    return namespaces
        .get(new ResourceID(name))
        .map(ns -> ns.getMetadata().getLabels())
        .orElse(Map.of());
  }

  private static <R extends HasMetadata> InformerEventSource<R, WorkspaceBinding> producedInformer(
      Class<R> kind, String name, EventSourceContext<WorkspaceBinding> context) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(kind, WorkspaceBinding.class)
            .withName(name)
            .withLabelSelector(Labels.MANAGED_SELECTOR)
            .withSecondaryToPrimaryMapper(BindingEventMapping::ofProduced)
            .build(),
        context);
  }
}
