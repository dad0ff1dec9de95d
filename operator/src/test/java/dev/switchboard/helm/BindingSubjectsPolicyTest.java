package dev.switchboard.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cel.common.values.NullValue;
import dev.switchboard.apiserver.Caller;
import dev.switchboard.apiserver.KubernetesCel;
import dev.switchboard.testing.HelmCharts;
import dev.switchboard.testing.UnitTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The chart's admission policy for binding subjects, its CEL evaluated with an authorizer of the
 * test's making.
 */
@UnitTest
class BindingSubjectsPolicyTest {
  private static final String EXPRESSION =
      HelmCharts.named(
              HelmCharts.render(Map.of()),
              "ValidatingAdmissionPolicy",
              "switchboard-binding-subjects")
          .at("/spec/validations/0/expression")
          .asText();

  private final List<String> asked = new ArrayList<>();
  private boolean mayCreateRoleBindings;
  private boolean mayGetSecret;

  private boolean admits(Map<String, Object> object, Map<String, Object> oldObject) {
    Map<String, Object> vars = new HashMap<>();
    vars.put("object", object);
    vars.put("oldObject", oldObject == null ? NullValue.NULL_VALUE : oldObject);
    vars.put("request", Map.of());
    vars.put("params", NullValue.NULL_VALUE);
    vars.put(
        "authorizer",
        new KubernetesCel.Authorizer(
            Caller.user("dev"),
            (caller, verb, group, resource, ns, name) -> {
              asked.add(verb + " " + group + "/" + resource + " " + ns + "/" + name);
              return resource.equals("rolebindings") ? mayCreateRoleBindings : mayGetSecret;
            }));
    return Boolean.TRUE.equals(KubernetesCel.evaluate(EXPRESSION, vars));
  }

  private static Map<String, Object> binding(String secretName, String... subjects) {
    Map<String, Object> spec = new HashMap<>();
    spec.put("connectionRef", Map.of("name", "orders-db"));
    if (secretName != null) {
      spec.put("secretName", secretName);
    }
    if (subjects.length > 0) {
      List<Object> list = new ArrayList<>();
      for (String s : subjects) {
        list.add(Map.of("kind", "Group", "name", s));
      }
      spec.put("subjects", list);
    }
    return Map.of("metadata", Map.of("name", "orders", "namespace", "team-a"), "spec", spec);
  }

  @Test
  void aBindingWithoutSubjectsNeedsNothingMore() {
    assertThat(admits(binding(null), null)).isTrue();
    assertThat(asked).isEmpty();
  }

  @Test
  void namingSubjectsNeedsRoleBindingCreateAndGetOnThatSecret() {
    assertThat(admits(binding(null, "system:masters"), null)).isFalse();
    mayCreateRoleBindings = true;
    assertThat(admits(binding(null, "system:masters"), null)).isFalse();
    mayGetSecret = true;
    assertThat(admits(binding(null, "system:masters"), null)).isTrue();
    assertThat(asked)
        .contains(
            "create rbac.authorization.k8s.io/rolebindings team-a/null",
            "get /secrets team-a/orders");
    asked.clear();
    admits(binding("orders-secret", "devs"), null);
    assertThat(asked).contains("get /secrets team-a/orders-secret");
  }

  @Test
  void anUpdateThatKeepsSubjectsAndSecretNeedsNothingMoreButChangingThemDoes() {
    assertThat(admits(binding(null, "devs"), binding(null, "devs"))).isTrue();
    assertThat(admits(binding(null, "devs", "ops"), binding(null, "devs"))).isFalse();
    assertThat(admits(binding("other", "devs"), binding(null, "devs"))).isFalse();
  }
}
