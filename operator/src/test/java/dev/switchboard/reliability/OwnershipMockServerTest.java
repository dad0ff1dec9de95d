package dev.switchboard.reliability;

import static dev.switchboard.testing.Fixtures.b64;
import static dev.switchboard.testing.Fixtures.binding;
import static dev.switchboard.testing.Fixtures.credentials;
import static dev.switchboard.testing.Fixtures.namespace;
import static dev.switchboard.testing.Fixtures.postgres;
import static dev.switchboard.testing.Fixtures.serviceAccount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.OperatorMockServerTest;
import dev.switchboard.testing.Ready;
import dev.switchboard.testing.ReliabilityTest;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import org.junit.jupiter.api.Test;

/**
 * Objects Switchboard does not own are never changed, adopted or deleted, however often it
 * reconciles.
 */
@ReliabilityTest
class OwnershipMockServerTest extends OperatorMockServerTest {
  private static final int CYCLES = 100;

  @Test
  void foreignObjectsWithClashingNamesAreByteIdenticalAfterAHundredReconciles() {
    create(namespace("platform"));
    create(namespace("team-a"));
    Secret secret =
        create(
            new SecretBuilder()
                .withNewMetadata()
                .withNamespace("team-a")
                .withName("orders-db")
                .addToLabels("app.kubernetes.io/managed-by", "switchboard")
                .addToLabels("switchboard.dev/binding", "orders-db")
                .endMetadata()
                .addToData("password", b64("theirs"))
                .build());
    Role role =
        create(
            new RoleBuilder()
                .withNewMetadata()
                .withNamespace("team-a")
                .withName("orders-db-switchboard-reader")
                .endMetadata()
                .addNewRule()
                .withApiGroups("")
                .withResources("secrets")
                .withVerbs("list")
                .endRule()
                .build());
    RoleBinding roleBinding =
        create(
            new RoleBindingBuilder()
                .withNewMetadata()
                .withNamespace("team-a")
                .withName("orders-db-switchboard-reader")
                .endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "view")
                .addNewSubject()
                .withKind("User")
                .withName("someone")
                .withApiGroup("rbac.authorization.k8s.io")
                .endSubject()
                .build());
    create(credentials("platform", "pg", "username", "postgres", "password", "p0"));
    create(postgres("platform", "orders-db", "pg", "team-a"));
    create(binding("team-a", "orders-db", "platform", "orders-db", serviceAccount("app")));
    eventually().until(() -> "SecretConflict".equals(readyReason()));

    for (int i = 1; i <= CYCLES; i++) {
      int before = reconciles.finished(fetchBinding("team-a", "orders-db"));
      String password = "p" + i;
      edit(
          Secret.class,
          "platform",
          "pg",
          s -> {
            s.getData().put("password", b64(password));
            return s;
          });
      eventually().until(() -> reconciles.finished(fetchBinding("team-a", "orders-db")) > before);
    }

    assertThat(client.secrets().inNamespace("team-a").withName("orders-db").get())
        .isEqualTo(secret);
    assertThat(
            client
                .rbac()
                .roles()
                .inNamespace("team-a")
                .withName("orders-db-switchboard-reader")
                .get())
        .isEqualTo(role);
    assertThat(
            client
                .rbac()
                .roleBindings()
                .inNamespace("team-a")
                .withName("orders-db-switchboard-reader")
                .get())
        .isEqualTo(roleBinding);
    assertThat(readyReason()).isEqualTo("SecretConflict");
    assertThat(reconciles.finished(fetchBinding("team-a", "orders-db")))
        .isGreaterThanOrEqualTo(CYCLES);
    ReliabilityFigures.record(
        "ownership reconcile cycles with foreign Secret, Role and RoleBinding unchanged",
        reconciles.finished(fetchBinding("team-a", "orders-db")));
  }

  private String readyReason() {
    return Ready.reason(fetchBinding("team-a", "orders-db"));
  }
}
