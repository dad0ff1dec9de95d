package dev.switchboard.rollout;

import static dev.switchboard.testing.Fixtures.binding;
import static dev.switchboard.testing.Fixtures.credentials;
import static dev.switchboard.testing.Fixtures.namespace;
import static dev.switchboard.testing.Fixtures.postgres;
import static dev.switchboard.testing.Fixtures.serviceAccount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.OperatorSettings;
import dev.switchboard.api.v1alpha1.WorkloadRollout;
import dev.switchboard.testing.ApiAudit;
import dev.switchboard.testing.ApiServerTest;
import dev.switchboard.testing.OperatorMockServerTest;
import dev.switchboard.testing.Ready;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * Workloads that opted in are rolled when the bound Secret they read changes; nothing else is ever
 * touched.
 */
@ApiServerTest
class RestartOnRotationMockServerTest extends OperatorMockServerTest {
  private static final String NS = "team-a";
  private static final String SECRET = "orders-db";
  private static final Map<String, String> OPT_IN = Map.of(Workload.OPT_IN_LABEL, "true");

  private Duration debounce = Duration.ofMillis(300);

  @Override
  protected OperatorSettings settings() {
    return super.settings().withRestartDebounce(Optional.ofNullable(debounce));
  }

  @Test
  void aRotationRollsTheOptedInReadersOfEachMountStyleAndNothingElse() {
    bound();
    create(
        deployment(
            "by-volume",
            OPT_IN,
            template(
                t ->
                    t.addNewVolume()
                        .withName("b")
                        .withNewSecret()
                        .withSecretName(SECRET)
                        .endSecret()
                        .endVolume())));
    create(
        deployment(
            "by-projection",
            OPT_IN,
            template(
                t ->
                    t.addNewVolume()
                        .withName("b")
                        .withNewProjected()
                        .addNewSource()
                        .withNewSecret()
                        .withName(SECRET)
                        .endSecret()
                        .endSource()
                        .endProjected()
                        .endVolume())));
    create(
        deployment(
            "by-env",
            OPT_IN,
            template(
                t ->
                    t.editFirstContainer()
                        .addNewEnv()
                        .withName("PASSWORD")
                        .withNewValueFrom()
                        .withNewSecretKeyRef()
                        .withName(SECRET)
                        .withKey("password")
                        .endSecretKeyRef()
                        .endValueFrom()
                        .endEnv()
                        .endContainer())));
    create(
        deployment(
            "by-env-from",
            OPT_IN,
            template(
                t ->
                    t.editFirstContainer()
                        .addNewEnvFrom()
                        .withNewSecretRef()
                        .withName(SECRET)
                        .endSecretRef()
                        .endEnvFrom()
                        .endContainer())));
    create(
        new StatefulSetBuilder()
            .withNewMetadata()
            .withName("stateful")
            .withNamespace(NS)
            .withLabels(OPT_IN)
            .endMetadata()
            .withNewSpec()
            .withNewSelector()
            .addToMatchLabels("app", "reader")
            .endSelector()
            .withTemplate(volumeTemplate(SECRET))
            .endSpec()
            .build());
    create(
        new DaemonSetBuilder()
            .withNewMetadata()
            .withName("daemon")
            .withNamespace(NS)
            .withLabels(OPT_IN)
            .endMetadata()
            .withNewSpec()
            .withNewSelector()
            .addToMatchLabels("app", "reader")
            .endSelector()
            .withTemplate(volumeTemplate(SECRET))
            .endSpec()
            .build());
    create(deployment("not-opted-in", Map.of(), volumeTemplate(SECRET)));
    create(deployment("reads-another-secret", OPT_IN, volumeTemplate("something-else")));

    String rotated = rotate("two");

    List<String> rolled = List.of("by-volume", "by-projection", "by-env", "by-env-from");
    eventually()
        .untilAsserted(
            () -> {
              for (String name : rolled) {
                assertThat(restartedFor(deploymentTemplate(name))).as(name).isEqualTo(rotated);
              }
              assertThat(
                      restartedFor(
                          client
                              .apps()
                              .statefulSets()
                              .inNamespace(NS)
                              .withName("stateful")
                              .get()
                              .getSpec()
                              .getTemplate()))
                  .isEqualTo(rotated);
              assertThat(
                      restartedFor(
                          client
                              .apps()
                              .daemonSets()
                              .inNamespace(NS)
                              .withName("daemon")
                              .get()
                              .getSpec()
                              .getTemplate()))
                  .isEqualTo(rotated);
            });
    assertThat(operator.pendingRolls()).isZero();
    assertThat(restartedFor(deploymentTemplate("not-opted-in"))).isNull();
    assertThat(restartedFor(deploymentTemplate("reads-another-secret"))).isNull();
    // Only the annotation changed: the container and its settings are as they were.
    assertThat(deploymentTemplate("by-env").getSpec().getContainers().get(0).getEnv()).hasSize(1);

    eventually()
        .untilAsserted(
            () ->
                assertThat(fetchBinding(NS, SECRET).getStatus().getRollouts())
                    .extracting(WorkloadRollout::getKind, WorkloadRollout::getName)
                    .containsExactlyInAnyOrder(
                        Tuple.tuple("Deployment", "by-volume"),
                        Tuple.tuple("Deployment", "by-projection"),
                        Tuple.tuple("Deployment", "by-env"),
                        Tuple.tuple("Deployment", "by-env-from"),
                        Tuple.tuple("StatefulSet", "stateful"),
                        Tuple.tuple("DaemonSet", "daemon")));
    eventually()
        .untilAsserted(
            () ->
                assertThat(client.v1().events().inNamespace(NS).list().getItems())
                    .anySatisfy(
                        e -> {
                          assertThat(e.getInvolvedObject().getName()).isEqualTo("by-volume");
                          assertThat(e.getReason()).isEqualTo(WorkloadRestarter.ROLLED_REASON);
                        }));
  }

  @Test
  void theFirstBindRollsNothingAndRotationsWithinTheWindowRollOnceWithTheLastData() {
    debounce = Duration.ofSeconds(2);
    restartOperatorWithSettings();
    create(namespace(NS));
    create(deployment("app", OPT_IN, volumeTemplate(SECRET)));
    bound();
    long generation =
        client
            .apps()
            .deployments()
            .inNamespace(NS)
            .withName("app")
            .get()
            .getMetadata()
            .getGeneration();
    assertThat(restartedFor(deploymentTemplate("app"))).as("the first bind rolls nothing").isNull();

    rotate("two");
    rotate("three");
    String last = rotate("four");

    eventually().until(() -> last.equals(restartedFor(deploymentTemplate("app"))));
    assertThat(
            client
                .apps()
                .deployments()
                .inNamespace(NS)
                .withName("app")
                .get()
                .getMetadata()
                .getGeneration())
        .as("rolled once")
        .isEqualTo(generation + 1);
  }

  @Test
  void aWorkloadCreatedAfterAChangeIsNotRolledForIt() {
    debounce = Duration.ofSeconds(2);
    restartOperatorWithSettings();
    bound();
    create(deployment("existing", OPT_IN, volumeTemplate(SECRET)));
    String rotated = rotate("two");
    // Within the roll's window, after the change: its Pods start with the new data.
    create(deployment("created-after", OPT_IN, volumeTemplate(SECRET)));

    eventually()
        .untilAsserted(
            () ->
                assertThat(fetchBinding(NS, SECRET).getStatus().getRollouts())
                    .extracting(WorkloadRollout::getName)
                    .containsExactly("existing"));
    assertThat(restartedFor(deploymentTemplate("existing"))).isEqualTo(rotated);
    assertThat(restartedFor(deploymentTemplate("created-after"))).isNull();
  }

  @Test
  void anOperatorRestartAfterConvergenceWritesNothingToWorkloads() {
    bound();
    create(deployment("app", OPT_IN, volumeTemplate(SECRET)));
    String rotated = rotate("two");
    eventually()
        .until(
            () ->
                rotated.equals(restartedFor(deploymentTemplate("app")))
                    && fetchBinding(NS, SECRET).getStatus().getRollouts() != null);

    drainRequests();
    restartOperator();
    eventually().until(() -> reconciles.finished(fetchBinding(NS, SECRET)) > 0);
    // Reconciled after the restart: a workload found behind its data would now have a roll pending.
    assertThat(operator.pendingRolls()).isZero();
    assertThat(workloadWrites(drainRequests())).isEmpty();
    assertThat(restartedFor(deploymentTemplate("app"))).isEqualTo(rotated);
  }

  @Test
  void aWorkloadDeletedWhileARollIsPendingIsNoError() {
    debounce = Duration.ofSeconds(1);
    restartOperatorWithSettings();
    bound();
    create(deployment("goes-away", OPT_IN, volumeTemplate(SECRET)));
    create(deployment("stays", OPT_IN, volumeTemplate(SECRET)));
    String rotated = rotate("two");
    client.apps().deployments().inNamespace(NS).withName("goes-away").delete();

    eventually().until(() -> rotated.equals(restartedFor(deploymentTemplate("stays"))));
    // The roll wakes the binding, whose next status lists it.
    eventually()
        .untilAsserted(
            () ->
                assertThat(fetchBinding(NS, SECRET).getStatus().getRollouts())
                    .extracting(WorkloadRollout::getName)
                    .containsExactly("stays"));
    assertThat(Ready.isTrue(fetchBinding(NS, SECRET).getStatus().getConditions())).isTrue();
  }

  @Test
  void turnedOffItWatchesNoWorkloadAndRollsNothing() {
    debounce = null;
    restartOperatorWithSettings();
    bound();
    create(deployment("app", OPT_IN, volumeTemplate(SECRET)));
    String rotated = rotate("two");
    assertThat(operator.pendingRolls()).isZero();
    assertThat(restartedFor(deploymentTemplate("app"))).isNull();
    assertThat(drainRequests())
        .as("no workload is watched or written")
        .noneMatch(
            r ->
                r.getPath().startsWith("/apis/apps/")
                    && String.valueOf(r.getHeader("User-Agent"))
                        .startsWith(ApiAudit.OPERATOR_USER_AGENT));
  }

  /** The operator of this test's settings in place of the one started with the defaults. */
  private void restartOperatorWithSettings() {
    operator.stop();
    startNewOperator();
    drainRequests();
  }

  private void bound() {
    create(namespace("platform"));
    if (client.namespaces().withName(NS).get() == null) {
      create(namespace(NS));
    }
    create(credentials("platform", "pg", "username", "postgres", "password", "one"));
    create(postgres("platform", "orders-db", "pg", NS));
    create(binding(NS, SECRET, "platform", "orders-db", serviceAccount("app")));
    eventually()
        .until(
            () ->
                fetchBinding(NS, SECRET) != null
                    && fetchBinding(NS, SECRET).getStatus() != null
                    && Ready.isTrue(fetchBinding(NS, SECRET).getStatus().getConditions()));
  }

  /**
   * Changes the credential Secret's password; returns the bound data's hash once the binding holds
   * it.
   */
  private String rotate(String password) {
    String before = fetchBinding(NS, SECRET).getStatus().getDataHash();
    edit(
        Secret.class,
        "platform",
        "pg",
        s -> {
          s.getData().put("password", Base64.getEncoder().encodeToString(password.getBytes()));
          return s;
        });
    return eventually()
        .until(
            () -> fetchBinding(NS, SECRET).getStatus().getDataHash(),
            h -> h != null && !h.equals(before));
  }

  private static HasMetadata deployment(
      String name, Map<String, String> labels, PodTemplateSpec template) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withNewSelector()
        .addToMatchLabels("app", "reader")
        .endSelector()
        .withTemplate(template)
        .endSpec()
        .build();
  }

  private static PodTemplateSpec volumeTemplate(String secretName) {
    return template(
        t ->
            t.addNewVolume()
                .withName("b")
                .withNewSecret()
                .withSecretName(secretName)
                .endSecret()
                .endVolume());
  }

  /** A Pod template with one container, as the given change leaves it. */
  private static PodTemplateSpec template(UnaryOperator<PodSpecBuilder> change) {
    PodSpecBuilder spec =
        new PodSpecBuilder()
            .addNewContainer()
            .withName("app")
            .withImage("busybox:1.36")
            .endContainer();
    return new PodTemplateSpecBuilder()
        .withNewMetadata()
        .addToLabels("app", "reader")
        .endMetadata()
        .withSpec(change.apply(spec).build())
        .build();
  }

  /** The operator's writes to workloads among the requests the server received. */
  private static List<String> workloadWrites(List<RecordedRequest> requests) {
    return requests.stream()
        .filter(r -> r.getPath().startsWith("/apis/apps/") && !"GET".equals(r.getMethod()))
        .filter(
            r -> String.valueOf(r.getHeader("User-Agent")).startsWith(ApiAudit.OPERATOR_USER_AGENT))
        .map(r -> r.getMethod() + " " + r.getPath())
        .toList();
  }

  private PodTemplateSpec deploymentTemplate(String name) {
    return client.apps().deployments().inNamespace(NS).withName(name).get().getSpec().getTemplate();
  }

  private static String restartedFor(PodTemplateSpec template) {
    return template.getMetadata() == null || template.getMetadata().getAnnotations() == null
        ? null
        : template.getMetadata().getAnnotations().get(Workload.RESTARTED_FOR_ANNOTATION);
  }
}
