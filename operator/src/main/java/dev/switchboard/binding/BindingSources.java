package dev.switchboard.binding;

import dev.switchboard.api.v1alpha1.Connection;
import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.credentials.CredentialSecretSource;
import dev.switchboard.credentials.CredentialsResolver;
import dev.switchboard.support.CommonSources;
import dev.switchboard.support.References;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What one reconcile of a binding reads and writes through: the controller's caches, found by name
 * through the SDK's Context (so the reconciler holds no state set up elsewhere), or a test's maps.
 *
 * @param stillExists whether the cached binding still exists at the API server (asked before its
 *     objects are created again)
 */
record BindingSources(
    Function<ResourceID, Optional<Connection>> connections,
    Function<String, Map<String, String>> namespaceLabels,
    CredentialsResolver credentials,
    ProducedResources<Secret> secrets,
    ProducedResources<Role> roles,
    ProducedResources<RoleBinding> roleBindings,
    Predicate<WorkspaceBinding> stillExists) {

  static final String CONNECTIONS = "connections";
  static final String BOUND_SECRETS = "bound-secrets";
  static final String READER_ROLES = "reader-roles";
  static final String READER_ROLE_BINDINGS = "reader-rolebindings";

  static BindingSources of(Context<WorkspaceBinding> context) {
    var retriever = context.eventSourceRetriever();
    var client = context.getClient();
    var connections = CommonSources.find(retriever, Connection.class, CONNECTIONS);
    var namespaces = CommonSources.find(retriever, Namespace.class, CommonSources.NAMESPACES);
    var credentialSecrets =
        CommonSources.find(retriever, Secret.class, CommonSources.CREDENTIAL_SECRETS);
    return new BindingSources(
        id -> connections.get(id),
        CommonSources.labelsOf(namespaces),
        new CredentialsResolver(
            new CredentialSecretSource(id -> credentialSecrets.get(id), client)),
        ProducedResources.secrets(
            ProducedCache.of(CommonSources.informer(retriever, Secret.class, BOUND_SECRETS)),
            client),
        ProducedResources.roles(
            ProducedCache.of(CommonSources.informer(retriever, Role.class, READER_ROLES)), client),
        ProducedResources.roleBindings(
            ProducedCache.of(
                CommonSources.informer(retriever, RoleBinding.class, READER_ROLE_BINDINGS)),
            client),
        binding -> LiveCheck.stillExists(client, binding));
  }

  /** The Connection a binding names, as cached. */
  Optional<Connection> connectionOf(WorkspaceBinding binding) {
    return connections.apply(
        new ResourceID(
            binding.getSpec().getConnectionRef().getName(),
            References.connectionNamespace(binding)));
  }
}
