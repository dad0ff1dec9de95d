package dev.switchboard.helm;

import static dev.switchboard.testing.Fixtures.binding;
import static dev.switchboard.testing.Fixtures.credentials;
import static dev.switchboard.testing.Fixtures.namespace;
import static dev.switchboard.testing.Fixtures.postgres;
import static dev.switchboard.testing.Fixtures.serviceAccount;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.OperatorSettings;
import dev.switchboard.api.v1alpha1.Connection;
import dev.switchboard.api.v1alpha1.ConnectionProvisioning;
import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.apiserver.Profile;
import dev.switchboard.testing.ApiAudit;
import dev.switchboard.testing.ApiServerTest;
import dev.switchboard.testing.HelmCharts;
import dev.switchboard.testing.OperatorMockServerTest;
import dev.switchboard.testing.Ready;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The chart grants exactly what the operator uses. Every request the operator made in this test run
 * (all test classes before this one, plus a scenario here that touches every code path) must be
 * allowed by the rendered ClusterRole and leader-election Role, and every permission they grant
 * must have been used.
 */
@Order(Integer.MAX_VALUE)
@ApiServerTest
class RbacCoverageMockServerTest extends OperatorMockServerTest {
  /** Allowed to every authenticated user by Kubernetes' own system:basic-user role. */
  private static final Set<String> PUBLIC =
      Set.of("create authorization.k8s.io/selfsubjectrulesreviews");

  /**
   * The SDK refuses to start unless a SelfSubjectRulesReview shows it; the lease lock itself only
   * patches.
   */
  private static final Set<String> REQUIRED_BY_STARTUP_CHECK =
      Set.of("update coordination.k8s.io/leases");

  /** OpenShift's rules: they also ask for the permissions owner references need. */
  @Override
  protected Profile profile() {
    return Profile.OPENSHIFT;
  }

  @Override
  protected boolean startsOperator() {
    return false;
  }

  @Test
  void everyRequestIsAllowedAndEveryGrantIsUsed() {
    exerciseEveryPath();
    operator.stop();
    drainRequests();

    Set<String> used =
        ApiAudit.calls().stream()
            .map(RbacCoverageMockServerTest::permission)
            .filter(p -> p != null && !PUBLIC.contains(p))
            .collect(Collectors.toCollection(TreeSet::new));
    // Admission's own authorization checks (owner references) count as use too.
    cluster.operatorPermissionsUsed().stream().filter(p -> !PUBLIC.contains(p)).forEach(used::add);
    Set<String> granted = granted();

    assertThat(granted).as("granted by the chart").containsAll(used);
    assertThat(used)
        .as("used by the operator")
        .containsAll(
            granted.stream()
                .filter(p -> !getImpliedByList(p, used) && !REQUIRED_BY_STARTUP_CHECK.contains(p))
                .toList());
  }

  /**
   * A scenario with a leader-elected operator that creates, updates, revokes and cleans up
   * everything.
   */
  private void exerciseEveryPath() {
    operator =
        newOperator(
            settings()
                .withLeaderElection(
                    new OperatorSettings.LeaderElection(
                        "switchboard-operator",
                        "switchboard-system",
                        "rbac-test",
                        Duration.ofSeconds(2))),
            reconciles);
    operator.start();

    create(namespace("platform"));
    create(namespace("team-a"));
    create(credentials("platform", "pg", "username", "postgres", "password", "one"));
    create(postgres("platform", "orders-db", "pg", "team-a"));
    create(binding("team-a", "orders-db", "platform", "orders-db", serviceAccount("app")));
    eventually()
        .until(() -> client.secrets().inNamespace("team-a").withName("orders-db").get() != null);

    // Restart on rotation: one workload of each kind reads the bound Secret and is rolled when it
    // changes.
    PodTemplateSpec reader =
        new PodTemplateSpecBuilder()
            .withNewMetadata()
            .addToLabels("app", "reader")
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("app")
            .withImage("busybox:1.36")
            .endContainer()
            .addNewVolume()
            .withName("b")
            .withNewSecret()
            .withSecretName("orders-db")
            .endSecret()
            .endVolume()
            .endSpec()
            .build();
    Map<String, String> optIn = Map.of("switchboard.dev/restart-on-rotation", "true");
    create(
        new DeploymentBuilder()
            .withNewMetadata()
            .withName("d")
            .withNamespace("team-a")
            .withLabels(optIn)
            .endMetadata()
            .withNewSpec()
            .withNewSelector()
            .addToMatchLabels("app", "reader")
            .endSelector()
            .withTemplate(reader)
            .endSpec()
            .build());
    create(
        new StatefulSetBuilder()
            .withNewMetadata()
            .withName("s")
            .withNamespace("team-a")
            .withLabels(optIn)
            .endMetadata()
            .withNewSpec()
            .withNewSelector()
            .addToMatchLabels("app", "reader")
            .endSelector()
            .withTemplate(reader)
            .endSpec()
            .build());
    create(
        new DaemonSetBuilder()
            .withNewMetadata()
            .withName("d")
            .withNamespace("team-a")
            .withLabels(optIn)
            .endMetadata()
            .withNewSpec()
            .withNewSelector()
            .addToMatchLabels("app", "reader")
            .endSelector()
            .withTemplate(reader)
            .endSpec()
            .build());
    edit(
        Secret.class,
        "platform",
        "pg",
        s -> {
          s.getData().put("password", "dHdv");
          return s;
        });
    eventually()
        .until(
            () ->
                fetchBinding("team-a", "orders-db").getStatus().getRollouts() != null
                    && fetchBinding("team-a", "orders-db").getStatus().getRollouts().size() == 3);
    edit(
        WorkspaceBinding.class,
        "team-a",
        "orders-db",
        b -> {
          b.getSpec().setSecretName("orders-db-renamed");
          b.getSpec().setSubjects(List.of(serviceAccount("other")));
          return b;
        });
    eventually()
        .until(
            () ->
                client.secrets().inNamespace("team-a").withName("orders-db").get() == null
                    && client.secrets().inNamespace("team-a").withName("orders-db-renamed").get()
                        != null);

    // Per-binding credentials (the machine's PostgreSQL, whose postgres user may create roles): the
    // user-cleanup finalizer is added before the user is created and removed once it is dropped.
    var perBinding = postgres("platform", "per-binding", "pg", "team-a");
    var provisioning = new ConnectionProvisioning();
    provisioning.setMode(ConnectionProvisioning.PER_BINDING);
    perBinding.getSpec().setProvisioning(provisioning);
    create(perBinding);
    create(binding("team-a", "own-user", "platform", "per-binding"));
    eventually()
        .until(() -> client.secrets().inNamespace("team-a").withName("own-user").get() != null);
    client.resources(WorkspaceBinding.class).inNamespace("team-a").withName("own-user").delete();
    eventually().until(() -> fetchBinding("team-a", "own-user") == null);

    // Deletion waits while the binding uses the Connection, then withdrawing access revokes the
    // binding and lets the deletion complete.
    client.resources(Connection.class).inNamespace("platform").withName("orders-db").delete();
    eventually().until(() -> "InUse".equals(readyReason()));
    edit(
        Connection.class,
        "platform",
        "orders-db",
        c -> {
          c.getSpec().getAccess().setNamespaces(List.of());
          return c;
        });
    eventually()
        .until(
            () ->
                client.rbac().roles().inNamespace("team-a").list().getItems().isEmpty()
                    && fetchConnection("platform", "orders-db") == null);
  }

  private String readyReason() {
    return Ready.reason(fetchConnection("platform", "orders-db"));
  }

  /**
   * The SDK reads an object with get only to retry a finalizer write that met a conflict, which a
   * single scenario cannot force; get shows nothing that list, also granted and used, does not.
   */
  private static boolean getImpliedByList(String permission, Set<String> used) {
    return permission.startsWith("get ") && used.contains("list " + permission.substring(4));
  }

  private static Set<String> granted() {
    var docs = HelmCharts.render(Map.of());
    Set<String> out = new TreeSet<>();
    for (JsonNode role :
        List.of(
            HelmCharts.named(docs, "ClusterRole", "switchboard"),
            HelmCharts.named(docs, "Role", "switchboard-leader-election"))) {
      for (JsonNode rule : role.path("rules")) {
        for (JsonNode group : rule.path("apiGroups")) {
          for (JsonNode resource : rule.path("resources")) {
            for (JsonNode verb : rule.path("verbs")) {
              out.add(
                  verb.asText()
                      + " "
                      + (group.asText().isEmpty() ? "" : group.asText() + "/")
                      + resource.asText());
            }
          }
        }
      }
    }
    return out;
  }

  /**
   * "verb group/resource[/subresource]" of an API request, as RBAC sees it; null for non-resource
   * paths.
   */
  static String permission(ApiAudit.Call call) {
    String[] p = call.uri().getPath().replaceAll("^/+", "").split("/");
    int i;
    String group;
    if (p.length >= 3 && p[0].equals("api")) {
      group = "";
      i = 2;
    } else if (p.length >= 4 && p[0].equals("apis")) {
      group = p[1];
      i = 3;
    } else {
      return null;
    }
    if (p.length > i + 1 && p[i].equals("namespaces") && p.length > i + 2) {
      i += 2;
    }
    String resource = p[i];
    boolean named = p.length > i + 1;
    String sub = p.length > i + 2 ? "/" + p[i + 2] : "";
    String query = call.uri().getQuery() == null ? "" : call.uri().getQuery();
    String verb =
        switch (call.method()) {
          case "GET" -> named ? "get" : query.contains("watch=true") ? "watch" : "list";
          case "POST" -> "create";
          case "PUT" -> "update";
          case "PATCH" -> "patch";
          case "DELETE" -> named ? "delete" : "deletecollection";
          default -> call.method().toLowerCase();
        };
    return verb + " " + (group.isEmpty() ? "" : group + "/") + resource + sub;
  }
}
