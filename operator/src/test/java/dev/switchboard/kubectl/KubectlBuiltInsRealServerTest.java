package dev.switchboard.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.apiserver.Kubectl;
import dev.switchboard.testing.OperatorMockServerTest;
import dev.switchboard.testing.RealServerTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user types besides Switchboard's own kinds, with the real kubectl, answered as a cluster
 * answers it: protobuf bodies, server-side dry runs, short names, Events.
 */
@RealServerTest
class KubectlBuiltInsRealServerTest extends OperatorMockServerTest {
  @TempDir Path dir;
  private Kubectl kubectl;

  @BeforeEach
  void kubeconfig() {
    kubectl = new Kubectl(cluster.writeKubeconfig(dir.resolve("kubeconfig")));
  }

  @Test
  void createsBuiltInKindsThatKubectlSendsAsProtobuf() {
    kubectl.run("create", "namespace", "platform").orFail();
    kubectl
        .run(
            "create",
            "secret",
            "generic",
            "pg",
            "-n",
            "platform",
            "--from-literal=username=postgres",
            "--from-literal=password=x")
        .orFail();
    kubectl.run("create", "serviceaccount", "orders-api", "-n", "platform").orFail();
    kubectl.run("create", "configmap", "settings", "-n", "platform", "--from-literal=a=b").orFail();

    assertThat(
            kubectl
                .run("get", "secret", "pg", "-n", "platform", "-o", "jsonpath={.data.username}")
                .orFail()
                .out())
        .isEqualTo("cG9zdGdyZXM=");
    assertThat(kubectl.run("get", "sa", "orders-api", "-n", "platform").orFail().out())
        .contains("orders-api");
    assertThat(kubectl.run("auth", "can-i", "create", "secrets", "-n", "platform").out().strip())
        .isEqualTo("yes");
  }

  @Test
  void aServerSideDryRunPersistsNothing() throws Exception {
    kubectl.run("create", "namespace", "platform").orFail();
    kubectl.run("create", "serviceaccount", "orders-api", "-n", "platform").orFail();

    var deleted =
        kubectl.run("delete", "sa", "orders-api", "-n", "platform", "--dry-run=server").orFail();
    assertThat(deleted.out()).contains("deleted (server dry run)");
    assertThat(kubectl.run("get", "sa", "orders-api", "-n", "platform").exitCode()).isZero();

    Path map =
        Files.writeString(
            dir.resolve("cm.yaml"),
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: platform}\n"
                + "data: {a: b}\n");
    var applied = kubectl.run("apply", "-f", map.toString(), "--dry-run=server").orFail();
    assertThat(applied.out()).contains("created (server dry run)");
    assertThat(kubectl.run("get", "configmap", "settings", "-n", "platform").exitCode())
        .isNotZero();

    kubectl
        .run("create", "configmap", "other", "-n", "platform", "--dry-run=server", "-o", "name")
        .orFail();
    assertThat(kubectl.run("get", "configmap", "other", "-n", "platform").exitCode()).isNotZero();

    // Validation still runs: a dry run of something invalid is refused as the real write would be.
    var invalid =
        kubectl.run("create", "configmap", "Not_A_Name", "-n", "platform", "--dry-run=server");
    assertThat(invalid.exitCode()).isNotZero();
    assertThat(invalid.err()).contains("Invalid value");
  }

  @Test
  void builtInShortNamesWork() {
    kubectl.run("create", "namespace", "platform").orFail();
    for (String name : new String[] {"deploy", "sts", "ds", "cm", "sa", "ns", "ev"}) {
      assertThat(kubectl.run("get", name, "-A").exitCode()).as(name).isZero();
    }
  }

  @Test
  void eventsAreListedWithTheirColumnsAndShownByDescribe() {
    sharedOrdersDb();
    kubectl.run("create", "serviceaccount", "orders-api", "-n", "team-a").orFail();
    // A binding whose Secret name is taken: a Warning Event on the binding.
    kubectl.run("create", "secret", "generic", "orders-db", "-n", "team-a").orFail();
    kubectl
        .run(
            "create",
            "-f",
            write(
                "wb.yaml",
                "apiVersion: switchboard.dev/v1alpha1\nkind: WorkspaceBinding\n"
                    + "metadata: {name: orders-db, namespace: team-a}\n"
                    + "spec: {connectionRef: {name: orders-db, namespace: platform}}\n"))
        .orFail();
    var waited =
        kubectl.run(
            "wait",
            "--for=jsonpath={.status.conditions[?(@.type==\"Ready\")].reason}=SecretConflict",
            "wb/orders-db",
            "-n",
            "team-a",
            "--timeout=30s");
    assertThat(waited.exitCode()).as(waited.err()).isZero();

    eventually()
        .untilAsserted(
            () -> {
              var events = kubectl.run("get", "events", "-n", "team-a").orFail().out();
              assertThat(events.lines().findFirst().orElse("").split("\\s+"))
                  .containsExactly("LAST", "SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE");
              assertThat(events)
                  .contains("Warning", "SecretConflict", "workspacebinding/orders-db");
            });
    var described = kubectl.run("describe", "wb", "orders-db", "-n", "team-a").orFail().out();
    assertThat(described).doesNotContainPattern("Events:\\s+<none>");
    assertThat(described.substring(described.indexOf("Events:")))
        .contains("Warning", "SecretConflict", "already exists");
  }

  @Test
  void waitAndDeleteWatchAsOnACluster() {
    sharedOrdersDb();
    var waited =
        kubectl.run(
            "wait",
            "--for=condition=Ready",
            "connection/orders-db",
            "-n",
            "platform",
            "--timeout=30s");
    assertThat(waited.exitCode()).as(waited.err()).isZero();
    assertThat(waited.err()).isEmpty();
    assertThat(waited.out()).contains("condition met");

    kubectl.run("create", "serviceaccount", "orders-api", "-n", "team-a").orFail();
    var deleted = kubectl.run("delete", "sa", "orders-api", "-n", "team-a").orFail();
    assertThat(deleted.err()).isEmpty();
    // kubectl delete waits for the object to go, watching it.
    var connectionDeleted =
        kubectl.run("delete", "connection", "orders-db", "-n", "platform", "--timeout=30s");
    assertThat(connectionDeleted.exitCode()).as(connectionDeleted.err()).isZero();
    assertThat(connectionDeleted.err()).isEmpty();
    assertThat(connectionDeleted.out()).contains("deleted");
  }

  @Test
  void asImpersonatesWhomRbacAllows() {
    sharedOrdersDb();
    kubectl
        .run(
            "create",
            "-f",
            write(
                "wb.yaml",
                "apiVersion: switchboard.dev/v1alpha1\nkind: WorkspaceBinding\n"
                    + "metadata: {name: orders-db, namespace: team-a}\n"
                    + "spec: {connectionRef: {name: orders-db, namespace: platform},"
                    + " subjects: [{kind: ServiceAccount, name: orders-api}]}\n"))
        .orFail();
    kubectl
        .run("wait", "--for=condition=Ready", "wb/orders-db", "-n", "team-a", "--timeout=30s")
        .orFail();

    String subject = "--as=system:serviceaccount:team-a:orders-api";
    assertThat(kubectl.run("get", "secret", "orders-db", "-n", "team-a", subject).orFail().out())
        .contains("orders-db");
    var other =
        kubectl.run(
            "get", "secret", "orders-db", "-n", "team-a", "--as=system:serviceaccount:team-a:x");
    assertThat(other.exitCode()).isNotZero();
    assertThat(other.err())
        .contains(
            "User \"system:serviceaccount:team-a:x\" cannot get resource \"secrets\" in API group"
                + " \"\" in the namespace \"team-a\"");
    assertThat(kubectl.run("auth", "can-i", "list", "secrets", "-n", "team-a", subject).out())
        .startsWith("no");

    // Impersonating takes the impersonate verb, which only the administrator holds here.
    Path alice = dir.resolve("alice");
    var asAlice = new Kubectl(cluster.writeKubeconfigFor("alice", alice));
    var refused = asAlice.run("get", "secret", "orders-db", "-n", "team-a", subject);
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.err())
        .contains(
            "User \"alice\" cannot impersonate resource \"serviceaccounts\" in API group \"\""
                + " in the namespace \"team-a\"");
  }

  private String write(String name, String text) {
    try {
      return Files.writeString(dir.resolve(name), text).toString();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
