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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.v1alpha1.Connection;
import dev.switchboard.api.v1alpha1.ConnectionAccess;
import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.testing.ApiServerTest;
import dev.switchboard.testing.OperatorMockServerTest;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@ApiServerTest
class WorkspaceBindingMockServerTest extends OperatorMockServerTest {

  @BeforeEach
  void namespaces() {
    create(namespace("platform"));
    create(namespace("team-a", "tenant", "acme"));
    create(namespace("team-b"));
  }

  @Test
  void bindsPermittedConnectionAsServiceBindingSecretWithReaderRole() {
    create(
        credentials(
            "platform", "orders-db-credentials", "username", "postgres", "password", "s3cret"));
    create(postgres("platform", "orders-db", "orders-db-credentials", "team-a"));
    create(
        binding(
            "team-a",
            "orders-db",
            "platform",
            "orders-db",
            serviceAccount("orders-api"),
            group("team-a-developers")));

    eventually()
        .untilAsserted(() -> assertThat(bindingReady("team-a", "orders-db")).isEqualTo("True"));

    Secret secret = client.secrets().inNamespace("team-a").withName("orders-db").get();
    assertThat(secret.getType()).isEqualTo("servicebinding.io/postgresql");
    assertThat(decoded(secret))
        .isEqualTo(
            Map.ofEntries(
                Map.entry("type", "postgresql"),
                Map.entry("provider", "switchboard"),
                Map.entry("host", "127.0.0.1"),
                Map.entry("port", "5432"),
                Map.entry("database", "test"),
                Map.entry("username", "postgres"),
                Map.entry("password", "s3cret"),
                Map.entry("uri", "postgresql://postgres:s3cret@127.0.0.1:5432/test"),
                Map.entry("jdbc-url", "jdbc:postgresql://127.0.0.1:5432/test")));
    assertThat(secret.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/managed-by", "switchboard")
        .containsEntry("switchboard.dev/binding", "orders-db");
    WorkspaceBinding wb = fetchBinding("team-a", "orders-db");
    assertThat(secret.getMetadata().getAnnotations())
        .containsEntry("switchboard.dev/data-hash", wb.getStatus().getDataHash());
    assertOwnedBy(secret, wb);

    Role role =
        client.rbac().roles().inNamespace("team-a").withName("orders-db-switchboard-reader").get();
    assertThat(role.getRules()).hasSize(1);
    PolicyRule rule = role.getRules().get(0);
    assertThat(rule.getApiGroups()).containsExactly("");
    assertThat(rule.getResources()).containsExactly("secrets");
    assertThat(rule.getResourceNames()).containsExactly("orders-db");
    assertThat(rule.getVerbs()).containsExactly("get");
    assertOwnedBy(role, wb);

    RoleBinding rb =
        client
            .rbac()
            .roleBindings()
            .inNamespace("team-a")
            .withName("orders-db-switchboard-reader")
            .get();
    assertThat(rb.getRoleRef().getKind()).isEqualTo("Role");
    assertThat(rb.getRoleRef().getName()).isEqualTo("orders-db-switchboard-reader");
    assertThat(rb.getSubjects())
        .extracting(s -> s.getKind() + ":" + s.getNamespace() + ":" + s.getName())
        .containsExactly("ServiceAccount:team-a:orders-api", "Group:null:team-a-developers");
    assertOwnedBy(rb, wb);

    assertThat(wb.getStatus().getObservedGeneration()).isEqualTo(wb.getMetadata().getGeneration());
    assertThat(wb.getStatus().getConditions())
        .allSatisfy(
            c -> {
              assertThat(c.getStatus()).isEqualTo("True");
              assertThat(c.getObservedGeneration()).isEqualTo(wb.getMetadata().getGeneration());
            });
    assertThat(wb.getStatus().getSecretName()).isEqualTo("orders-db");
    assertThat(wb.getStatus().getBinding().getName()).isEqualTo("orders-db");
    assertThat(wb.getStatus().getConnection().getType()).isEqualTo("postgresql");
    assertThat(wb.getStatus().getDataHash()).startsWith("sha256:");

    eventually()
        .untilAsserted(
            () -> {
              var conn = fetchConnection("platform", "orders-db");
              assertThat(condition(conn.getStatus().getConditions(), "Ready").getStatus())
                  .isEqualTo("True");
              assertThat(
                      condition(conn.getStatus().getConditions(), "CredentialsResolved")
                          .getStatus())
                  .isEqualTo("True");
              assertThat(condition(conn.getStatus().getConditions(), "Tested").getReason())
                  .isEqualTo("Succeeded");
              assertThat(conn.getStatus().getObservedGeneration())
                  .isEqualTo(conn.getMetadata().getGeneration());
              assertThat(conn.getStatus().getBindings().getItems())
                  .containsExactly("team-a/orders-db");
              assertThat(fetchBinding("team-a", "orders-db").getStatus().getConnection().getReady())
                  .isTrue();
            });
  }

  @Test
  void deniesBindingFromNamespaceNotPermittedWithTheSameWordsAsForAMissingConnection() {
    create(
        credentials(
            "platform", "orders-db-credentials", "username", "orders", "password", "s3cret"));
    create(postgres("platform", "orders-db", "orders-db-credentials", "team-a"));
    create(binding("team-b", "orders", "platform", "orders-db"));
    create(binding("team-b", "ghost", "platform", "no-such-db"));

    eventually()
        .untilAsserted(
            () -> {
              var denied =
                  condition(fetchBinding("team-b", "orders").getStatus().getConditions(), "Ready");
              var missing =
                  condition(fetchBinding("team-b", "ghost").getStatus().getConditions(), "Ready");
              assertThat(denied.getReason()).isEqualTo("NotPermitted");
              assertThat(missing.getReason()).isEqualTo("NotPermitted");
              assertThat(denied.getMessage().replace("orders-db", "X"))
                  .isEqualTo(missing.getMessage().replace("no-such-db", "X"));
              assertThat(fetchConnection("platform", "orders-db").getStatus().getDeniedBindings())
                  .containsExactly("team-b/orders");
            });
    assertThat(fetchBinding("team-b", "orders").getStatus().getConnection()).isNull();
    assertThat(client.secrets().inNamespace("team-b").list().getItems()).isEmpty();
    assertThat(client.rbac().roles().inNamespace("team-b").list().getItems()).isEmpty();
  }

  @Test
  void namespaceSelectorPermitsByLabelAndRemovingTheLabelRevokes() {
    create(credentials("platform", "cache-credentials", "username", "app", "password", "pw"));
    var conn = postgres("platform", "shared", "cache-credentials");
    var access = new ConnectionAccess();
    access.setNamespaceSelector(
        new LabelSelectorBuilder().addToMatchLabels("tenant", "acme").build());
    conn.getSpec().setAccess(access);
    create(conn);
    create(binding("team-a", "shared", "platform", "shared", serviceAccount("app")));
    create(binding("team-b", "shared", "platform", "shared", serviceAccount("app")));

    eventually()
        .untilAsserted(
            () -> {
              assertThat(bindingReady("team-a", "shared")).isEqualTo("True");
              assertThat(
                      condition(
                              fetchBinding("team-b", "shared").getStatus().getConditions(), "Ready")
                          .getReason())
                  .isEqualTo("NotPermitted");
            });
    assertThat(client.secrets().inNamespace("team-a").withName("shared").get()).isNotNull();

    edit(
        Namespace.class,
        null,
        "team-a",
        ns -> {
          ns.getMetadata().getLabels().remove("tenant");
          return ns;
        });

    eventually()
        .untilAsserted(
            () -> {
              assertThat(client.secrets().inNamespace("team-a").withName("shared").get()).isNull();
              assertThat(
                      client
                          .rbac()
                          .roles()
                          .inNamespace("team-a")
                          .withName("shared-switchboard-reader")
                          .get())
                  .isNull();
              assertThat(
                      client
                          .rbac()
                          .roleBindings()
                          .inNamespace("team-a")
                          .withName("shared-switchboard-reader")
                          .get())
                  .isNull();
              assertThat(
                      condition(
                              fetchBinding("team-a", "shared").getStatus().getConditions(), "Ready")
                          .getReason())
                  .isEqualTo("NotPermitted");
              assertThat(fetchBinding("team-a", "shared").getStatus().getSecretName()).isNull();
            });
    eventually().untilAsserted(() -> assertThat(eventReasons("team-a")).contains("Revoked"));
  }

  @Test
  void withdrawingAccessFromTheConnectionRevokesTheBinding() {
    create(
        credentials(
            "platform", "orders-db-credentials", "username", "orders", "password", "s3cret"));
    create(postgres("platform", "orders-db", "orders-db-credentials", "team-a"));
    create(binding("team-a", "orders-db", "platform", "orders-db", serviceAccount("orders-api")));
    eventually()
        .untilAsserted(() -> assertThat(bindingReady("team-a", "orders-db")).isEqualTo("True"));

    edit(
        Connection.class,
        "platform",
        "orders-db",
        c -> {
          c.getSpec().getAccess().setNamespaces(List.of("team-b"));
          return c;
        });

    eventually()
        .untilAsserted(
            () -> {
              assertThat(client.secrets().inNamespace("team-a").withName("orders-db").get())
                  .isNull();
              assertThat(client.rbac().roles().inNamespace("team-a").list().getItems()).isEmpty();
              assertThat(client.rbac().roleBindings().inNamespace("team-a").list().getItems())
                  .isEmpty();
            });
  }

  @Test
  void eventsSayWhatHappenedAndNothingThatDidNot() {
    // Applied in any order, as a GitOps tool does: the binding first.
    create(binding("team-a", "orders-db", "platform", "orders-db", serviceAccount("orders-api")));
    create(
        credentials(
            "platform", "orders-db-credentials", "username", "orders", "password", "s3cret"));
    create(postgres("platform", "orders-db", "orders-db-credentials", "team-a"));
    eventually()
        .untilAsserted(() -> assertThat(bindingReady("team-a", "orders-db")).isEqualTo("True"));
    assertThat(eventReasons("team-a")).as("a permitted binding").doesNotContain("NotPermitted");

    edit(
        Connection.class,
        "platform",
        "orders-db",
        c -> {
          c.getSpec().getAccess().setNamespaces(List.of("team-b"));
          return c;
        });

    eventually()
        .untilAsserted(
            () ->
                assertThat(client.secrets().inNamespace("team-a").withName("orders-db").get())
                    .isNull());
    eventually()
        .untilAsserted(
            () ->
                assertThat(
                        client.v1().events().inNamespace("team-a").list().getItems().stream()
                            .filter(e -> "Revoked".equals(e.getReason()))
                            .toList())
                    .singleElement()
                    .satisfies(
                        revoked ->
                            assertThat(revoked.getMessage())
                                .contains(
                                    "Secret orders-db",
                                    "Role orders-db-switchboard-reader",
                                    "RoleBinding orders-db-switchboard-reader")));
  }

  @Test
  void accessWithdrawnTheMomentTheSecretIsWrittenIsRevokedInOneGoThatNamesTheSecret() {
    create(
        credentials(
            "platform", "orders-db-credentials", "username", "orders", "password", "s3cret"));
    create(postgres("platform", "orders-db", "orders-db-credentials", "team-a"));
    create(binding("team-a", "orders-db", "platform", "orders-db", serviceAccount("orders-api")));
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(15))
        .pollInterval(java.time.Duration.ofMillis(5))
        .until(() -> client.secrets().inNamespace("team-a").withName("orders-db").get() != null);
    edit(
        Connection.class,
        "platform",
        "orders-db",
        c -> {
          c.getSpec().getAccess().setNamespaces(List.of("team-b"));
          return c;
        });

    eventually()
        .untilAsserted(
            () -> {
              assertThat(client.secrets().inNamespace("team-a").withName("orders-db").get())
                  .isNull();
              assertThat(bindingReadyReason("team-a", "orders-db")).isEqualTo("NotPermitted");
            });
    assertThat(
            client.v1().events().inNamespace("team-a").list().getItems().stream()
                .filter(e -> "Revoked".equals(e.getReason()))
                .toList())
        .singleElement()
        .satisfies(
            revoked -> {
              assertThat(revoked.getCount()).isEqualTo(1);
              assertThat(revoked.getMessage())
                  .contains(
                      "Secret orders-db",
                      "Role orders-db-switchboard-reader",
                      "RoleBinding orders-db-switchboard-reader");
            });
  }

  @Test
  void rotatedPasswordReachesTheBoundSecretAndChangesTheDataHash() {
    create(
        credentials(
            "platform", "orders-db-credentials", "username", "orders", "password", "old-pass"));
    create(postgres("platform", "orders-db", "orders-db-credentials", "team-a"));
    create(binding("team-a", "orders-db", "platform", "orders-db"));
    eventually()
        .untilAsserted(() -> assertThat(bindingReady("team-a", "orders-db")).isEqualTo("True"));
    String hashBefore = fetchBinding("team-a", "orders-db").getStatus().getDataHash();

    edit(
        Secret.class,
        "platform",
        "orders-db-credentials",
        s -> {
          s.getData().put("password", b64("new-pass"));
          return s;
        });

    eventually()
        .untilAsserted(
            () -> {
              Secret bound = client.secrets().inNamespace("team-a").withName("orders-db").get();
              assertThat(decoded(bound)).containsEntry("password", "new-pass");
              String hashAfter = fetchBinding("team-a", "orders-db").getStatus().getDataHash();
              assertThat(hashAfter).isNotEqualTo(hashBefore);
              assertThat(bound.getMetadata().getAnnotations())
                  .containsEntry("switchboard.dev/data-hash", hashAfter);
            });
  }

  @Test
  void foreignSecretWithTheSameNameIsAConflictAndStaysByteForByteUnchanged() {
    Secret foreign =
        create(
            new SecretBuilder()
                .withNewMetadata()
                .withNamespace("team-a")
                .withName("orders-db")
                .addToLabels("owner", "someone-else")
                .endMetadata()
                .addToData("password", b64("theirs"))
                .build());
    create(
        credentials(
            "platform", "orders-db-credentials", "username", "orders", "password", "s3cret"));
    create(postgres("platform", "orders-db", "orders-db-credentials", "team-a"));
    create(binding("team-a", "orders-db", "platform", "orders-db"));

    eventually()
        .untilAsserted(
            () ->
                assertThat(
                        condition(
                                fetchBinding("team-a", "orders-db").getStatus().getConditions(),
                                "Ready")
                            .getReason())
                    .isEqualTo("SecretConflict"));
    // More reconciles of the binding: a rotation and a spec change each trigger one.
    for (int i = 0; i < 3; i++) {
      int before = reconciles.finished(fetchBinding("team-a", "orders-db"));
      String pass = "rotated-" + i;
      edit(
          Secret.class,
          "platform",
          "orders-db-credentials",
          s -> {
            s.getData().put("password", b64(pass));
            return s;
          });
      eventually().until(() -> reconciles.finished(fetchBinding("team-a", "orders-db")) > before);
    }

    Secret after = client.secrets().inNamespace("team-a").withName("orders-db").get();
    assertThat(after.getMetadata().getResourceVersion())
        .isEqualTo(foreign.getMetadata().getResourceVersion());
    assertThat(after).isEqualTo(foreign);
    assertThat(client.rbac().roles().inNamespace("team-a").list().getItems()).isEmpty();
    var ready = condition(fetchBinding("team-a", "orders-db").getStatus().getConditions(), "Ready");
    assertThat(ready.getMessage()).contains("Secret orders-db").contains("left unchanged");
    assertThat(eventReasons("team-a")).containsOnlyOnce("SecretConflict");
  }

  @Test
  void aBoundSecretEditedByHandIsPutBack() {
    create(
        credentials(
            "platform", "orders-db-credentials", "username", "postgres", "password", "s3cret"));
    create(postgres("platform", "orders-db", "orders-db-credentials", "team-a"));
    create(binding("team-a", "orders-db", "platform", "orders-db", serviceAccount("orders-api")));
    eventually()
        .untilAsserted(() -> assertThat(bindingReady("team-a", "orders-db")).isEqualTo("True"));

    // The operator's cache keeps a digest of a bound Secret's data, not the data: an edit of one
    // value must still be seen and undone.
    edit(
        Secret.class,
        "team-a",
        "orders-db",
        s -> {
          s.getData().put("password", b64("guessed"));
          return s;
        });

    eventually()
        .untilAsserted(
            () ->
                assertThat(
                        decoded(client.secrets().inNamespace("team-a").withName("orders-db").get()))
                    .containsEntry("password", "s3cret"));
  }

  @Test
  void twoBindingsAskingForTheSameSecretNameDoNotOverwriteEachOther() {
    create(credentials("platform", "a-credentials", "username", "a", "password", "pa"));
    create(credentials("platform", "b-credentials", "username", "b", "password", "pb"));
    create(postgres("platform", "db-a", "a-credentials", "team-a"));
    create(postgres("platform", "db-b", "b-credentials", "team-a"));
    create(binding("team-a", "first", "platform", "db-a"));
    eventually().untilAsserted(() -> assertThat(bindingReady("team-a", "first")).isEqualTo("True"));
    var second = binding("team-a", "second", "platform", "db-b");
    second.getSpec().setSecretName("first");
    create(second);

    eventually()
        .untilAsserted(
            () ->
                assertThat(
                        condition(
                                fetchBinding("team-a", "second").getStatus().getConditions(),
                                "Ready")
                            .getReason())
                    .isEqualTo("SecretConflict"));
    assertThat(decoded(client.secrets().inNamespace("team-a").withName("first").get()))
        .containsEntry("username", "a");
    assertThat(bindingReady("team-a", "first")).isEqualTo("True");
  }

  @Test
  void deletedCredentialSecretKeepsTheLastGoodDataAndSaysWhy() {
    create(
        credentials(
            "platform", "orders-db-credentials", "username", "orders", "password", "s3cret"));
    create(postgres("platform", "orders-db", "orders-db-credentials", "team-a"));
    create(binding("team-a", "orders-db", "platform", "orders-db", serviceAccount("orders-api")));
    eventually()
        .untilAsserted(() -> assertThat(bindingReady("team-a", "orders-db")).isEqualTo("True"));
    Map<String, String> good =
        decoded(client.secrets().inNamespace("team-a").withName("orders-db").get());

    client.secrets().inNamespace("platform").withName("orders-db-credentials").delete();

    eventually()
        .untilAsserted(
            () -> {
              var status = fetchBinding("team-a", "orders-db").getStatus();
              var ready = condition(status.getConditions(), "Ready");
              assertThat(ready.getStatus()).isEqualTo("False");
              assertThat(ready.getReason()).isEqualTo("CredentialsUnavailable");
              assertThat(ready.getMessage())
                  .contains("platform/orders-db-credentials")
                  .contains("not found");
              assertThat(condition(status.getConditions(), "Bound").getMessage())
                  .contains("last good data");
              assertThat(status.getSecretName()).isEqualTo("orders-db");
              assertThat(
                      condition(
                              fetchConnection("platform", "orders-db").getStatus().getConditions(),
                              "CredentialsResolved")
                          .getReason())
                  .isEqualTo("SecretNotFound");
            });
    assertThat(decoded(client.secrets().inNamespace("team-a").withName("orders-db").get()))
        .isEqualTo(good);
    assertThat(
            client
                .rbac()
                .roleBindings()
                .inNamespace("team-a")
                .withName("orders-db-switchboard-reader")
                .get())
        .isNotNull();
  }

  @Test
  void invalidBindingSpecsAreReportedAndProduceNothing() {
    create(
        credentials(
            "platform", "orders-db-credentials", "username", "orders", "password", "s3cret"));
    create(postgres("platform", "orders-db", "orders-db-credentials", "team-a"));
    // The CRD's schema refuses what it can express, before the operator sees it.
    var badName = binding("team-a", "bad-name", "platform", "orders-db");
    badName.getSpec().setSecretName("Not_A_Name");
    assertThatThrownBy(() -> create(badName))
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e ->
                assertThat(e.getStatus().getMessage())
                    .contains("spec.secretName: Invalid value: \"Not_A_Name\""));
    var badSubject =
        binding(
            "team-a",
            "bad-subject",
            "platform",
            "orders-db",
            new SubjectBuilder().withKind("Robot").withName("r2").build());
    create(badSubject);
    var foreignAccount =
        binding(
            "team-a",
            "foreign-sa",
            "platform",
            "orders-db",
            new SubjectBuilder()
                .withKind("ServiceAccount")
                .withName("spy")
                .withNamespace("team-b")
                .build());
    create(foreignAccount);

    eventually()
        .untilAsserted(
            () -> {
              for (String name : List.of("bad-subject", "foreign-sa")) {
                var ready =
                    condition(fetchBinding("team-a", name).getStatus().getConditions(), "Ready");
                assertThat(ready.getReason()).as(name).isEqualTo("InvalidSpec");
              }
            });
    assertThat(
            condition(fetchBinding("team-a", "bad-subject").getStatus().getConditions(), "Ready")
                .getMessage())
        .contains("Robot");
    assertThat(client.secrets().inNamespace("team-a").list().getItems()).isEmpty();
    assertThat(client.rbac().roles().inNamespace("team-a").list().getItems()).isEmpty();
  }

  List<String> eventReasons(String namespace) {
    return client.v1().events().inNamespace(namespace).list().getItems().stream()
        .map(Event::getReason)
        .toList();
  }

  String bindingReadyReason(String namespace, String name) {
    return condition(fetchBinding(namespace, name).getStatus().getConditions(), "Ready")
        .getReason();
  }

  String bindingReady(String namespace, String name) {
    return condition(fetchBinding(namespace, name).getStatus().getConditions(), "Ready")
        .getStatus();
  }

  static void assertOwnedBy(HasMetadata resource, WorkspaceBinding owner) {
    assertThat(resource.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(
            ref -> {
              assertThat(ref.getKind()).isEqualTo("WorkspaceBinding");
              assertThat(ref.getApiVersion()).isEqualTo("switchboard.dev/v1alpha1");
              assertThat(ref.getName()).isEqualTo(owner.getMetadata().getName());
              assertThat(ref.getUid()).isEqualTo(owner.getMetadata().getUid()).isNotBlank();
              assertThat(ref.getController()).isTrue();
            });
  }
}
