package dev.switchboard.binding;

import static dev.switchboard.testing.Fixtures.binding;
import static dev.switchboard.testing.Fixtures.group;
import static dev.switchboard.testing.Fixtures.serviceAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.testing.ApiServerTest;
import dev.switchboard.testing.OperatorMockServerTest;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Subjects cannot escalate: the chart's admission policy stops a workspace member who may create
 * bindings but not RoleBindings from granting anyone read access to the bound Secret through the
 * operator.
 */
@ApiServerTest
class BindingSubjectsPolicyMockServerTest extends OperatorMockServerTest {
  private KubernetesClient developer;
  private KubernetesClient lead;

  @BeforeEach
  void workspace() {
    sharedOrdersDb();
    // A developer holds what the chart's binding-editor role gives (aggregated into edit); the team
    // lead may also manage RBAC and read Secrets in the namespace, as namespace admins do.
    grant(
        "developer",
        new PolicyRuleBuilder()
            .withApiGroups("switchboard.dev")
            .withResources("workspacebindings")
            .withVerbs("get", "list", "watch", "create", "update", "patch", "delete")
            .build());
    grant(
        "lead",
        new PolicyRuleBuilder()
            .withApiGroups("switchboard.dev")
            .withResources("workspacebindings")
            .withVerbs("get", "list", "watch", "create", "update", "patch", "delete")
            .build(),
        new PolicyRuleBuilder()
            .withApiGroups("rbac.authorization.k8s.io")
            .withResources("rolebindings")
            .withVerbs("create")
            .build(),
        new PolicyRuleBuilder()
            .withApiGroups("")
            .withResources("secrets")
            .withVerbs("get")
            .build());
    developer = cluster.clientAs("developer");
    lead = cluster.clientAs("lead");
  }

  private void grant(String user, PolicyRule... rules) {
    create(
        new RoleBuilder()
            .withNewMetadata()
            .withName(user)
            .withNamespace("team-a")
            .endMetadata()
            .withRules(rules)
            .build());
    create(
        new RoleBindingBuilder()
            .withNewMetadata()
            .withName(user)
            .withNamespace("team-a")
            .endMetadata()
            .withNewRoleRef("rbac.authorization.k8s.io", "Role", user)
            .addNewSubject()
            .withKind("User")
            .withName(user)
            .withApiGroup("rbac.authorization.k8s.io")
            .endSubject()
            .build());
  }

  @Test
  void aMemberWhoCannotGrantRbacCannotNameSubjects() {
    assertThatThrownBy(
            () ->
                developer
                    .resource(
                        binding(
                            "team-a", "orders", "platform", "orders-db", group("system:masters")))
                    .create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(403);
              assertThat(e.getStatus().getMessage())
                  .contains(
                      "ValidatingAdmissionPolicy 'switchboard-binding-subjects' "
                          + "with binding 'switchboard-binding-subjects' denied request: spec.subjects would be granted get on "
                          + "the bound Secret");
            });
    // Without subjects the same member binds; the workload's ServiceAccount is then named by
    // someone who may.
    developer.resource(binding("team-a", "orders", "platform", "orders-db")).create();
    eventually()
        .untilAsserted(
            () ->
                assertThat(client.secrets().inNamespace("team-a").withName("orders").get())
                    .isNotNull());
    assertThat(
            client
                .rbac()
                .roleBindings()
                .inNamespace("team-a")
                .withName("orders-switchboard-reader")
                .get())
        .isNull();
  }

  @Test
  void aMemberWhoCouldGrantItThemselvesNamesSubjects() {
    lead.resource(
            binding("team-a", "orders", "platform", "orders-db", serviceAccount("orders-api")))
        .create();
    eventually()
        .untilAsserted(
            () ->
                assertThat(
                        client
                            .rbac()
                            .roleBindings()
                            .inNamespace("team-a")
                            .withName("orders-switchboard-reader")
                            .get()
                            .getSubjects())
                    .singleElement()
                    .satisfies(s -> assertThat(s.getName()).isEqualTo("orders-api")));
  }
}
