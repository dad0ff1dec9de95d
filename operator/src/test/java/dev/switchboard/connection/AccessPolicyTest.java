package dev.switchboard.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.v1alpha1.Connection;
import dev.switchboard.api.v1alpha1.ConnectionAccess;
import dev.switchboard.api.v1alpha1.ConnectionSpec;
import dev.switchboard.testing.Fixtures;
import dev.switchboard.testing.UnitTest;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@UnitTest
class AccessPolicyTest {
  private final Map<String, Map<String, String>> labels =
      Map.of(
          "team-a", Map.of("tenant", "acme", "tier", "gold"),
          "team-b", Map.of("tenant", "other"));
  private final AccessPolicy policy = new AccessPolicy(ns -> labels.getOrDefault(ns, Map.of()));

  private static Connection connection(List<String> namespaces, LabelSelector selector) {
    var spec = new ConnectionSpec();
    spec.setType("postgresql");
    if (namespaces != null || selector != null) {
      var access = new ConnectionAccess();
      access.setNamespaces(namespaces);
      access.setNamespaceSelector(selector);
      spec.setAccess(access);
    }
    return Fixtures.connection("platform", "db", spec);
  }

  @Test
  void byDefaultOnlyTheConnectionsOwnNamespaceMayBind() {
    var c = connection(null, null);
    assertThat(policy.permits(c, "platform")).isTrue();
    assertThat(policy.permits(c, "team-a")).isFalse();
  }

  @Test
  void listedNamespacesMayBind() {
    var c = connection(List.of("team-b"), null);
    assertThat(policy.permits(c, "team-b")).isTrue();
    assertThat(policy.permits(c, "team-a")).isFalse();
  }

  @Test
  void selectorMatchesNamespaceLabelsWithKubernetesSemantics() {
    var c =
        connection(
            null,
            new LabelSelectorBuilder()
                .addToMatchLabels("tenant", "acme")
                .addNewMatchExpression()
                .withKey("tier")
                .withOperator("In")
                .withValues("gold", "silver")
                .endMatchExpression()
                .build());
    assertThat(policy.permits(c, "team-a")).isTrue();
    assertThat(policy.permits(c, "team-b")).isFalse();
    assertThat(policy.permits(c, "unknown-namespace")).isFalse();
  }

  @Test
  void notInAndDoesNotExistMatchNamespacesWithoutTheLabel() {
    var c =
        connection(
            null,
            new LabelSelectorBuilder()
                .addNewMatchExpression()
                .withKey("tenant")
                .withOperator("NotIn")
                .withValues("acme")
                .endMatchExpression()
                .addNewMatchExpression()
                .withKey("tier")
                .withOperator("DoesNotExist")
                .endMatchExpression()
                .build());
    assertThat(policy.permits(c, "team-b")).isTrue();
    assertThat(policy.permits(c, "team-a")).isFalse();
  }

  @Test
  void anEmptySelectorSharesWithNobodyRatherThanEverybody() {
    assertThat(policy.permits(connection(null, new LabelSelector()), "team-a")).isFalse();
  }

  @Test
  void anInvalidSelectorMatchesNothing() {
    var c =
        connection(
            null,
            new LabelSelectorBuilder()
                .addNewMatchExpression()
                .withKey("tenant")
                .withOperator("Like")
                .withValues("acme")
                .endMatchExpression()
                .build());
    assertThat(policy.permits(c, "team-a")).isFalse();
  }
}
