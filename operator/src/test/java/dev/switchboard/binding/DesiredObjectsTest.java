package dev.switchboard.binding;

import static dev.switchboard.testing.Fixtures.binding;
import static dev.switchboard.testing.Fixtures.group;
import static dev.switchboard.testing.Fixtures.serviceAccount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.testing.UnitTest;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bound Secret, Role and RoleBinding a binding should have, built without a cluster. */
@UnitTest
class DesiredObjectsTest {
  private static WorkspaceBinding bound() {
    WorkspaceBinding b =
        binding(
            "team-a",
            "orders-db",
            "platform",
            "orders-db",
            serviceAccount("app"),
            group("auditors"));
    b.getMetadata().setUid("0b1c2d3e-0000-4000-8000-000000000001");
    return b;
  }

  @Test
  void theSecretIsInServiceBindingFormatOwnedByTheBindingWithItsHash() {
    var secret =
        BoundSecretBuilder.build(
            bound(), "postgresql", Map.of("password", "pä ss", "host", "db"), "sha256:abc");
    assertThat(secret.getType()).isEqualTo("servicebinding.io/postgresql");
    assertThat(secret.getMetadata().getName()).isEqualTo("orders-db");
    assertThat(secret.getMetadata().getNamespace()).isEqualTo("team-a");
    assertThat(secret.getMetadata().getAnnotations())
        .containsEntry("switchboard.dev/data-hash", "sha256:abc");
    assertThat(secret.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/managed-by", "switchboard");
    assertThat(secret.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.getUid()).isEqualTo("0b1c2d3e-0000-4000-8000-000000000001");
              assertThat(o.getController()).isTrue();
            });
    assertThat(
            new String(
                Base64.getDecoder().decode(secret.getData().get("password")),
                StandardCharsets.UTF_8))
        .isEqualTo("pä ss");
  }

  @Test
  void theRoleGrantsGetOnExactlyThatSecret() {
    var role = ReaderRbacBuilder.role(bound());
    assertThat(role.getRules())
        .singleElement()
        .satisfies(
            rule -> {
              assertThat(rule.getApiGroups()).containsExactly("");
              assertThat(rule.getResources()).containsExactly("secrets");
              assertThat(rule.getResourceNames()).containsExactly("orders-db");
              assertThat(rule.getVerbs()).containsExactly("get");
            });
  }

  @Test
  void theRoleBindingFillsWhatTheApiServerRequiresOfSubjects() {
    var roleBinding = ReaderRbacBuilder.roleBinding(bound()).orElseThrow();
    assertThat(roleBinding.getRoleRef().getName())
        .isEqualTo(ReaderRbacBuilder.role(bound()).getMetadata().getName());
    assertThat(roleBinding.getSubjects())
        .satisfiesExactly(
            sa -> {
              assertThat(sa.getKind()).isEqualTo("ServiceAccount");
              assertThat(sa.getNamespace()).isEqualTo("team-a");
              assertThat(sa.getApiGroup()).isEmpty();
            },
            g -> {
              assertThat(g.getKind()).isEqualTo("Group");
              assertThat(g.getApiGroup()).isEqualTo("rbac.authorization.k8s.io");
            });
  }

  @Test
  void noSubjectsNoRoleBinding() {
    WorkspaceBinding b = bound();
    b.getSpec().setSubjects(List.of());
    assertThat(ReaderRbacBuilder.roleBinding(b)).isEmpty();
  }

  @Test
  void theSpecValidatorNamesEveryProblemOnce() {
    WorkspaceBinding b = bound();
    b.getSpec().getConnectionRef().setName(" ");
    b.getSpec().setSecretName("Not_A_Name");
    b.getSpec()
        .setSubjects(
            List.of(
                new SubjectBuilder()
                    .withKind("ServiceAccount")
                    .withName("app")
                    .withNamespace("elsewhere")
                    .build(),
                new SubjectBuilder().withKind("Robot").withName("r2").build(),
                new SubjectBuilder().withKind("User").build(),
                new SubjectBuilder().withKind("Group").build()));
    assertThat(BindingSpecValidator.problems(b))
        .containsExactly(
            "spec.connectionRef.name is required",
            "secret name 'Not_A_Name' is not a valid Kubernetes object name",
            "ServiceAccount subject app must be in namespace team-a",
            "subject kind 'Robot' is not ServiceAccount, User or Group",
            "every subject needs a name");
    assertThat(BindingSpecValidator.problems(bound())).isEmpty();
  }
}
