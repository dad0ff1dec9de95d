package dev.switchboard.binding;

import static dev.switchboard.testing.Fixtures.binding;
import static dev.switchboard.testing.Fixtures.credentials;
import static dev.switchboard.testing.Fixtures.decoded;
import static dev.switchboard.testing.Fixtures.namespace;
import static dev.switchboard.testing.Fixtures.postgres;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.v1alpha1.Connection;
import dev.switchboard.api.v1alpha1.ConnectionStatus;
import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.apiserver.Profile;
import dev.switchboard.apiserver.StrictApiServer;
import dev.switchboard.connection.ConnectionSpecValidator;
import dev.switchboard.credentials.CredentialSecretSource;
import dev.switchboard.credentials.CredentialsResolver;
import dev.switchboard.kube.EventRecorder;
import dev.switchboard.plugin.HostAliases;
import dev.switchboard.plugin.PluginRegistry;
import dev.switchboard.provision.BindingUsers;
import dev.switchboard.support.SharedKinds;
import dev.switchboard.testing.ApiServerTest;
import dev.switchboard.testing.FakeContext;
import dev.switchboard.testing.Ready;
import dev.switchboard.testing.StrictClusters;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The binding reconciler called directly, one reconcile at a time, with a fake Context and caches
 * the test fills: no operator, no informers, no waiting. Writes go to the strict API server.
 */
@ApiServerTest
class WorkspaceBindingReconcileMockServerTest {
  private final Map<ResourceID, Connection> connections = new HashMap<>();
  private final Map<ResourceID, Secret> credentialSecrets = new HashMap<>();
  private final MapProducedCache<Secret> boundSecrets = new MapProducedCache<>();
  private final MapProducedCache<Role> roles = new MapProducedCache<>();
  private final MapProducedCache<RoleBinding> roleBindings = new MapProducedCache<>();
  private StrictApiServer cluster;
  private KubernetesClient client;
  private WorkspaceBindingReconciler reconciler;

  @BeforeEach
  void setUp() {
    cluster = StrictClusters.strict(Profile.KUBERNETES, Map.of(), KubernetesCrudDispatcher::new);
    client = cluster.adminClient();
    client.resource(namespace("platform")).create();
    client.resource(namespace("team-a")).create();
    Clock clock = Clock.systemUTC();
    reconciler =
        new WorkspaceBindingReconciler(
            new ConnectionSpecValidator(PluginRegistry.builtIn()),
            new EventRecorder(client, clock),
            clock,
            Optional.empty(),
            new BindingUsers(
                clock, Duration.ofMinutes(5), Duration.ofSeconds(10), HostAliases.NONE),
            SharedKinds.create(Duration.ofSeconds(1)));
    Secret pg = credentials("platform", "pg", "username", "postgres", "password", "s3cret");
    pg.getMetadata().setUid("pg-uid");
    credentialSecrets.put(ResourceID.fromResource(pg), pg);
    evaluated(postgres("platform", "orders-db", "pg", "team-a"));
  }

  @AfterEach
  void tearDown() {
    cluster.close();
  }

  @Test
  void aPermittedBindingGetsItsSecretAndReaderRoleAndIsReady() {
    UpdateControl<WorkspaceBinding> control = reconcile(created());

    Secret secret = client.secrets().inNamespace("team-a").withName("orders-db").get();
    assertThat(secret.getType()).isEqualTo("servicebinding.io/postgresql");
    assertThat(decoded(secret))
        .containsEntry("username", "postgres")
        .containsEntry("password", "s3cret");
    assertThat(
            client
                .rbac()
                .roles()
                .inNamespace("team-a")
                .withName("orders-db-switchboard-reader")
                .get())
        .isNotNull();
    assertThat(ready(fetched()).getStatus()).isEqualTo("True");
    assertThat(control.getScheduleDelay()).isEmpty();
  }

  @Test
  void aReconcileWithNothingChangedSendsNoRequestAtAll() {
    reconcile(created());
    WorkspaceBinding bound = fetched();
    int before = cluster.mockServer().getRequestCount();

    reconcile(bound);

    assertThat(cluster.mockServer().getRequestCount()).isEqualTo(before);
  }

  @Test
  void withdrawnAccessDeletesTheSecretAndRbacAndSaysNotPermitted() {
    reconcile(created());
    evaluated(postgres("platform", "orders-db", "pg", "team-b"));

    reconcile(fetched());

    assertThat(client.secrets().inNamespace("team-a").withName("orders-db").get()).isNull();
    assertThat(client.rbac().roles().inNamespace("team-a").list().getItems()).isEmpty();
    assertThat(ready(fetched()).getReason()).isEqualTo("NotPermitted");
    assertThat(client.v1().events().inNamespace("team-a").list().getItems())
        .anyMatch(e -> "Revoked".equals(e.getReason()));
  }

  @Test
  void aBindingWaitsWithoutAWriteForItsConnectionsFirstStatus() {
    connections.clear();
    connections.put(
        new ResourceID("orders-db", "platform"), postgres("platform", "orders-db", "pg", "team-a"));
    WorkspaceBinding binding = created();
    int before = cluster.mockServer().getRequestCount();

    reconcile(binding);

    assertThat(cluster.mockServer().getRequestCount()).isEqualTo(before);
    assertThat(fetched().getStatus()).isNull();
  }

  private UpdateControl<WorkspaceBinding> reconcile(WorkspaceBinding binding) {
    var sources =
        new BindingSources(
            id -> Optional.ofNullable(connections.get(id)),
            name -> Map.of(),
            new CredentialsResolver(
                new CredentialSecretSource(
                    id -> Optional.ofNullable(credentialSecrets.get(id)), client)),
            ProducedResources.secrets(boundSecrets, client),
            ProducedResources.roles(roles, client),
            ProducedResources.roleBindings(roleBindings, client),
            b -> LiveCheck.stillExists(client, b));
    return reconciler.reconcile(binding, FakeContext.of(binding, client), sources);
  }

  /** A Connection the Connection controller has already looked at. */
  private void evaluated(Connection connection) {
    connection.getMetadata().setGeneration(1L);
    var status = new ConnectionStatus();
    status.setObservedGeneration(1L);
    status.setConditions(
        List.of(
            new ConditionBuilder()
                .withType("Ready")
                .withStatus("True")
                .withReason("Ready")
                .build()));
    connection.setStatus(status);
    connections.put(ResourceID.fromResource(connection), connection);
  }

  private WorkspaceBinding created() {
    return client.resource(binding("team-a", "orders-db", "platform", "orders-db")).create();
  }

  private WorkspaceBinding fetched() {
    return client
        .resources(WorkspaceBinding.class)
        .inNamespace("team-a")
        .withName("orders-db")
        .get();
  }

  private static Condition ready(WorkspaceBinding binding) {
    return Ready.of(binding.getStatus().getConditions()).orElseThrow();
  }
}
