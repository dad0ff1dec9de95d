package dev.switchboard.binding;

import static dev.switchboard.testing.Fixtures.b64;
import static dev.switchboard.testing.Fixtures.binding;
import static dev.switchboard.testing.Fixtures.credentials;
import static dev.switchboard.testing.Fixtures.decoded;
import static dev.switchboard.testing.Fixtures.group;
import static dev.switchboard.testing.Fixtures.namespace;
import static dev.switchboard.testing.Fixtures.postgres;
import static dev.switchboard.testing.Fixtures.serviceAccount;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.testing.OperatorMockServerTest;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WorkspaceBindingMockServerTest extends OperatorMockServerTest {

  @BeforeEach
  void namespaces() {
    create(namespace("platform"));
    create(namespace("team-a", "tenant", "acme"));
    create(namespace("team-b"));
  }

  @Test
  void bindsPermittedConnectionAsServiceBindingSecretWithReaderRole() {
    create(credentials("platform", "orders-db-credentials", "username", "orders", "password", "s3cret"));
    create(postgres("platform", "orders-db", "orders-db-credentials", "team-a"));
    create(binding("team-a", "orders-db", "platform", "orders-db", serviceAccount("orders-api"),
        group("team-a-developers")));

    eventually().untilAsserted(() -> assertThat(bindingReady("team-a", "orders-db")).isEqualTo("True"));

    Secret secret = client.secrets().inNamespace("team-a").withName("orders-db").get();
    assertThat(secret.getType()).isEqualTo("servicebinding.io/postgresql");
    assertThat(decoded(secret)).isEqualTo(Map.ofEntries(
        Map.entry("type", "postgresql"),
        Map.entry("provider", "switchboard"),
        Map.entry("host", "orders.db.internal"),
        Map.entry("port", "5432"),
        Map.entry("database", "orders"),
        Map.entry("username", "orders"),
        Map.entry("password", "s3cret"),
        Map.entry("uri", "postgresql://orders:s3cret@orders.db.internal:5432/orders"),
        Map.entry("jdbc-url", "jdbc:postgresql://orders.db.internal:5432/orders")));
    assertThat(secret.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/managed-by", "switchboard")
        .containsEntry("switchboard.dev/binding", "orders-db");
    WorkspaceBinding wb = fetchBinding("team-a", "orders-db");
    assertThat(secret.getMetadata().getAnnotations())
        .containsEntry("switchboard.dev/data-hash", wb.getStatus().getDataHash());
    assertOwnedBy(secret, wb);

    Role role = client.rbac().roles().inNamespace("team-a").withName("orders-db-switchboard-reader").get();
    assertThat(role.getRules()).hasSize(1);
    PolicyRule rule = role.getRules().get(0);
    assertThat(rule.getApiGroups()).containsExactly("");
    assertThat(rule.getResources()).containsExactly("secrets");
    assertThat(rule.getResourceNames()).containsExactly("orders-db");
    assertThat(rule.getVerbs()).containsExactly("get");
    assertOwnedBy(role, wb);

    RoleBinding rb = client.rbac().roleBindings().inNamespace("team-a").withName("orders-db-switchboard-reader").get();
    assertThat(rb.getRoleRef().getKind()).isEqualTo("Role");
    assertThat(rb.getRoleRef().getName()).isEqualTo("orders-db-switchboard-reader");
    assertThat(rb.getSubjects()).extracting(s -> s.getKind() + ":" + s.getNamespace() + ":" + s.getName())
        .containsExactly("ServiceAccount:team-a:orders-api", "Group:null:team-a-developers");
    assertOwnedBy(rb, wb);

    assertThat(wb.getStatus().getObservedGeneration()).isEqualTo(wb.getMetadata().getGeneration());
    assertThat(wb.getStatus().getConditions()).allSatisfy(c -> {
      assertThat(c.getStatus()).isEqualTo("True");
      assertThat(c.getObservedGeneration()).isEqualTo(wb.getMetadata().getGeneration());
    });
    assertThat(wb.getStatus().getSecretName()).isEqualTo("orders-db");
    assertThat(wb.getStatus().getBinding().getName()).isEqualTo("orders-db");
    assertThat(wb.getStatus().getConnection().getType()).isEqualTo("postgresql");
    assertThat(wb.getStatus().getDataHash()).startsWith("sha256:");

    eventually().untilAsserted(() -> {
      var conn = fetchConnection("platform", "orders-db");
      assertThat(condition(conn.getStatus().getConditions(), "Ready").getStatus()).isEqualTo("True");
      assertThat(condition(conn.getStatus().getConditions(), "CredentialsResolved").getStatus()).isEqualTo("True");
      assertThat(condition(conn.getStatus().getConditions(), "Tested").getReason()).isEqualTo("NotYetTested");
      assertThat(conn.getStatus().getObservedGeneration()).isEqualTo(conn.getMetadata().getGeneration());
      assertThat(conn.getStatus().getBindings().getItems()).containsExactly("team-a/orders-db");
      assertThat(fetchBinding("team-a", "orders-db").getStatus().getConnection().getReady()).isTrue();
    });
  }

  String bindingReady(String namespace, String name) {
    return condition(fetchBinding(namespace, name).getStatus().getConditions(), "Ready").getStatus();
  }

  static void assertOwnedBy(io.fabric8.kubernetes.api.model.HasMetadata resource, WorkspaceBinding owner) {
    assertThat(resource.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
      assertThat(ref.getKind()).isEqualTo("WorkspaceBinding");
      assertThat(ref.getApiVersion()).isEqualTo("switchboard.dev/v1alpha1");
      assertThat(ref.getName()).isEqualTo(owner.getMetadata().getName());
      assertThat(ref.getUid()).isEqualTo(owner.getMetadata().getUid()).isNotBlank();
      assertThat(ref.getController()).isTrue();
    });
  }
}
