package dev.switchboard.binding;

import dev.switchboard.api.v1alpha1.BoundConnection;
import dev.switchboard.api.v1alpha1.Connection;
import dev.switchboard.api.v1alpha1.ConnectionProvisioning;
import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.connection.AccessPolicy;
import dev.switchboard.connection.ConnectionSpecValidator;
import dev.switchboard.credentials.CredentialsResolver;
import dev.switchboard.credentials.ResolvedCredentials;
import dev.switchboard.kube.ConditionSet;
import dev.switchboard.kube.EventRecorder;
import dev.switchboard.kube.WriteRejection;
import dev.switchboard.plugin.ConnectionPlugin;
import dev.switchboard.plugin.Credentials;
import dev.switchboard.plugin.Endpoint;
import dev.switchboard.plugin.Redactor;
import dev.switchboard.provision.BindingUsers;
import dev.switchboard.provision.Provisioner;
import dev.switchboard.provision.ProvisioningException;
import dev.switchboard.rollout.WorkloadRestarter;
import dev.switchboard.support.DataHash;
import dev.switchboard.support.Keys;
import dev.switchboard.support.Labels;
import dev.switchboard.support.References;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reconcile of one binding: checks the Connection's access policy, makes the binding's own user
 * where its Connection provisions one, writes the bound Secret and its reader Role/RoleBinding, and
 * revokes them when access goes. It never touches objects it does not own.
 */
final class BindingRun {
  private static final Logger log = LoggerFactory.getLogger(BindingRun.class);

  /** What every run works with; the reconciler holds one. */
  record Services(
      ConnectionSpecValidator validator,
      EventRecorder events,
      BindingUsers users,
      Optional<WorkloadRestarter> restarter) {}

  private final Context<WorkspaceBinding> context;
  private final BindingSources sources;
  private final ConnectionSpecValidator validator;
  private final EventRecorder events;
  private final BindingUsers users;
  private final Optional<WorkloadRestarter> restarter;
  private final CredentialsResolver credentials;
  private final ProducedResources<Secret> secrets;
  private final ProducedResources<Role> roles;
  private final ProducedResources<RoleBinding> roleBindings;

  /** The binding as last written by this run (adding or removing a finalizer changes it). */
  private WorkspaceBinding binding;

  // What the steps of one bind() hand on to each other.
  private String secretName;
  private Connection conn;
  private BoundConnection summary;
  private ConnectionPlugin plugin;
  private ResolvedCredentials creds;
  private Credentials bound;
  private Map<String, String> secretAnnotations = Map.of();
  private BindingUsers.Grant grant;
  private Role role;
  private Optional<RoleBinding> roleBinding;
  private String hash;
  private String previousHash;

  BindingRun(
      WorkspaceBinding binding,
      Context<WorkspaceBinding> context,
      BindingSources sources,
      Services services) {
    this.binding = binding;
    this.context = context;
    this.sources = sources;
    this.validator = services.validator();
    this.events = services.events();
    this.users = services.users();
    this.restarter = services.restarter();
    this.credentials = sources.credentials();
    this.secrets = sources.secrets();
    this.roles = sources.roles();
    this.roleBindings = sources.roleBindings();
  }

  /** The binding as this run left it, to write its status against. */
  WorkspaceBinding binding() {
    return binding;
  }

  /**
   * Decides and writes what the binding should have; its status is the reconciler's to write. Each
   * step either ends the run with an outcome or leaves what the next one needs in this run's
   * fields.
   */
  BindingOutcome bind() {
    secretName = BindingNames.secretName(binding);
    return checkSpec()
        .or(this::checkPermission)
        .or(this::waitForConnection)
        .or(this::resolveCredentials)
        .or(this::ensureUser)
        .or(this::applyDesiredObjects)
        .orElseGet(this::cleanUpAndRoll);
  }

  /** The binding's own fields (subjects, secretName) are valid. */
  private Optional<BindingOutcome> checkSpec() {
    List<String> problems = BindingSpecValidator.problems(binding);
    return problems.isEmpty()
        ? Optional.empty()
        : Optional.of(
            failure(binding, BindingOutcome.INVALID_SPEC, String.join("; ", problems), null));
  }

  /**
   * The Connection exists and lets this namespace bind it; otherwise everything the binding had is
   * revoked.
   */
  private Optional<BindingOutcome> checkPermission() {
    Optional<Connection> connection = permittedConnection(binding);
    if (connection.isPresent()) {
      conn = connection.get();
      return Optional.empty();
    }
    // The bound Secret goes even while the user cannot be dropped yet: nobody should read a
    // password any more.
    Optional<String> userLeft = retireUser();
    revoke(binding);
    String ref = References.connectionOf(binding).orElseThrow();
    if (userLeft.isPresent()) {
      return Optional.of(
          new BindingOutcome.Failed(
              BindingOutcome.CLEANUP_PENDING,
              "Access to Connection " + ref + " ended; " + userLeft.get(),
              false,
              secretName,
              null,
              null,
              BindingUsers.userName(binding)));
    }
    // The same words whether the Connection is missing or forbidden, so no workspace can probe
    // for names.
    return Optional.of(
        new BindingOutcome.Failed(
            BindingOutcome.NOT_PERMITTED,
            "Connection "
                + ref
                + " does not exist or does not permit bindings from namespace "
                + binding.getMetadata().getNamespace(),
            false,
            secretName,
            null,
            null,
            null));
  }

  /**
   * Until the Connection has been looked at, its readiness and credentials are unknown; binding now
   * would report the wrong readiness and write twice.
   */
  private Optional<BindingOutcome> waitForConnection() {
    if (conn.getStatus() == null || conn.getStatus().getObservedGeneration() == null) {
      return Optional.of(new BindingOutcome.Waiting(BindingOutcome.Why.CONNECTION_NOT_EVALUATED));
    }
    summary =
        new BoundConnection(
            conn.getSpec().getType(),
            ConditionSet.isTrue(conn.getStatus().getConditions(), "Ready"));
    return Optional.empty();
  }

  /** The Connection's spec is valid and its credential Secret holds what its type needs. */
  private Optional<BindingOutcome> resolveCredentials() {
    List<String> connectionProblems = validator.problems(conn.getSpec());
    if (!connectionProblems.isEmpty()) {
      return Optional.of(
          failure(
              binding,
              BindingOutcome.INVALID_SPEC,
              "Connection "
                  + Keys.of(conn)
                  + " is invalid: "
                  + String.join("; ", connectionProblems),
              summary));
    }
    plugin = validator.pluginFor(conn.getSpec());
    creds = credentials.resolve(conn, plugin);
    if (!creds.resolved()) {
      return Optional.of(
          failure(
              binding,
              BindingOutcome.CREDENTIALS_UNAVAILABLE,
              "Credentials of Connection " + Keys.of(conn) + " are unavailable: " + creds.message(),
              summary));
    }
    bound = creds.credentials();
    role = ReaderRbacBuilder.role(binding);
    roleBinding = ReaderRbacBuilder.roleBinding(binding);
    return Optional.empty();
  }

  /**
   * PerBinding: the binding's own user exists with a current password (its names checked first,
   * since nothing is provisioned for a binding that cannot be bound). Shared: a user the binding
   * held before is dropped.
   */
  private Optional<BindingOutcome> ensureUser() {
    Optional<Provisioner> provisioner = validator.provisionerFor(conn.getSpec());
    if (provisioner.isEmpty()) {
      return retireUser()
          .map(
              userLeft ->
                  failure(
                          binding,
                          BindingOutcome.CLEANUP_PENDING,
                          "Connection "
                              + Keys.of(conn)
                              + " no longer provisions a user per binding; "
                              + userLeft,
                          summary)
                      .holdingUser(BindingUsers.userName(binding)));
    }
    List<String> taken =
        lookUp(BoundSecretBuilder.named(binding, secretName), role, roleBinding, false)
            .clashes(binding);
    if (!taken.isEmpty()) {
      return Optional.of(conflict(taken, summary));
    }
    if (!BindingUsers.holdsUser(binding)) {
      // Before the user exists: a deletion from now on waits until it is dropped again.
      binding = PrimaryUpdateAndCacheUtils.addFinalizer(context, BindingUsers.FINALIZER);
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
      return Optional.of(
          failure(binding, BindingOutcome.PROVISIONING_FAILED, e.getMessage(), summary)
              .holdingUser(BindingUsers.userName(binding)));
    }
    bound = grant.credentials();
    secretAnnotations = grant.secretAnnotations();
    return Optional.empty();
  }

  /**
   * The bound Secret and its reader Role and RoleBinding are as desired, written only where they
   * differ, and never over objects of someone else's.
   */
  private Optional<BindingOutcome> applyDesiredObjects() {
    Map<String, String> data = plugin.bindingData(Endpoint.of(conn.getSpec(), plugin), bound);
    hash = DataHash.of(data, creds.hashKey());
    Secret secret = BoundSecretBuilder.build(binding, plugin.type(), data, hash, secretAnnotations);

    // On a first bind, create without asking first; later reconciles look up what they may not own.
    boolean firstBind = binding.getStatus() == null;
    Existing existing = lookUp(secret, role, roleBinding, firstBind);
    List<String> taken = existing.clashes(binding);
    if (!taken.isEmpty()) {
      return Optional.of(conflict(taken, summary));
    }
    if (!firstBind
        && existing.lacksAny(roleBinding.isPresent())
        && !sources.stillExists().test(binding)) {
      // A cache that missed the binding's deletion must not bring back what the garbage collector
      // took: its subjects would read the Secret again until the collector came by once more.
      log.debug(
          "Binding {}/{}: deleted at the API server, nothing is created for it",
          binding.getMetadata().getNamespace(),
          binding.getMetadata().getName());
      return Optional.of(new BindingOutcome.Waiting(BindingOutcome.Why.GONE));
    }
    Optional<Secret> existingSecret = existing.secret();
    Optional<Role> existingRole = existing.role();
    previousHash =
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
        roleBindings.apply(binding, roleBinding.get(), existing.roleBinding());
      }
      return Optional.empty();
    } catch (ProducedResources.ClashException clash) {
      // Nothing half-made stays behind: what this reconcile created for a bind that clashes is
      // removed again.
      undo.forEach(Runnable::run);
      return Optional.of(conflict(List.of(clash.what()), summary));
    } catch (KubernetesClientException refused) {
      return Optional.of(refusal(refused));
    }
  }

  /**
   * A write the API server refused: nothing to report while the namespace is going, else what
   * exists stays as it is (a refused update leaves the last good Secret serving the workload) and
   * the binding says why.
   */
  private BindingOutcome refusal(KubernetesClientException refused) {
    if (WriteRejection.namespaceTerminating(refused)) {
      log.debug(
          "Binding {}/{}: its namespace is being deleted, nothing is created in it",
          binding.getMetadata().getNamespace(),
          binding.getMetadata().getName());
      return new BindingOutcome.Waiting(BindingOutcome.Why.NAMESPACE_TERMINATING);
    }
    if (!WriteRejection.isFinal(refused)) {
      throw refused;
    }
    log.warn(
        "Binding {}/{}: the API server refused a write ({})",
        binding.getMetadata().getNamespace(),
        binding.getMetadata().getName(),
        refused.getCode());
    BindingUsers.Grant own = grant;
    return failure(
            binding,
            BindingOutcome.WRITE_REJECTED,
            WriteRejection.describe(
                "the bound Secret or its RBAC",
                refused,
                text -> redactBoth(text, creds.credentials(), own)),
            summary)
        .holdingUser(grant == null ? null : grant.credentials().username());
  }

  /**
   * A Secret of an earlier secretName, and a RoleBinding no longer wanted, go; workloads reading
   * changed data are rolled. A new Secret (first bind, renamed) rolls nothing: a Pod cannot have
   * started without it.
   */
  private BindingOutcome cleanUpAndRoll() {
    secrets.deleteOwned(binding, secretName);
    if (roleBinding.isEmpty()) {
      roleBindings.deleteOwned(binding, null);
    }
    WorkspaceBinding rotated = binding;
    restarter.ifPresent(
        r ->
            r.observe(
                rotated, secretName, hash, previousHash != null && !previousHash.equals(hash)));
    return grant == null
        ? new BindingOutcome.Bound(secretName, summary, hash, null, null)
        : new BindingOutcome.Bound(
            secretName, summary, hash, grant.credentials().username(), grant.recheckAfter());
  }

  /** Neither the Connection's credentials nor the binding's own user's may appear in the text. */
  private static String redactBoth(String text, Credentials shared, BindingUsers.Grant grant) {
    String once = Redactor.redact(text, shared);
    return grant == null ? once : Redactor.redact(once, grant.credentials());
  }

  /** The objects of the produced objects' names that exist, whoever owns them. */
  private record Existing(
      Optional<Secret> secret, Optional<Role> role, Optional<RoleBinding> roleBinding) {

    /** Whether an object the binding should have is missing, so that it would be created. */
    boolean lacksAny(boolean wantsRoleBinding) {
      return secret.isEmpty() || role.isEmpty() || (wantsRoleBinding && roleBinding.isEmpty());
    }

    /** The objects that belong to someone else, by kind and name. */
    List<String> clashes(WorkspaceBinding binding) {
      List<String> clashes = new ArrayList<>();
      named("Secret", secret, binding, clashes);
      named("Role", role, binding, clashes);
      named("RoleBinding", roleBinding, binding, clashes);
      return clashes;
    }

    private static void named(
        String kind,
        Optional<? extends HasMetadata> found,
        WorkspaceBinding binding,
        List<String> clashes) {
      if (ProducedResources.clashes(binding, found)) {
        clashes.add(kind + " " + found.get().getMetadata().getName());
      }
    }
  }

  private Existing lookUp(
      Secret secret, Role role, Optional<RoleBinding> roleBinding, boolean optimistic) {
    return new Existing(
        secrets.existing(secret, optimistic),
        roles.existing(role, optimistic),
        roleBinding.flatMap(rb -> roleBindings.existing(rb, optimistic)));
  }

  /**
   * A name clash: the foreign objects stay as they are, and a user made for this binding before the
   * clash arose is dropped, since no Secret of this binding can carry its password.
   */
  private BindingOutcome conflict(List<String> taken, BoundConnection summary) {
    Optional<String> userLeft = retireUser();
    String message =
        String.join(", ", taken)
            + (taken.size() == 1 ? " already exists" : " already exist")
            + " and "
            + (taken.size() == 1 ? "is" : "are")
            + " not managed by this binding; left unchanged"
            + userLeft.map(problem -> "; " + problem).orElse("");
    BindingOutcome.Failed outcome =
        failure(binding, BindingOutcome.SECRET_CONFLICT, message, summary);
    return userLeft.isPresent() ? outcome.holdingUser(BindingUsers.userName(binding)) : outcome;
  }

  /**
   * A failure that leaves what exists in place: the last good Secret keeps serving the workload.
   */
  private BindingOutcome.Failed failure(
      WorkspaceBinding binding, String reason, String message, BoundConnection summary) {
    String secretName = BindingNames.secretName(binding);
    boolean present =
        secrets.owned(binding, null).stream()
            .anyMatch(s -> s.getMetadata().getName().equals(secretName));
    String hash = present && binding.getStatus() != null ? binding.getStatus().getDataHash() : null;
    return new BindingOutcome.Failed(reason, message, present, secretName, summary, hash, null);
  }

  private Optional<Connection> permittedConnection(WorkspaceBinding binding) {
    var policy = new AccessPolicy(sources.namespaceLabels()::apply);
    return sources
        .connectionOf(binding)
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

  /**
   * A deleted binding whose user may exist: the user is dropped (its sessions ended) before the
   * finalizer goes and the garbage collector takes the bound Secret. While that fails the binding
   * says why and waits, unless an admin gives up with the skip-cleanup annotation. Empty once the
   * finalizer is gone.
   */
  Optional<BindingOutcome> release() {
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
      binding = PrimaryUpdateAndCacheUtils.removeFinalizer(context, BindingUsers.FINALIZER);
      return Optional.empty();
    }
    BoundConnection last = binding.getStatus() == null ? null : binding.getStatus().getConnection();
    return retireUser()
        .map(
            problem ->
                failure(
                        binding,
                        BindingOutcome.CLEANUP_PENDING,
                        problem
                            + "; the binding is deleted once the user is dropped, or set"
                            + " annotation "
                            + BindingUsers.SKIP_CLEANUP_ANNOTATION
                            + "=\"true\" to give up",
                        last)
                    .holdingUser(user));
  }

  /**
   * Drops the binding's user at its Connection's data source, whatever the Connection's access or
   * mode now; the problem in Switchboard's words when that cannot be done.
   */
  private Optional<String> dropUser() {
    String user = BindingUsers.userName(binding);
    Optional<Connection> connection =
        sources.connectionOf(binding).filter(c -> c.getSpec() != null);
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
  private Optional<String> retireUser() {
    if (!BindingUsers.holdsUser(binding)) {
      return Optional.empty();
    }
    Optional<String> problem = dropUser();
    if (problem.isEmpty()) {
      events.record(
          binding,
          EventRecorder.NORMAL,
          "UserDropped",
          "User "
              + BindingUsers.userName(binding)
              + " was dropped at the data source and its sessions ended");
      binding = PrimaryUpdateAndCacheUtils.removeFinalizer(context, BindingUsers.FINALIZER);
    }
    return problem;
  }
}
