package dev.switchboard.reliability;

import static dev.switchboard.testing.Fixtures.binding;
import static dev.switchboard.testing.Fixtures.credentials;
import static dev.switchboard.testing.Fixtures.namespace;
import static dev.switchboard.testing.Fixtures.postgres;
import static dev.switchboard.testing.Fixtures.serviceAccount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.v1alpha1.Connection;
import dev.switchboard.api.v1alpha1.ConnectionAccess;
import dev.switchboard.testing.OperatorMockServerTest;
import dev.switchboard.testing.ReliabilityTest;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A workspace gets a Connection's data only when permitted, whichever route it tries. */
@ReliabilityTest
class TenantIsolationMockServerTest extends OperatorMockServerTest {
  private static final String PASSWORD = "isolation-canary-pw";

  @BeforeEach
  void tenants() {
    create(namespace("platform"));
    create(namespace("team-a", "tenant", "acme"));
    create(namespace("team-b", "tenant", "other"));
    create(credentials("platform", "pg", "username", "postgres", "password", PASSWORD));
  }

  @Test
  void everyUnpermittedRouteGetsNothingAndLooksTheSame() {
    create(postgres("platform", "listed", "pg", "team-a"));
    var selected = postgres("platform", "selected", "pg");
    var access = new ConnectionAccess();
    access.setNamespaceSelector(
        new LabelSelectorBuilder().addToMatchLabels("tenant", "acme").build());
    selected.getSpec().setAccess(access);
    create(selected);
    create(binding("team-b", "wrong-namespace", "platform", "listed"));
    create(binding("team-b", "selector-mismatch", "platform", "selected"));
    create(binding("team-b", "missing", "platform", "does-not-exist"));
    create(binding("team-b", "same-namespace-default", "team-b", "listed"));

    eventually()
        .untilAsserted(
            () -> {
              List<String> messages = new ArrayList<>();
              for (String name :
                  List.of(
                      "wrong-namespace",
                      "selector-mismatch",
                      "missing",
                      "same-namespace-default")) {
                var ready =
                    condition(fetchBinding("team-b", name).getStatus().getConditions(), "Ready");
                assertThat(ready.getReason()).as(name).isEqualTo("NotPermitted");
                messages.add(ready.getMessage().replaceAll("Connection \\S+ ", "Connection X "));
                assertThat(fetchBinding("team-b", name).getStatus().getConnection())
                    .as(name)
                    .isNull();
              }
              assertThat(messages)
                  .as("a missing Connection reads like a forbidden one")
                  .containsOnly(messages.get(0));
            });
    assertNoDataIn("team-b");
  }

  @Test
  void aRenamedConnectionRevokesBindingsToTheOldName() {
    create(postgres("platform", "old-name", "pg", "team-a"));
    create(binding("team-a", "orders", "platform", "old-name", serviceAccount("app")));
    eventually()
        .until(() -> client.secrets().inNamespace("team-a").withName("orders").get() != null);

    // Renaming is delete and create; deletion waits for the binding, so the owner removes the
    // access first.
    edit(
        Connection.class,
        "platform",
        "old-name",
        c -> {
          c.getSpec().getAccess().setNamespaces(List.of());
          return c;
        });
    client.resources(Connection.class).inNamespace("platform").withName("old-name").delete();
    create(postgres("platform", "new-name", "pg", "team-a"));

    eventually()
        .untilAsserted(
            () -> {
              assertThat(fetchConnection("platform", "old-name")).isNull();
              assertThat(
                      condition(
                              fetchBinding("team-a", "orders").getStatus().getConditions(), "Ready")
                          .getReason())
                  .isEqualTo("NotPermitted");
            });
    assertNoDataIn("team-a");
  }

  @Test
  void withdrawnAccessDeletesTheBoundSecretPromptly() {
    int rounds = 5;
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      String name = "revoke-" + i;
      create(postgres("platform", name, "pg", "team-a"));
      create(binding("team-a", name, "platform", name, serviceAccount("app")));
      eventually().until(() -> client.secrets().inNamespace("team-a").withName(name).get() != null);

      long start = System.nanoTime();
      edit(
          Connection.class,
          "platform",
          name,
          c -> {
            c.getSpec().getAccess().setNamespaces(List.of("team-b"));
            return c;
          });
      eventually()
          .pollInterval(Duration.ofMillis(5))
          .until(() -> client.secrets().inNamespace("team-a").withName(name).get() == null);
      millis.add(Duration.ofNanos(System.nanoTime() - start).toMillis());
    }
    assertNoDataIn("team-a");
    millis.sort(Long::compare);
    ReliabilityFigures.record(
        "revocation: access withdrawn to bound Secret deleted, ms (sorted, " + rounds + " rounds)",
        millis);
  }

  private void assertNoDataIn(String namespace) {
    var secrets = client.secrets().inNamespace(namespace).list().getItems();
    assertThat(secrets).as("no bound Secret in " + namespace).isEmpty();
    assertThat(client.rbac().roles().inNamespace(namespace).list().getItems()).isEmpty();
    assertThat(client.rbac().roleBindings().inNamespace(namespace).list().getItems()).isEmpty();
    assertThat(client.v1().events().inNamespace(namespace).list().getItems().toString())
        .doesNotContain(PASSWORD);
  }
}
