package dev.switchboard.connection;

import static dev.switchboard.testing.Fixtures.binding;
import static dev.switchboard.testing.Fixtures.credentials;
import static dev.switchboard.testing.Fixtures.namespace;
import static dev.switchboard.testing.Fixtures.postgres;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.v1alpha1.Connection;
import dev.switchboard.api.v1alpha1.ConnectionSpec;
import dev.switchboard.api.v1alpha1.ConnectionTestPolicy;
import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.testing.ApiServerTest;
import dev.switchboard.testing.Fixtures;
import dev.switchboard.testing.OperatorMockServerTest;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@ApiServerTest
class ConnectionMockServerTest extends OperatorMockServerTest {

  @BeforeEach
  void namespaces() {
    create(namespace("platform"));
    create(namespace("team-a"));
  }

  @Test
  void statusSetsEveryConditionAndLabelsTheCredentialSecretForWatching() {
    create(
        credentials(
            "platform", "orders-db-credentials", "username", "postgres", "password", "s3cret"));
    create(postgres("platform", "orders-db", "orders-db-credentials"));

    eventually()
        .untilAsserted(
            () -> {
              var status = fetchConnection("platform", "orders-db").getStatus();
              assertThat(status.getConditions())
                  .extracting(c -> c.getType() + "=" + c.getStatus() + "/" + c.getReason())
                  .containsExactly(
                      "CredentialsResolved=True/Resolved",
                      "Tested=True/Succeeded",
                      "Ready=True/Ready");
              assertThat(status.getBindings().getCount()).isZero();
            });
    assertThat(
            client
                .secrets()
                .inNamespace("platform")
                .withName("orders-db-credentials")
                .get()
                .getMetadata()
                .getLabels())
        .containsEntry("switchboard.dev/credentials", "true");
    assertThat(fetchConnection("platform", "orders-db").getMetadata().getFinalizers())
        .containsExactly("switchboard.dev/in-use-protection");
    assertThat(fetchConnection("platform", "orders-db").getSpec().getPort())
        .as("defaults are resolved in code, never written into spec")
        .isNull();
  }

  @Test
  void missingCredentialKeysAreNamedWithoutShowingAnyValue() {
    create(credentials("platform", "partial", "username", "orders", "pass", "hunter2-distinctive"));
    create(postgres("platform", "orders-db", "partial"));

    eventually()
        .untilAsserted(
            () -> {
              var status = fetchConnection("platform", "orders-db").getStatus();
              var creds = condition(status.getConditions(), "CredentialsResolved");
              assertThat(creds.getReason()).isEqualTo("MissingKeys");
              assertThat(creds.getMessage()).contains("password");
              assertThat(condition(status.getConditions(), "Ready").getReason())
                  .isEqualTo("CredentialsUnavailable");
            });
    String everything =
        client
                .resources(Connection.class)
                .inNamespace("platform")
                .withName("orders-db")
                .get()
                .toString()
            + client.v1().events().inNamespace("platform").list().getItems();
    assertThat(everything).doesNotContain("hunter2-distinctive");
  }

  @Test
  void invalidSpecsReachingTheOperatorAreReportedNotCrashedOn() {
    create(credentials("platform", "creds", "username", "u", "password", "p"));
    createLoosely(connectionWith("unknown-type", s -> s.setType("oracle")));
    createLoosely(connectionWith("port-zero", s -> s.setPort(0)));
    createLoosely(connectionWith("no-host", s -> s.setHost(null)));
    createLoosely(
        connectionWith(
            "bad-interval",
            s -> {
              s.setTest(new ConnectionTestPolicy());
              s.getTest().setInterval("soon");
            }));
    create(binding("team-a", "to-unknown", "platform", "unknown-type"));
    create(credentials("platform", "good", "username", "postgres", "password", "p"));
    create(postgres("platform", "good", "good"));

    eventually()
        .untilAsserted(
            () -> {
              assertThat(readyOf("unknown-type")).isEqualTo("InvalidSpec");
              assertThat(readyOf("port-zero")).isEqualTo("InvalidSpec");
              assertThat(readyOf("no-host")).isEqualTo("InvalidSpec");
              assertThat(readyOf("bad-interval")).isEqualTo("InvalidSpec");
              assertThat(readyOf("good")).isEqualTo("Ready");
            });
    assertThat(
            condition(
                    fetchConnection("platform", "unknown-type").getStatus().getConditions(),
                    "Ready")
                .getMessage())
        .contains("unknown type 'oracle'");
    assertThat(
            condition(fetchConnection("platform", "port-zero").getStatus().getConditions(), "Ready")
                .getMessage())
        .contains("spec.port");
    assertThat(
            condition(fetchConnection("platform", "no-host").getStatus().getConditions(), "Ready")
                .getMessage())
        .contains("spec.host");
    eventually()
        .untilAsserted(
            () -> {
              var ready =
                  condition(
                      fetchBinding("team-a", "to-unknown").getStatus().getConditions(), "Ready");
              assertThat(ready.getReason()).isEqualTo("InvalidSpec");
              assertThat(ready.getMessage())
                  .contains("Connection platform/unknown-type is invalid");
            });
    assertThat(client.secrets().inNamespace("team-a").list().getItems()).isEmpty();
  }

  @Test
  void deletionWaitsWhileABindingUsesTheConnectionAndCompletesWhenItIsGone() {
    create(
        credentials(
            "platform", "orders-db-credentials", "username", "orders", "password", "s3cret"));
    create(postgres("platform", "orders-db", "orders-db-credentials", "team-a"));
    create(binding("team-a", "orders-db", "platform", "orders-db"));
    eventually()
        .untilAsserted(
            () ->
                assertThat(
                        fetchConnection("platform", "orders-db")
                            .getStatus()
                            .getBindings()
                            .getItems())
                    .containsExactly("team-a/orders-db"));

    client.resources(Connection.class).inNamespace("platform").withName("orders-db").delete();

    eventually()
        .untilAsserted(
            () -> {
              var conn = fetchConnection("platform", "orders-db");
              assertThat(conn.getMetadata().getDeletionTimestamp()).isNotNull();
              var ready = condition(conn.getStatus().getConditions(), "Ready");
              assertThat(ready.getReason()).isEqualTo("InUse");
              assertThat(ready.getMessage()).contains("team-a/orders-db");
            });
    assertThat(client.secrets().inNamespace("team-a").withName("orders-db").get())
        .as("the binding keeps working while deletion waits")
        .isNotNull();

    client.resources(WorkspaceBinding.class).inNamespace("team-a").withName("orders-db").delete();

    eventually().untilAsserted(() -> assertThat(fetchConnection("platform", "orders-db")).isNull());
  }

  @Test
  void deletingABindingUpdatesTheConnectionsListOfUsers() {
    create(
        credentials(
            "platform", "orders-db-credentials", "username", "orders", "password", "s3cret"));
    create(postgres("platform", "orders-db", "orders-db-credentials", "team-a"));
    create(binding("team-a", "one", "platform", "orders-db"));
    create(binding("team-a", "two", "platform", "orders-db"));
    eventually()
        .untilAsserted(
            () ->
                assertThat(
                        fetchConnection("platform", "orders-db")
                            .getStatus()
                            .getBindings()
                            .getCount())
                    .isEqualTo(2));

    client.resources(WorkspaceBinding.class).inNamespace("team-a").withName("one").delete();

    eventually()
        .untilAsserted(
            () -> {
              var bindings = fetchConnection("platform", "orders-db").getStatus().getBindings();
              assertThat(bindings.getCount()).isEqualTo(1);
              assertThat(bindings.getItems()).isEqualTo(List.of("team-a/two"));
            });
  }

  private String readyOf(String name) {
    return condition(fetchConnection("platform", name).getStatus().getConditions(), "Ready")
        .getReason();
  }

  private static Connection connectionWith(String name, Consumer<ConnectionSpec> change) {
    Connection c = postgres("platform", name, "creds", "team-a");
    change.accept(c.getSpec());
    return Fixtures.connection("platform", name, c.getSpec());
  }
}
