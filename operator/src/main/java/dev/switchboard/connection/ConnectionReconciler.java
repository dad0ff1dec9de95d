package dev.switchboard.connection;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import dev.switchboard.api.v1alpha1.Connection;
import dev.switchboard.api.v1alpha1.ConnectionStatus;
import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.binding.AccessPolicy;
import dev.switchboard.support.ConditionSet;
import dev.switchboard.support.EventRecorder;
import dev.switchboard.support.Keys;
import dev.switchboard.support.Labels;
import dev.switchboard.support.References;
import dev.switchboard.support.StatusComparison;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
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
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

/**
 * Reports whether a Connection is usable (credentials, and later tests), which bindings use it, and holds its
 * deletion while any binding does.
 */
@ControllerConfiguration(name = ConnectionReconciler.NAME, finalizerName = Labels.IN_USE_FINALIZER)
public class ConnectionReconciler implements Reconciler<Connection>, Cleaner<Connection> {
  public static final String NAME = "connection";
  static final String BY_CONNECTION = "byConnection";
  static final String BY_CREDENTIAL_SECRET = "byCredentialSecret";

  private final ConnectionSpecValidator validator;
  private final EventRecorder events;
  private final ConnectionStatusBuilder statusBuilder;

  private InformerEventSource<WorkspaceBinding, Connection> bindings;
  private InformerEventSource<Namespace, Connection> namespaces;
  private CredentialsResolver credentials;
  private CredentialSecretLabeler labeler;

  public ConnectionReconciler(ConnectionSpecValidator validator, EventRecorder events, Clock clock) {
    this.validator = validator;
    this.events = events;
    this.statusBuilder = new ConnectionStatusBuilder(clock);
  }

  @Override
  public List<EventSource<?, Connection>> prepareEventSources(EventSourceContext<Connection> context) {
    IndexerResourceCache<Connection> connections = context.getPrimaryCache();
    connections.addIndexer(BY_CREDENTIAL_SECRET, c -> References.credentialSecretOf(c).map(List::of).orElse(List.of()));

    bindings = new InformerEventSource<>(InformerEventSourceConfiguration
        .from(WorkspaceBinding.class, Connection.class)
        .withName("bindings")
        .withSecondaryToPrimaryMapper(b -> References.connectionOf(b).map(ConnectionReconciler::idOf)
            .map(Set::of).orElse(Set.of()))
        .build(), context);
    bindings.addIndexers(Map.of(BY_CONNECTION, b -> References.connectionOf(b).map(List::of).orElse(List.of())));

    var credentialSecrets = new InformerEventSource<>(InformerEventSourceConfiguration
        .from(Secret.class, Connection.class)
        .withName("credential-secrets")
        .withLabelSelector(Labels.CREDENTIALS_SELECTOR)
        .withSecondaryToPrimaryMapper(s -> ids(connections.byIndex(BY_CREDENTIAL_SECRET, Keys.of(s))))
        .build(), context);
    credentials = new CredentialsResolver(new CredentialSecretSource(credentialSecrets::get, context.getClient()));
    labeler = new CredentialSecretLabeler(context.getClient());

    // Namespace labels decide selector-based access, so a label change re-evaluates Connections that use one.
    namespaces = new InformerEventSource<>(InformerEventSourceConfiguration
        .from(Namespace.class, Connection.class)
        .withName("namespaces")
        .withSecondaryToPrimaryMapper(ns -> ids(connections.list(c -> c.getSpec() != null
            && c.getSpec().getAccess() != null && c.getSpec().getAccess().getNamespaceSelector() != null).toList()))
        .build(), context);

    return List.of(bindings, credentialSecrets, namespaces);
  }

  @Override
  public UpdateControl<Connection> reconcile(Connection connection, Context<Connection> context) {
    ConnectionStatus status = evaluate(connection);
    recordTransition(connection, status);
    if (StatusComparison.same(connection.getStatus(), status)) {
      return UpdateControl.noUpdate();
    }
    connection.setStatus(status);
    return UpdateControl.patchStatus(connection);
  }

  @Override
  public DeleteControl cleanup(Connection connection, Context<Connection> context) {
    ConnectionStatus status = evaluate(connection);
    if (!usage(connection).inUse()) {
      return DeleteControl.defaultDelete();
    }
    recordTransition(connection, status);
    if (!StatusComparison.same(connection.getStatus(), status)) {
      context.getClient().resource(connection).editStatus(c -> {
        c.setStatus(status);
        return c;
      });
    }
    return DeleteControl.noFinalizerRemoval();
  }

  private ConnectionStatus evaluate(Connection connection) {
    List<String> problems = validator.problems(connection.getSpec());
    ResolvedCredentials resolved = null;
    if (problems.isEmpty()) {
      resolved = credentials.resolve(connection, validator.pluginFor(connection.getSpec()));
      if (resolved.secret() != null) {
        labeler.ensureLabelled(resolved.secret());
      }
    }
    return statusBuilder.build(connection, problems, resolved, usage(connection));
  }

  private BindingUsage usage(Connection connection) {
    return BindingUsage.of(connection, bindings.byIndex(BY_CONNECTION, Keys.of(connection)),
        new AccessPolicy(this::namespaceLabels));
  }

  private void recordTransition(Connection connection, ConnectionStatus status) {
    String before = connection.getStatus() == null ? null
        : ConditionSet.reason(connection.getStatus().getConditions(), ConnectionStatusBuilder.READY);
    var ready = ConditionSet.find(status.getConditions(), ConnectionStatusBuilder.READY);
    if (!Objects.equals(before, ready.getReason())) {
      events.recordTransition(connection, ConditionSet.TRUE.equals(ready.getStatus()) ? EventRecorder.NORMAL
          : EventRecorder.WARNING, ready.getReason(), ready.getMessage());
    }
  }

  private Map<String, String> namespaceLabels(String name) {
    return namespaces.get(new ResourceID(name)).map(ns -> ns.getMetadata().getLabels()).orElse(Map.of());
  }

  private static ResourceID idOf(String key) {
    int slash = key.indexOf('/');
    return new ResourceID(key.substring(slash + 1), key.substring(0, slash));
  }

  private static Set<ResourceID> ids(List<Connection> connections) {
    return connections.stream().map(ResourceID::fromResource).collect(Collectors.toSet());
  }
}
