package dev.switchboard.binding;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import dev.switchboard.api.v1alpha1.BoundConnection;
import dev.switchboard.api.v1alpha1.Connection;
import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.connection.ConnectionSpecValidator;
import dev.switchboard.connection.CredentialSecretSource;
import dev.switchboard.connection.CredentialsResolver;
import dev.switchboard.connection.ResolvedCredentials;
import dev.switchboard.plugin.ConnectionPlugin;
import dev.switchboard.plugin.Endpoint;
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
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Materialises a WorkspaceBinding: checks the Connection's access policy, writes the bound Secret and its reader
 * Role/RoleBinding, revokes them when access goes, and reports status. It never touches objects it does not own.
 */
@ControllerConfiguration(name = WorkspaceBindingReconciler.NAME)
public class WorkspaceBindingReconciler implements Reconciler<WorkspaceBinding> {
  private static final Logger log = LoggerFactory.getLogger(WorkspaceBindingReconciler.class);
  public static final String NAME = "workspacebinding";

  private final ConnectionSpecValidator validator;
  private final EventRecorder events;
  private final BindingStatusBuilder statusBuilder;
  private final Clock clock;
  private final Optional<WorkloadRestarter> restarter;

  private InformerEventSource<Connection, WorkspaceBinding> connections;
  private InformerEventSource<Namespace, WorkspaceBinding> namespaces;
  private ProducedResources<Secret> secrets;
  private ProducedResources<Role> roles;
  private ProducedResources<RoleBinding> roleBindings;
  private CredentialsResolver credentials;
  private IndexerResourceCache<WorkspaceBinding> bindingCache;

  /** @param restarter rolls opted-in workloads when a bound Secret's data changes; empty: restart on rotation off */
  public WorkspaceBindingReconciler(ConnectionSpecValidator validator, EventRecorder events, Clock clock,
      Optional<WorkloadRestarter> restarter) {
    this.validator = validator;
    this.events = events;
    this.statusBuilder = new BindingStatusBuilder(clock);
    this.clock = clock;
    this.restarter = restarter;
  }

  @Override
  public List<EventSource<?, WorkspaceBinding>> prepareEventSources(EventSourceContext<WorkspaceBinding> context) {
    IndexerResourceCache<WorkspaceBinding> bindings = context.getPrimaryCache();
    bindingCache = bindings;
    bindings.addIndexer(Indexes.BY_CONNECTION, Indexes::connectionOf);
    bindings.addIndexer(Indexes.BY_NAMESPACE, Indexes::namespaceOf);
    Function<String, List<WorkspaceBinding>> byConnection = key -> bindings.byIndex(Indexes.BY_CONNECTION, key);

    connections = new InformerEventSource<>(InformerEventSourceConfiguration
        .from(Connection.class, WorkspaceBinding.class)
        .withName("connections")
        .withSecondaryToPrimaryMapper(c -> BindingEventMapping.ofConnection(c, byConnection))
        .withOnUpdateFilter(BindingEventMapping::connectionChangeMatters)
        .build(), context);
    connections.addIndexers(Map.of(Indexes.BY_CREDENTIAL_SECRET, Indexes::credentialSecretOf));

    var credentialSecrets = new InformerEventSource<>(InformerEventSourceConfiguration
        .from(Secret.class, WorkspaceBinding.class)
        .withName("credential-secrets")
        .withLabelSelector(Labels.CREDENTIALS_SELECTOR)
        .withSecondaryToPrimaryMapper(s -> BindingEventMapping.ofCredentialSecret(s,
            key -> connections.byIndex(Indexes.BY_CREDENTIAL_SECRET, key), byConnection))
        .build(), context);
    credentials = new CredentialsResolver(new CredentialSecretSource(credentialSecrets::get, context.getClient()));

    namespaces = new InformerEventSource<>(InformerEventSourceConfiguration
        .from(Namespace.class, WorkspaceBinding.class)
        .withName("namespaces")
        .withSecondaryToPrimaryMapper(ns -> BindingEventMapping.ofNamespace(ns,
            name -> bindings.byIndex(Indexes.BY_NAMESPACE, name)))
        .build(), context);

    var boundSecrets = producedInformer(Secret.class, "bound-secrets", context);
    var readerRoles = producedInformer(Role.class, "reader-roles", context);
    var readerRoleBindings = producedInformer(RoleBinding.class, "reader-rolebindings", context);
    secrets = new ProducedResources<>(Secret.class, boundSecrets, context.getClient(),
        (a, d) -> Objects.equals(a.getData(), d.getData()),
        (a, d) -> !Objects.equals(a.getType(), d.getType()));
    roles = new ProducedResources<>(Role.class, readerRoles, context.getClient(),
        (a, d) -> StatusComparison.same(a.getRules(), d.getRules()), (a, d) -> false);
    roleBindings = new ProducedResources<>(RoleBinding.class, readerRoleBindings, context.getClient(),
        (a, d) -> StatusComparison.same(a.getSubjects(), d.getSubjects()),
        (a, d) -> !StatusComparison.same(a.getRoleRef(), d.getRoleRef()));

    List<EventSource<?, WorkspaceBinding>> sources = new ArrayList<>(List.of(connections, credentialSecrets,
        namespaces, boundSecrets, readerRoles, readerRoleBindings));
    restarter.ifPresent(r -> {
      // A roll wakes its binding, whose status then lists it.
      var rolled = new SimpleInboundEventSource<WorkspaceBinding>("rollouts");
      sources.addAll(r.eventSources(context, rolled::propagateEvent));
      sources.add(rolled);
    });
    return sources;
  }

  @Override
  public UpdateControl<WorkspaceBinding> reconcile(WorkspaceBinding binding, Context<WorkspaceBinding> context) {
    BindingOutcome outcome = bind(binding);
    if (outcome.waiting()) {
      // Waiting for the Connection's first evaluation; its status change brings this binding back.
      log.debug("Binding {}/{}: waiting for its Connection's first status", binding.getMetadata().getNamespace(),
          binding.getMetadata().getName());
      return UpdateControl.noUpdate();
    }
    log.debug("Binding {}/{}: {}", binding.getMetadata().getNamespace(), binding.getMetadata().getName(),
        outcome.reason());
    var status = statusBuilder.build(binding, outcome);
    status.setRollouts(restarter.map(r -> r.rollouts(binding))
        .orElse(binding.getStatus() == null ? null : binding.getStatus().getRollouts()));
    String previousReason = binding.getStatus() == null ? null
        : ConditionSet.reason(binding.getStatus().getConditions(), BindingStatusBuilder.READY);
    // A first successful bind is routine; failures, recoveries and revocations are news.
    if (!Objects.equals(previousReason, outcome.reason()) && !(previousReason == null && outcome.ready())) {
      events.recordTransition(binding, outcome.ready() ? EventRecorder.NORMAL : EventRecorder.WARNING, outcome.reason(),
          outcome.ready()
              ? ConditionSet.find(status.getConditions(), BindingStatusBuilder.READY).getMessage()
              : outcome.message());
    }
    if (!StatusComparison.same(binding.getStatus(), status)) {
      StatusWriter.write(binding, status, context, WorkspaceBinding::setStatus);
    }
    if (BindingOutcome.WRITE_REJECTED.equals(outcome.reason())) {
      return UpdateControl.<WorkspaceBinding>noUpdate().rescheduleAfter(WriteRejection.retryAfter(
          ConditionSet.find(status.getConditions(), BindingStatusBuilder.READY), clock.instant()));
    }
    return UpdateControl.noUpdate();
  }

  private BindingOutcome bind(WorkspaceBinding binding) {
    String secretName = BindingNames.secretName(binding);
    List<String> problems = BindingSpecValidator.problems(binding);
    if (!problems.isEmpty()) {
      return failure(binding, BindingOutcome.INVALID_SPEC, String.join("; ", problems), null);
    }
    Optional<Connection> connection = permittedConnection(binding);
    if (connection.isEmpty()) {
      revoke(binding);
      String ref = References.connectionOf(binding).orElseThrow();
      // The same words whether the Connection is missing or forbidden, so no workspace can probe for names.
      return new BindingOutcome(BindingOutcome.NOT_PERMITTED, "Connection " + ref
          + " does not exist or does not permit bindings from namespace " + binding.getMetadata().getNamespace(),
          false, secretName, null, null);
    }
    Connection conn = connection.get();
    if (conn.getStatus() == null || conn.getStatus().getObservedGeneration() == null) {
      // Until the Connection has been looked at, its readiness and credentials are unknown; binding now would
      // report the wrong readiness and write twice.
      return BindingOutcome.waitingForConnection(secretName);
    }
    var summary = new BoundConnection(conn.getSpec().getType(),
        conn.getStatus() != null && ConditionSet.isTrue(conn.getStatus().getConditions(), "Ready"));
    List<String> connectionProblems = validator.problems(conn.getSpec());
    if (!connectionProblems.isEmpty()) {
      return failure(binding, BindingOutcome.INVALID_SPEC,
          "Connection " + Keys.of(conn) + " is invalid: " + String.join("; ", connectionProblems), summary);
    }
    ConnectionPlugin plugin = validator.pluginFor(conn.getSpec());
    ResolvedCredentials creds = credentials.resolve(conn, plugin);
    if (!creds.resolved()) {
      return failure(binding, BindingOutcome.CREDENTIALS_UNAVAILABLE,
          "Credentials of Connection " + Keys.of(conn) + " are unavailable: " + creds.message(), summary);
    }
    Map<String, String> data = plugin.bindingData(Endpoint.of(conn.getSpec(), plugin), creds.credentials());
    String hash = DataHash.of(data, creds.hashKey());
    Secret secret = BoundSecretBuilder.build(binding, plugin.type(), data, hash);
    Role role = ReaderRbacBuilder.role(binding);
    Optional<RoleBinding> roleBinding = ReaderRbacBuilder.roleBinding(binding);

    // On a first bind, create without asking first; later reconciles look up what they may not own.
    boolean firstBind = binding.getStatus() == null;
    Optional<Secret> existingSecret = secrets.existing(secret, firstBind);
    Optional<Role> existingRole = roles.existing(role, firstBind);
    Optional<RoleBinding> existingRoleBinding = roleBinding.flatMap(rb -> roleBindings.existing(rb, firstBind));
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
      return failure(binding, BindingOutcome.SECRET_CONFLICT, String.join(", ", clashes)
          + " already exist(s) and is not managed by this binding; it was left unchanged", summary);
    }
    String previousHash = existingSecret.map(s -> s.getMetadata().getAnnotations())
        .map(a -> a.get(Labels.DATA_HASH_ANNOTATION)).orElse(null);
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
      // Nothing half-made stays behind: what this reconcile created for a bind that clashes is removed again.
      undo.forEach(Runnable::run);
      return failure(binding, BindingOutcome.SECRET_CONFLICT, clash.what()
          + " already exists and is not managed by this binding; it was left unchanged", summary);
    } catch (KubernetesClientException refused) {
      if (!WriteRejection.isFinal(refused)) {
        throw refused;
      }
      // What exists stays as it is: a refused update leaves the last good Secret serving the workload.
      log.warn("Binding {}/{}: the API server refused a write ({})", binding.getMetadata().getNamespace(),
          binding.getMetadata().getName(), refused.getCode());
      return failure(binding, BindingOutcome.WRITE_REJECTED,
          WriteRejection.describe("the bound Secret or its RBAC", refused, creds.credentials()), summary);
    }
    secrets.deleteOwned(binding, secretName);
    if (roleBinding.isEmpty()) {
      roleBindings.deleteOwned(binding, null);
    }
    // A new Secret (first bind, renamed) rolls nothing: a Pod cannot have started without it.
    restarter.ifPresent(r -> r.observe(binding, secretName, hash, previousHash != null && !previousHash.equals(hash)));
    return new BindingOutcome(BindingOutcome.READY, null, true, secretName, summary, hash);
  }

  /** A failure that leaves what exists in place: the last good Secret keeps serving the workload. */
  private BindingOutcome failure(WorkspaceBinding binding, String reason, String message, BoundConnection summary) {
    String secretName = BindingNames.secretName(binding);
    boolean present = secrets.owned(binding, null).stream()
        .anyMatch(s -> s.getMetadata().getName().equals(secretName));
    String hash = present && binding.getStatus() != null ? binding.getStatus().getDataHash() : null;
    return new BindingOutcome(reason, message, present, secretName, summary, hash);
  }

  private Optional<Connection> permittedConnection(WorkspaceBinding binding) {
    String namespace = References.connectionNamespace(binding);
    var policy = new AccessPolicy(this::namespaceLabels);
    return connections.get(new ResourceID(binding.getSpec().getConnectionRef().getName(), namespace))
        .filter(c -> c.getSpec() != null)
        .filter(c -> policy.permits(c, binding.getMetadata().getNamespace()));
  }

  private void revoke(WorkspaceBinding binding) {
    List<String> deleted = new ArrayList<>();
    deleted.addAll(roleBindings.deleteOwned(binding, null).stream().map(n -> "RoleBinding " + n).toList());
    deleted.addAll(roles.deleteOwned(binding, null).stream().map(n -> "Role " + n).toList());
    deleted.addAll(secrets.deleteOwned(binding, null).stream().map(n -> "Secret " + n).toList());
    if (!deleted.isEmpty()) {
      events.record(binding, EventRecorder.WARNING, "Revoked",
          "Access to the Connection was withdrawn; deleted " + String.join(", ", deleted));
    }
  }

  /** How many bindings' Ready condition has this reason; 0 before the controller started. */
  public long countWithReadyReason(String reason) {
    if (bindingCache == null) {
      return 0;
    }
    return bindingCache.list(b -> b.getStatus() != null
        && reason.equals(ConditionSet.reason(b.getStatus().getConditions(), BindingStatusBuilder.READY))).count();
  }

  public static List<String> readyReasons() {
    return List.of(BindingOutcome.READY, BindingOutcome.NOT_PERMITTED, BindingOutcome.CREDENTIALS_UNAVAILABLE,
        BindingOutcome.SECRET_CONFLICT, BindingOutcome.INVALID_SPEC, BindingOutcome.WRITE_REJECTED);
  }

  Map<String, String> namespaceLabels(String name) {
    return namespaces.get(new ResourceID(name)).map(ns -> ns.getMetadata().getLabels())
        .orElse(Map.of());
  }

  private static <R extends HasMetadata>
      InformerEventSource<R, WorkspaceBinding> producedInformer(Class<R> kind, String name,
      EventSourceContext<WorkspaceBinding> context) {
    return new InformerEventSource<>(InformerEventSourceConfiguration.from(kind, WorkspaceBinding.class)
        .withName(name)
        .withLabelSelector(Labels.MANAGED_SELECTOR)
        .withSecondaryToPrimaryMapper(BindingEventMapping::ofProduced)
        .build(), context);
  }

}
