package dev.switchboard.helm;

import static dev.switchboard.testing.HelmCharts.named;
import static dev.switchboard.testing.HelmCharts.ofKind;
import static dev.switchboard.testing.HelmCharts.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Helm;
import dev.switchboard.testing.HelmCharts;
import dev.switchboard.testing.PodSecurity;
import dev.switchboard.testing.UnitTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The chart, checked with real Helm: lint, rendering with default and other values, and the values
 * schema.
 */
@UnitTest
class HelmChartTest {

  @Test
  void lintIsClean() {
    var result = new Helm(HelmCharts.chart()).lint().strict().call();
    assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
    assertThat(result.getMessages())
        .noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
  }

  @Test
  void theOperatorPodIsAdmittedUnderPodSecurityRestrictedAndOpenShiftRestrictedV2() {
    JsonNode pod = named(render(Map.of()), "Deployment", "switchboard").at("/spec/template/spec");
    assertThat(PodSecurity.restricted(pod)).isEmpty();
    assertThat(PodSecurity.openShiftRestrictedV2(pod)).isEmpty();
    // A cluster that assigns no UIDs can still be given fixed ones.
    JsonNode fixed =
        named(
                render(
                    Map.of(
                        "podSecurityContext.runAsUser",
                        "65532",
                        "podSecurityContext.fsGroup",
                        "65532")),
                "Deployment",
                "switchboard")
            .at("/spec/template/spec");
    assertThat(fixed.at("/securityContext/runAsUser").asInt()).isEqualTo(65532);
    assertThat(PodSecurity.restricted(fixed)).isEmpty();
  }

  @Test
  void defaultsRenderARestrictedDeploymentWithProbesOnTheEndpoints() {
    var docs = render(Map.of());
    JsonNode pod = named(docs, "Deployment", "switchboard").at("/spec/template/spec");
    assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
    assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
    JsonNode container = pod.at("/containers/0");
    assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
    assertThat(texts(container.at("/securityContext/capabilities/drop"))).containsExactly("ALL");
    assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/healthz");
    assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/readyz");
    assertThat(container.at("/resources/requests/memory").asText()).isNotEmpty();
    assertThat(texts(container.at("/args")))
        .contains("--leader-election=true", "--log-format=json")
        .noneMatch(a -> a.startsWith("--namespaces"));
    assertThat(container.at("/image").asText())
        .as("the image the build makes")
        .isEqualTo(
            System.getProperty("switchboard.imageRepository")
                + ":"
                + System.getProperty("switchboard.version"));
    assertThat(ofKind(docs, "ServiceMonitor")).isEmpty();
    assertThat(ofKind(docs, "PodDisruptionBudget")).isEmpty();
    assertThat(named(docs, "Service", "switchboard-metrics").at("/spec/ports/0/port").asInt())
        .isEqualTo(8080);
    assertThat(named(docs, "Role", "switchboard-leader-election")).isNotNull();
  }

  @Test
  void otherValuesRenderWatchedNamespacesMonitoringAndDisruptionBudget() {
    var docs =
        render(
            t ->
                t.set("watchNamespaces[0]", "team-a")
                    .set("watchNamespaces[1]", "team-b")
                    .set("replicaCount", 1)
                    .set("metrics.serviceMonitor.enabled", true)
                    .set("podDisruptionBudget.enabled", true)
                    .set("leaderElection.enabled", false)
                    .set("image.tag", "1.2.3")
                    .set("operator.logFormat", "text"));
    JsonNode deployment = named(docs, "Deployment", "switchboard");
    assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(1);
    assertThat(texts(deployment.at("/spec/template/spec/containers/0/args")))
        .contains("--namespaces=team-a,team-b", "--leader-election=false", "--log-format=text");
    assertThat(deployment.at("/spec/template/spec/containers/0/image").asText()).endsWith(":1.2.3");
    assertThat(ofKind(docs, "ServiceMonitor")).hasSize(1);
    assertThat(ofKind(docs, "PodDisruptionBudget"))
        .as("with one replica a PodDisruptionBudget would block every node drain")
        .isEmpty();
    assertThat(ofKind(docs, "Role"))
        .as("no Lease role without leader election")
        .extracting(
            r -> r.at("/metadata/namespace").asText() + "/" + r.at("/metadata/name").asText())
        .containsExactlyInAnyOrder("team-a/switchboard", "team-b/switchboard");
  }

  @Test
  void aDisruptionBudgetOnlyWhereItCannotBlockADrain() {
    var docs = render(t -> t.set("replicaCount", 2).set("podDisruptionBudget.enabled", true));
    JsonNode budget = named(docs, "PodDisruptionBudget", "switchboard");
    assertThat(budget.at("/spec/minAvailable").asInt()).isEqualTo(1);
    assertThat(budget.at("/spec/selector/matchLabels"))
        .isEqualTo(named(docs, "Deployment", "switchboard").at("/spec/selector/matchLabels"));
  }

  @Test
  void theNetworkPolicyLetsInScrapesAndOutTheApiServerDnsAndDataSources() {
    var docs =
        render(
            t ->
                t.set("networkPolicy.enabled", true)
                    .set("networkPolicy.apiServer.cidrs[0]", "10.0.0.1/32"));
    JsonNode policy = named(docs, "NetworkPolicy", "switchboard");
    assertThat(texts(policy.at("/spec/policyTypes"))).containsExactly("Ingress", "Egress");
    assertThat(policy.at("/spec/ingress/0/ports/0/port").asInt()).isEqualTo(8080);
    assertThat(policy.at("/spec/egress/0/to/0/ipBlock/cidr").asText()).isEqualTo("10.0.0.1/32");
    assertThat(policy.at("/spec/egress/1/ports/0/port").asInt()).isEqualTo(53);
    assertThat(policy.at("/spec/egress/2/ports").toString()).contains("5432", "3306", "9092");
    assertThat(ofKind(render(t -> t), "NetworkPolicy")).isEmpty();
  }

  @Test
  void alertsAndTheDashboardAreThereWhenAskedFor() throws Exception {
    var docs =
        render(t -> t.set("prometheusRule.enabled", true).set("grafanaDashboard.enabled", true));
    assertThat(named(docs, "PrometheusRule", "switchboard").at("/spec/groups/0/rules").size())
        .isEqualTo(5);
    JsonNode dashboard = named(docs, "ConfigMap", "switchboard-dashboard");
    assertThat(dashboard.at("/metadata/labels/grafana_dashboard").asText()).isEqualTo("1");
    assertThat(
            new ObjectMapper()
                .readTree(dashboard.at("/data/switchboard.json").asText())
                .path("title")
                .asText())
        .isEqualTo("Switchboard");
    assertThat(ofKind(render(t -> t), "PrometheusRule")).isEmpty();
  }

  @Test
  void restartOnRotationOffTakesItsRightsAway() {
    JsonNode on = named(render(t -> t), "ClusterRole", "switchboard");
    assertThat(on.toString()).contains("\"deployments\"", "\"statefulsets\"", "\"daemonsets\"");
    var docs = render(t -> t.set("restartOnRotation.enabled", false));
    assertThat(named(docs, "ClusterRole", "switchboard").toString()).doesNotContain("deployments");
    assertThat(
            texts(
                named(docs, "Deployment", "switchboard")
                    .at("/spec/template/spec/containers/0/args")))
        .contains("--restart-on-rotation=false");
  }

  @Test
  void watchedNamespacesGetRolesAndTheClusterRoleKeepsOnlyNamespaces() {
    var docs =
        render(t -> t.set("watchNamespaces[0]", "team-a").set("watchNamespaces[1]", "team-b"));
    List<String> clusterWide = new ArrayList<>();
    named(docs, "ClusterRole", "switchboard")
        .path("rules")
        .forEach(rule -> rule.path("resources").forEach(r -> clusterWide.add(r.asText())));
    assertThat(clusterWide)
        .as("no Secret access outside the watched namespaces")
        .containsExactly("namespaces");
    for (JsonNode role :
        ofKind(docs, "Role").stream()
            .filter(r -> !r.at("/metadata/name").asText().endsWith("leader-election"))
            .toList()) {
      assertThat(role.toString()).contains("\"secrets\"", "\"workspacebindings/status\"");
    }
    assertThat(ofKind(docs, "RoleBinding"))
        .filteredOn(b -> b.at("/metadata/name").asText().equals("switchboard"))
        .extracting(
            b ->
                b.at("/metadata/namespace").asText()
                    + " -> "
                    + b.at("/subjects/0/namespace").asText()
                    + "/"
                    + b.at("/subjects/0/name").asText())
        .containsExactlyInAnyOrder(
            "team-a -> switchboard-system/switchboard", "team-b -> switchboard-system/switchboard");
  }

  @Test
  void withoutReplicasTheChartStillInstallsTheCrdsAndRbacForARunOutsideTheCluster() {
    var docs = render(t -> t.set("replicaCount", 0));
    assertThat(named(docs, "Deployment", "switchboard").at("/spec/replicas").asInt()).isZero();
    assertThat(named(docs, "ClusterRole", "switchboard")).isNotNull();
    assertThat(HelmCharts.chart().resolve("crds/connections.switchboard.dev.yaml")).exists();
  }

  @Test
  void peopleGetRightsThroughTheBuiltInRoles() {
    var docs = render(Map.of());
    assertThat(
            named(docs, "ClusterRole", "switchboard-servicebinding-reader")
                .at("/metadata/labels/servicebinding.io~1controller")
                .asText())
        .as("readable by the Service Binding runtime")
        .isEqualTo("true");
    assertThat(
            named(docs, "ClusterRole", "switchboard-connection-admin")
                .at("/metadata/labels/rbac.authorization.k8s.io~1aggregate-to-admin")
                .asText())
        .isEqualTo("true");
    JsonNode editor = named(docs, "ClusterRole", "switchboard-binding-editor");
    assertThat(editor.at("/metadata/labels/rbac.authorization.k8s.io~1aggregate-to-edit").asText())
        .isEqualTo("true");
    assertThat(texts(editor.at("/rules/1/verbs")))
        .as("editors only read Connections")
        .containsExactlyInAnyOrder("get", "list", "watch");
    JsonNode viewer = named(docs, "ClusterRole", "switchboard-viewer");
    assertThat(viewer.at("/metadata/labels/rbac.authorization.k8s.io~1aggregate-to-view").asText())
        .isEqualTo("true");
  }

  @Test
  void twoReleasesGetDistinctNamesAndOverridesApply() {
    var other = HelmCharts.render(t -> t.set("fullnameOverride", "sb-team2"));
    assertThat(named(other, "ClusterRole", "sb-team2-connection-admin")).isNotNull();
    assertThat(named(other, "Deployment", "sb-team2")).isNotNull();
    var renamed = HelmCharts.render(t -> t.set("nameOverride", "bindings"));
    assertThat(named(renamed, "ClusterRole", "switchboard-bindings-viewer")).isNotNull();
  }

  @Test
  void extraArgsAndEnvironmentReachTheContainer() {
    JsonNode container =
        named(
                render(
                    t ->
                        t.set("extraArgs[0]", "--test-concurrency=20")
                            .set("extraEnv[0].name", "HTTPS_PROXY")
                            .set("extraEnv[0].value", "http://proxy:3128")),
                "Deployment",
                "switchboard")
            .at("/spec/template/spec/containers/0");
    assertThat(texts(container.at("/args"))).contains("--test-concurrency=20");
    assertThat(container.at("/env").findValuesAsText("name")).contains("HTTPS_PROXY");
  }

  @Test
  void severalReplicasNeedLeaderElection() {
    assertThatThrownBy(
            () -> render(t -> t.set("replicaCount", 2).set("leaderElection.enabled", false)))
        .hasMessageContaining("values don't meet the specifications");
    assertThat(
            named(render(t -> t.set("replicaCount", 2)), "Deployment", "switchboard")
                .at("/spec/replicas")
                .asInt())
        .isEqualTo(2);
  }

  @Test
  void noRuleUsesAWildcard() {
    for (JsonNode role :
        concat(ofKind(render(Map.of()), "ClusterRole"), ofKind(render(Map.of()), "Role"))) {
      for (JsonNode rule : role.path("rules")) {
        for (String field : List.of("apiGroups", "resources", "verbs")) {
          assertThat(texts(rule.path(field)))
              .as(role.at("/metadata/name").asText())
              .doesNotContain("*");
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
    "replicaCount, -1",
    "operator.logFormat, xml",
    "operator.testConcurrency, 0",
    "operator.defaultTestInterval, soon",
    "image.pullPolicy, Sometimes",
    "watchNamespaces[0], Not_A_Namespace",
    "unknownSetting, true"
  })
  void theValuesSchemaRejectsBadValues(String key, String value) {
    Object typed =
        value.matches("-?\\d+")
            ? Integer.valueOf(value)
            : value.equals("true") ? Boolean.TRUE : value;
    assertThatThrownBy(() -> render(t -> t.set(key, typed)))
        .hasMessageContaining("values don't meet the specifications");
  }

  private static List<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  private static List<JsonNode> concat(List<JsonNode> a, List<JsonNode> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }
}
