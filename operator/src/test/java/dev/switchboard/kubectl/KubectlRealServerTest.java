package dev.switchboard.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.apiserver.Kubectl;
import dev.switchboard.testing.CrdSchemas;
import dev.switchboard.testing.Crds;
import dev.switchboard.testing.OperatorMockServerTest;
import dev.switchboard.testing.RealServerTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's quickstart driven with the real kubectl binary, as a platform engineer would. */
@RealServerTest
class KubectlRealServerTest extends OperatorMockServerTest {
  @TempDir Path dir;
  private Kubectl kubectl;

  @BeforeEach
  void kubeconfig() {
    kubectl = new Kubectl(cluster.writeKubeconfig(dir.resolve("kubeconfig")));
  }

  @Test
  void quickstartWithKubectl() {
    String quickstart = Crds.projectRoot().resolve("examples/quickstart.yaml").toString();
    var applied = kubectl.run("apply", "-f", quickstart).orFail();
    assertThat(applied.out())
        .contains(
            "connection.switchboard.dev/orders-db created",
            "workspacebinding.switchboard.dev/orders-db created");

    kubectl
        .run("wait", "--for=condition=Ready", "wb/orders-db", "-n", "team-a", "--timeout=30s")
        .orFail();
    String password =
        kubectl
            .run("get", "secret", "orders-db", "-n", "team-a", "-o", "jsonpath={.data.password}")
            .orFail()
            .out();
    assertThat(new String(Base64.getDecoder().decode(password), StandardCharsets.UTF_8))
        .isEqualTo("change-me");

    // Outside a cluster the Service's name does not resolve: the README's step for an operator run
    // outside it.
    eventually()
        .until(
            () ->
                kubectl
                    .run(
                        "get",
                        "conn",
                        "orders-db",
                        "-n",
                        "platform",
                        "-o",
                        "jsonpath={.status.lastTest.reason}")
                    .out()
                    .equals("DNSResolutionFailed"));
    kubectl
        .run(
            "patch",
            "conn",
            "orders-db",
            "-n",
            "platform",
            "--type=merge",
            "-p",
            "{\"spec\":{\"host\":\"127.0.0.1\"}}")
        .orFail();
    kubectl
        .run("wait", "--for=condition=Ready", "conn/orders-db", "-n", "platform", "--timeout=30s")
        .orFail();
    kubectl
        .run(
            "annotate",
            "conn",
            "orders-db",
            "-n",
            "platform",
            "switchboard.dev/test-requested=now",
            "--overwrite")
        .orFail();
    eventually()
        .until(
            () ->
                kubectl
                    .run(
                        "get",
                        "conn",
                        "orders-db",
                        "-n",
                        "platform",
                        "-o",
                        "jsonpath={.status.lastTest.request}")
                    .out()
                    .equals("now"));

    // The CRDs' printer columns, served in the Table form kubectl asks for.
    var listed = kubectl.run("get", "conn,wb", "-A").orFail().out().lines().toList();
    assertThat(listed.get(0).split("\\s+"))
        .containsExactly(
            "NAMESPACE", "NAME", "TYPE", "READY", "REASON", "BINDINGS", "LAST", "TESTED", "AGE");
    assertThat(listed.get(1).split("\\s+"))
        .startsWith(
            "platform", "connection.switchboard.dev/orders-db", "postgresql", "True", "Ready", "1");
    assertThat(listed)
        .anySatisfy(
            line ->
                assertThat(line.split("\\s+"))
                    .startsWith(
                        "team-a",
                        "workspacebinding.switchboard.dev/orders-db",
                        "orders-db",
                        "platform",
                        "orders-db",
                        "True",
                        "Ready"));

    kubectl.run("delete", "wb", "orders-db", "-n", "team-a").orFail();
    eventually()
        .until(() -> kubectl.run("get", "secret", "orders-db", "-n", "team-a").exitCode() != 0);
    assertThat(kubectl.run("get", "secret", "orders-db", "-n", "team-a").err())
        .contains("NotFound");
  }

  @Test
  void installYamlAppliesWithKubectl() {
    var applied =
        kubectl.run("apply", "-f", Crds.projectRoot().resolve("install.yaml").toString()).orFail();
    assertThat(applied.out())
        .contains(
            "deployment.apps/switchboard created",
            "customresourcedefinition.apiextensions.k8s.io/connections.switchboard.dev");
    assertThat(
            kubectl
                .run(
                    "get",
                    "deployment",
                    "switchboard",
                    "-n",
                    "switchboard-system",
                    "-o",
                    "jsonpath={.spec.template.spec.containers[0].image}")
                .orFail()
                .out())
        .isEqualTo(
            System.getProperty("switchboard.imageRepository")
                + ":"
                + System.getProperty("switchboard.version"));
  }

  @Test
  void explainDescribesTheCustomResources() {
    assertThat(kubectl.run("explain", "connection.spec.type").orFail().out())
        .contains("The kind of data source; selects the plugin that binds and tests it.");
    assertThat(kubectl.run("explain", "workspacebinding.status.conditions.reason").orFail().out())
        .contains("One CamelCase word saying why");
  }

  @Test
  void theExamplesFolderAppliesAsASetAndEveryConnectionFindsItsCredentials() {
    String examples = Crds.projectRoot().resolve("examples").toString();
    kubectl.run("apply", "-R", "-f", examples).orFail();
    long declared =
        CrdSchemas.yamlDocumentsUnder(Path.of(examples)).stream()
            .filter(d -> "Connection".equals(d.path("kind").asText()))
            .count();
    var names = kubectl.run("get", "conn", "-A", "-o", "name").orFail().out().lines().toList();
    assertThat(names).as("no example replaces another's Connection").hasSize((int) declared);
    // Every Secret a Connection references came with the examples.
    eventually()
        .untilAsserted(
            () ->
                assertThat(
                        kubectl
                            .run(
                                "get",
                                "conn",
                                "-A",
                                "-o",
                                "jsonpath={range .items[*]}{.metadata.name}={.status.conditions[?(@.type==\"CredentialsResolved\")].status}"
                                    + "{\"\\n\"}{end}")
                            .orFail()
                            .out()
                            .lines()
                            .toList())
                    .hasSize((int) declared)
                    .allSatisfy(line -> assertThat(line).endsWith("=True")));
  }
}
