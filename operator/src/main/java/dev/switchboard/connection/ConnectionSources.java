package dev.switchboard.connection;

import dev.switchboard.api.v1alpha1.Connection;
import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.credentials.CredentialSecretLabeler;
import dev.switchboard.credentials.CredentialSecretSource;
import dev.switchboard.credentials.CredentialsResolver;
import dev.switchboard.support.CommonSources;
import dev.switchboard.support.Indexes;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What one reconcile of a Connection reads: its bindings by the Connection's key, namespace labels
 * and credential Secrets, found through the SDK's Context (or given by a test).
 */
record ConnectionSources(
    Function<String, List<WorkspaceBinding>> bindingsByConnection,
    Function<String, Map<String, String>> namespaceLabels,
    CredentialsResolver credentials,
    CredentialSecretLabeler labeler) {

  static final String BINDINGS = "bindings";

  static ConnectionSources of(Context<Connection> context) {
    var retriever = context.eventSourceRetriever();
    var bindings = CommonSources.find(retriever, WorkspaceBinding.class, BINDINGS);
    var namespaces = CommonSources.find(retriever, Namespace.class, CommonSources.NAMESPACES);
    var credentialSecrets =
        CommonSources.informer(retriever, Secret.class, CommonSources.CREDENTIAL_SECRETS);
    return new ConnectionSources(
        key -> bindings.byIndex(Indexes.BY_CONNECTION, key),
        CommonSources.labelsOf(namespaces),
        new CredentialsResolver(
            new CredentialSecretSource(id -> credentialSecrets.get(id), context.getClient())),
        // The Connection reads the Secret it just labelled from the cache, not the server, and is
        // not woken by the label's own watch event.
        new CredentialSecretLabeler(
            context.getClient(),
            secret ->
                credentialSecrets.handleRecentResourceCreate(
                    ResourceID.fromResource(secret), secret)));
  }
}
