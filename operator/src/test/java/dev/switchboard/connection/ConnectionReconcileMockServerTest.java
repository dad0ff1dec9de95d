package dev.switchboard.connection;

import static dev.switchboard.testing.Fixtures.binding;
import static dev.switchboard.testing.Fixtures.namespace;
import static dev.switchboard.testing.Fixtures.postgres;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.v1alpha1.Connection;
import dev.switchboard.api.v1alpha1.ConnectionProvisioning;
import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.apiserver.Profile;
import dev.switchboard.apiserver.StrictApiServer;
import dev.switchboard.credentials.CredentialSecretLabeler;
import dev.switchboard.credentials.CredentialSecretSource;
import dev.switchboard.credentials.CredentialsResolver;
import dev.switchboard.kube.EventRecorder;
import dev.switchboard.plugin.ConnectionTester;
import dev.switchboard.plugin.HostAliases;
import dev.switchboard.plugin.PluginRegistry;
import dev.switchboard.provision.BindingUsers;
import dev.switchboard.support.SharedKinds;
import dev.switchboard.testing.ApiServerTest;
import dev.switchboard.testing.FakeContext;
import dev.switchboard.testing.Ready;
import dev.switchboard.testing.StrictClusters;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Connection reconciler called directly with a fake Context and the bindings the test names: no
 * operator, no informers, no waiting.
 */
@ApiServerTest
class ConnectionReconcileMockServerTest {
  private final List<WorkspaceBinding> bindings = new ArrayList<>();
  private StrictApiServer cluster;
  private KubernetesClient client;
  private ConnectionTester tester;
  private ConnectionReconciler reconciler;

  @BeforeEach
  void setUp() {
    cluster = StrictClusters.strict(Profile.KUBERNETES, Map.of(), KubernetesCrudDispatcher::new);
    client = cluster.adminClient();
    client.resource(namespace("platform")).create();
    Clock clock = Clock.systemUTC();
    tester = new ConnectionTester(1, Duration.ofSeconds(1), clock);
    reconciler =
        new ConnectionReconciler(
            new ConnectionSpecValidator(PluginRegistry.builtIn()),
            new EventRecorder(client, clock),
            new ConnectionTests(tester, (plugin, outcome) -> {}),
            Duration.ofMinutes(5),
            Duration.ofSeconds(3),
            clock,
            SharedKinds.create(Duration.ofSeconds(1)),
            HostAliases.NONE);
  }

  @AfterEach
  void tearDown() {
    tester.close();
    cluster.close();
  }

  @Test
  void aMissingCredentialSecretIsReportedNothingIsTestedAndItIsLookedForAgainSoon() {
    Connection connection = client.resource(postgres("platform", "orders-db", "gone")).create();

    var control = reconciler.reconcile(connection, FakeContext.of(connection, client), sources());

    Connection written =
        client.resources(Connection.class).inNamespace("platform").withName("orders-db").get();
    assertThat(Ready.reason(written)).isEqualTo("CredentialsUnavailable");
    assertThat(control.getScheduleDelay())
        .as("no watch sees a Secret that does not exist yet arrive")
        .contains(ConnectionReconciler.MISSING_SECRET_RECHECK.toMillis());
  }

  @Test
  void deletingAPerBindingConnectionWaitsOnlyForBindingsThatStillHoldAUser() {
    Connection connection = postgres("platform", "orders-db", "gone", "team-a");
    var provisioning = new ConnectionProvisioning();
    provisioning.setMode(ConnectionProvisioning.PER_BINDING);
    connection.getSpec().setProvisioning(provisioning);
    connection = client.resource(connection).create();
    WorkspaceBinding holding = binding("team-a", "orders", "platform", "orders-db");
    holding.getMetadata().setFinalizers(List.of(BindingUsers.FINALIZER));
    bindings.add(holding);

    var waiting = reconciler.cleanup(connection, FakeContext.of(connection, client), sources());
    assertThat(waiting.isRemoveFinalizer()).isFalse();

    holding.getMetadata().setFinalizers(List.of());
    connection =
        client.resources(Connection.class).inNamespace("platform").withName("orders-db").get();
    var done = reconciler.cleanup(connection, FakeContext.of(connection, client), sources());
    assertThat(done.isRemoveFinalizer()).isTrue();
  }

  private ConnectionSources sources() {
    return new ConnectionSources(
        key -> List.copyOf(bindings),
        name -> Map.of(),
        new CredentialsResolver(new CredentialSecretSource(id -> Optional.empty(), client)),
        new CredentialSecretLabeler(client));
  }
}
