package dev.switchboard.apiserver;

import static dev.switchboard.testing.Fixtures.binding;
import static dev.switchboard.testing.Fixtures.connection;
import static dev.switchboard.testing.Fixtures.credentials;
import static dev.switchboard.testing.Fixtures.namespace;
import static dev.switchboard.testing.Fixtures.postgres;
import static dev.switchboard.testing.Fixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.switchboard.api.v1alpha1.Connection;
import dev.switchboard.api.v1alpha1.ConnectionStatus;
import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.testing.ApiServerTest;
import dev.switchboard.testing.StrictClusters;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each rule of the strict API server: a bad request gets kube-apiserver's answer, a good one
 * passes.
 */
@ApiServerTest
class StrictApiServerMockServerTest {
  private StrictApiServer server = StrictClusters.strict(Profile.KUBERNETES);
  private KubernetesClient admin = server.adminClient();

  @AfterEach
  void close() {
    server.close();
  }

  private void openshift() {
    server.close();
    server = StrictClusters.strict(Profile.OPENSHIFT);
    admin = server.adminClient();
  }

  private static void refused(ThrowingCallable call, int code, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(code);
              assertThat(e.getStatus().getMessage()).contains(message);
            });
  }

  /** The test server's certificate is self-signed. */
  private static HttpClient insecureHttpClient() throws Exception {
    var trustAll =
        new X509TrustManager() {
          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        };
    var tls = SSLContext.getInstance("TLS");
    tls.init(null, new TrustManager[] {trustAll}, null);
    return HttpClient.newBuilder().sslContext(tls).build();
  }

  @Test
  void requestsWithoutAValidTokenAreUnauthorized() {
    var anonymous =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder(Config.empty())
                    .withMasterUrl(server.url())
                    .withOauthToken("wrong")
                    .withTrustCerts(true)
                    .withRequestRetryBackoffLimit(0)
                    .build())
            .build();
    refused(() -> anonymous.secrets().inNamespace("default").list(), 401, "Unauthorized");
  }

  @Test
  void theOperatorMayDoWhatTheChartGrantsAndNothingElse() {
    try (KubernetesClient operator = server.newOperatorClient()) {
      assertThat(operator.secrets().inAnyNamespace().list().getItems()).isEmpty();
      refused(
          () -> operator.namespaces().withName("default").delete(),
          403,
          "User \""
              + server.operatorUser()
              + "\" cannot delete resource \"namespaces\" in API group \"\"");
      refused(
          () -> operator.configMaps().inNamespace("default").list(),
          403,
          "cannot list resource \"configmaps\" in API group \"\" in the namespace \"default\"");
    }
  }

  @Test
  void selfSubjectRulesReviewAnswersFromTheChartsRules() {
    try (KubernetesClient operator = server.newOperatorClient()) {
      var review =
          operator
              .authorization()
              .v1()
              .selfSubjectRulesReview()
              .create(
                  new SelfSubjectRulesReviewBuilder()
                      .withNewSpec()
                      .withNamespace(StrictClusters.RELEASE_NAMESPACE)
                      .endSpec()
                      .build());
      var leases =
          review.getStatus().getResourceRules().stream()
              .filter(r -> r.getResources().contains("leases"))
              .toList();
      assertThat(leases).hasSize(1);
      var otherNamespace =
          operator
              .authorization()
              .v1()
              .selfSubjectRulesReview()
              .create(
                  new SelfSubjectRulesReviewBuilder()
                      .withNewSpec()
                      .withNamespace("default")
                      .endSpec()
                      .build());
      assertThat(otherNamespace.getStatus().getResourceRules())
          .noneMatch(r -> r.getResources().contains("leases"));
    }
  }

  @Test
  void aRoleCanGrantOnlyWhatItsWriterHolds() {
    admin.resource(namespace("team-a")).create();
    admin
        .resource(
            new RoleBuilder()
                .withNewMetadata()
                .withName("role-writer")
                .withNamespace("team-a")
                .endMetadata()
                .withRules(
                    new PolicyRuleBuilder()
                        .withApiGroups("rbac.authorization.k8s.io")
                        .withResources("roles", "rolebindings")
                        .withVerbs("create")
                        .build())
                .build())
        .create();
    admin
        .resource(
            new RoleBindingBuilder()
                .withNewMetadata()
                .withName("role-writer")
                .withNamespace("team-a")
                .endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", "role-writer")
                .addNewSubject()
                .withKind("User")
                .withName("alice")
                .withApiGroup("rbac.authorization.k8s.io")
                .endSubject()
                .build())
        .create();
    KubernetesClient alice = server.clientAs("alice");
    var reader =
        new RoleBuilder()
            .withNewMetadata()
            .withName("reader")
            .withNamespace("team-a")
            .endMetadata()
            .withRules(
                new PolicyRuleBuilder()
                    .withApiGroups("")
                    .withResources("secrets")
                    .withResourceNames("db")
                    .withVerbs("get")
                    .build())
            .build();
    refused(
        () -> alice.resource(reader).create(),
        403,
        "user \"alice\" (groups=[\"system:authenticated\"]) is "
            + "attempting to grant RBAC permissions not currently held:\n{APIGroups:[\"\"], Resources:[\"secrets\"], "
            + "ResourceNames:[\"db\"], Verbs:[\"get\"]}");
    admin.resource(reader).create();
    var binding =
        new RoleBindingBuilder()
            .withNewMetadata()
            .withName("reader")
            .withNamespace("team-a")
            .endMetadata()
            .withNewRoleRef("rbac.authorization.k8s.io", "Role", "reader")
            .addNewSubject()
            .withKind("User")
            .withName("bob")
            .withApiGroup("rbac.authorization.k8s.io")
            .endSubject()
            .build();
    refused(
        () -> alice.resource(binding).create(),
        403,
        "is attempting to grant RBAC permissions not currently held");
    // The operator holds get on every Secret, so it may grant get on one.
    try (KubernetesClient operator = server.newOperatorClient()) {
      operator.resource(binding).create();
    }
  }

  @Test
  void blockOwnerDeletionNeedsUpdateOnTheOwnersFinalizersOnOpenShiftOnly() {
    for (Profile profile : Profile.values()) {
      if (profile == Profile.OPENSHIFT) {
        openshift();
      }
      admin.resource(namespace("team-a")).create();
      admin
          .resource(
              new RoleBuilder()
                  .withNewMetadata()
                  .withName("secrets")
                  .withNamespace("team-a")
                  .endMetadata()
                  .withRules(
                      new PolicyRuleBuilder()
                          .withApiGroups("")
                          .withResources("secrets")
                          .withVerbs("create", "delete")
                          .build())
                  .build())
          .create();
      admin
          .resource(
              new RoleBindingBuilder()
                  .withNewMetadata()
                  .withName("secrets")
                  .withNamespace("team-a")
                  .endMetadata()
                  .withNewRoleRef("rbac.authorization.k8s.io", "Role", "secrets")
                  .addNewSubject()
                  .withKind("User")
                  .withName("carol")
                  .withApiGroup("rbac.authorization.k8s.io")
                  .endSubject()
                  .build())
          .create();
      var owner = admin.resource(binding("team-a", "orders", "platform", "orders")).create();
      Secret owned =
          new SecretBuilder()
              .withNewMetadata()
              .withName("orders")
              .withNamespace("team-a")
              .withOwnerReferences(
                  new OwnerReferenceBuilder()
                      .withApiVersion("switchboard.dev/v1alpha1")
                      .withKind("WorkspaceBinding")
                      .withName("orders")
                      .withUid(owner.getMetadata().getUid())
                      .withController(true)
                      .withBlockOwnerDeletion(true)
                      .build())
              .endMetadata()
              .build();
      KubernetesClient carol = server.clientAs("carol");
      if (profile == Profile.OPENSHIFT) {
        refused(
            () -> carol.resource(owned).create(),
            403,
            "secrets \"orders\" is forbidden: cannot set "
                + "blockOwnerDeletion if an ownerReference refers to a resource you can't set finalizers on: User "
                + "\"carol\" cannot update resource \"workspacebindings/finalizers\" in API group \"switchboard.dev\" in "
                + "the namespace \"team-a\", <nil>");
      } else {
        carol.resource(owned).create();
      }
    }
  }

  @Test
  void objectsAreValidatedAsTheApiServerDoes() {
    String longValue = "x".repeat(64);
    refused(
        () ->
            admin
                .resource(
                    new SecretBuilder()
                        .withNewMetadata()
                        .withName("s")
                        .withNamespace("default")
                        .addToLabels("switchboard.dev/binding", longValue)
                        .endMetadata()
                        .build())
                .create(),
        422,
        "Secret \"s\" is invalid: metadata.labels: Invalid value: \""
            + longValue
            + "\": must be no more than 63 characters");
    refused(
        () ->
            admin
                .resource(
                    new SecretBuilder()
                        .withNewMetadata()
                        .withName("Upper")
                        .withNamespace("default")
                        .endMetadata()
                        .build())
                .create(),
        422,
        "metadata.name: Invalid value: \"Upper\": a lowercase RFC 1123 subdomain");
    refused(
        () ->
            admin
                .resource(
                    new SecretBuilder()
                        .withNewMetadata()
                        .withName("big")
                        .withNamespace("default")
                        .addToAnnotations("a", "x".repeat(300 * 1024))
                        .endMetadata()
                        .build())
                .create(),
        422,
        "metadata.annotations: Too long: may not be more than 262144 bytes");
    refused(
        () ->
            admin
                .resource(
                    new SecretBuilder()
                        .withNewMetadata()
                        .withName("huge")
                        .withNamespace("default")
                        .endMetadata()
                        .addToData(
                            "k", Base64.getEncoder().encodeToString(new byte[1024 * 1024 + 1]))
                        .build())
                .create(),
        422,
        "data: Too long: may not be more than 1048576 bytes");
  }

  @Test
  void immutableFieldsCannotChange() {
    admin.resource(credentials("default", "typed", "password", "x")).create();
    refused(
        () ->
            admin
                .secrets()
                .inNamespace("default")
                .withName("typed")
                .edit(
                    s -> {
                      s.setType("servicebinding.io/postgresql");
                      return s;
                    }),
        422,
        "Secret \"typed\" is invalid: type: Invalid value: \"servicebinding.io/postgresql\": field is immutable");
    Secret frozen = credentials("default", "frozen", "password", "x");
    frozen.setImmutable(true);
    admin.resource(frozen).create();
    refused(
        () ->
            admin
                .secrets()
                .inNamespace("default")
                .withName("frozen")
                .edit(
                    s -> {
                      s.getData().put("password", "eQ==");
                      return s;
                    }),
        422,
        "data: Forbidden: field is immutable when `immutable` is set");
    admin
        .resource(
            new RoleBindingBuilder()
                .withNewMetadata()
                .withName("rb")
                .withNamespace("default")
                .endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "view")
                .build())
        .create();
    refused(
        () ->
            admin
                .rbac()
                .roleBindings()
                .inNamespace("default")
                .withName("rb")
                .edit(
                    rb -> {
                      rb.getRoleRef().setName("edit");
                      return rb;
                    }),
        422,
        "roleRef: Invalid value: ");
  }

  @Test
  void strictFieldValidationRefusesUnknownFieldsInsteadOfPruningThem() throws Exception {
    admin.resource(namespace("platform")).create();
    String body =
        "{\"apiVersion\":\"switchboard.dev/v1alpha1\",\"kind\":\"Connection\",\"metadata\":{\"name\":\"db\"},"
            + "\"spec\":{\"type\":\"postgresql\",\"host\":\"db\",\"colour\":\"blue\"}}";
    var request =
        HttpRequest.newBuilder(
                URI.create(
                    server.url()
                        + "apis/switchboard.dev/v1alpha1/namespaces/platform/connections?fieldValidation=Strict"))
            .header("Authorization", "Bearer admin-token")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    var answer = insecureHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.body()).contains("strict decoding error: unknown field \\\"spec.colour\\\"");
  }

  @Test
  void customResourcesAreValidatedByTheirSchemaAndCelRulesAndPruned() {
    admin.resource(namespace("platform")).create();
    refused(
        () ->
            admin.resource(connection("platform", "api", spec("http", null, null, null))).create(),
        422,
        "Connection.switchboard.dev \"api\" is invalid: spec: Invalid value: \"object\": "
            + "types http and s3 need spec.url");
    refused(
        () ->
            admin
                .resource(connection("platform", "mainframe", spec("tcp", "mainframe", null, null)))
                .create(),
        422,
        "spec: Invalid value: \"object\": type tcp needs spec.port");
    refused(
        () ->
            admin
                .resource(connection("platform", "db", spec("postgresql", "db", 0, null)))
                .create(),
        422,
        "spec.port: Invalid value: 0: spec.port in body should be greater than or equal to 1");
    var raw = new GenericKubernetesResource();
    raw.setApiVersion("switchboard.dev/v1alpha1");
    raw.setKind("Connection");
    raw.setMetadata(new ObjectMetaBuilder().withName("db").withNamespace("platform").build());
    raw.setAdditionalProperties(
        Map.of(
            "spec",
            Map.of(
                "type",
                "postgresql",
                "host",
                "db",
                "credentials",
                Map.of("secretRef", Map.of("name", "pg")),
                "colour",
                "blue")));
    var stored = admin.resource(raw).create();
    assertThat(stored.getAdditionalProperties().get("spec").toString())
        .doesNotContain("colour")
        .contains("postgresql");
  }

  @Test
  void anUpdateMayKeepAValueTodaysSchemaRefusesButNotChangeIt() {
    admin.resource(namespace("platform")).create();
    Connection old =
        server
            .looseSchemaClient()
            .resource(connection("platform", "db", spec("postgresql", "db", 0, null)))
            .create();
    var status = new ConnectionStatus();
    status.setObservedGeneration(1L);
    old.setStatus(status);
    admin.resource(old).updateStatus();
    refused(
        () ->
            admin
                .resources(Connection.class)
                .inNamespace("platform")
                .withName("db")
                .edit(
                    c -> {
                      c.getSpec().setPort(-1);
                      return c;
                    }),
        422,
        "spec.port: Invalid value: -1");
  }

  @Test
  void statusSubresourceResourceVersionsAndGenerationBehaveAsOnACluster() {
    admin.resource(namespace("platform")).create();
    admin.resource(credentials("platform", "pg", "password", "x")).create();
    Connection created = admin.resource(postgres("platform", "db", "pg")).create();
    assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);
    var status = new ConnectionStatus();
    status.setObservedGeneration(1L);
    created.setStatus(status);
    Connection withStatus = admin.resource(created).updateStatus();
    refused(
        () -> admin.resource(created).updateStatus(),
        409,
        "Operation cannot be fulfilled on "
            + "connections.switchboard.dev \"db\": the object has been modified; please apply your changes to the latest "
            + "version and try again");
    Connection edited =
        admin
            .resources(Connection.class)
            .inNamespace("platform")
            .withName("db")
            .edit(
                c -> {
                  c.getSpec().setPort(5433);
                  c.setStatus(null);
                  return c;
                });
    assertThat(edited.getMetadata().getGeneration()).isEqualTo(2L);
    assertThat(edited.getStatus().getObservedGeneration())
        .as("status kept: writes to the object ignore it")
        .isEqualTo(1L);
    Connection labelled =
        admin
            .resources(Connection.class)
            .inNamespace("platform")
            .withName("db")
            .edit(
                c -> {
                  c.getMetadata().setLabels(Map.of("a", "b"));
                  return c;
                });
    assertThat(labelled.getMetadata().getGeneration())
        .as("metadata does not bump generation")
        .isEqualTo(2L);
    assertThat(withStatus.getMetadata().getGeneration()).isEqualTo(1L);
  }

  @Test
  void malformedPatchesAreAnsweredAtOnce() throws Exception {
    admin.resource(credentials("default", "s", "password", "x")).create();
    var secret = admin.resources(Secret.class).inNamespace("default").withName("s");
    refused(
        () ->
            secret.patch(
                PatchContext.of(PatchType.JSON),
                "[{\"op\":\"replace\",\"path\":\"/status/items/3\"," + "\"value\":1}]"),
        422,
        "the server rejected our request due to an error in our request");
    var request =
        HttpRequest.newBuilder(URI.create(server.url() + "api/v1/namespaces/default/secrets/s"))
            .header("Authorization", "Bearer admin-token")
            .header("Content-Type", "application/merge-patch+json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString("{not json"))
            .build();
    var answer = insecureHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.body()).contains("\"kind\":\"Status\"", "\"reason\":\"BadRequest\"");
  }

  @Test
  void dependentsAreGarbageCollectedWhenTheirOwnerIsDeleted() {
    admin.resource(namespace("team-a")).create();
    var owner = admin.resource(binding("team-a", "orders", "platform", "orders")).create();
    admin
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("orders")
                .withNamespace("team-a")
                .withOwnerReferences(
                    new OwnerReferenceBuilder()
                        .withApiVersion("switchboard.dev/v1alpha1")
                        .withKind("WorkspaceBinding")
                        .withName("orders")
                        .withUid(owner.getMetadata().getUid())
                        .withController(true)
                        .build())
                .endMetadata()
                .build())
        .create();
    admin.resources(WorkspaceBinding.class).inNamespace("team-a").withName("orders").delete();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> admin.secrets().inNamespace("team-a").withName("orders").get() == null);
  }

  @Test
  void aTerminatingNamespaceRefusesNewContentThenGoes() {
    refused(
        () -> admin.resource(credentials("nowhere", "s", "password", "x")).create(),
        404,
        "namespaces \"nowhere\" not found");
    admin.resource(namespace("team-a")).create();
    Connection held = postgres("team-a", "db", "pg");
    held.getMetadata().setFinalizers(List.of("switchboard.dev/in-use-protection"));
    admin.resource(held).create();
    admin.namespaces().withName("team-a").delete();
    refused(
        () -> admin.resource(credentials("team-a", "s", "password", "x")).create(),
        403,
        "unable to create new content in namespace team-a because it is being terminated");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                admin
                        .resources(Connection.class)
                        .inNamespace("team-a")
                        .withName("db")
                        .get()
                        .getMetadata()
                        .getDeletionTimestamp()
                    != null);
    assertThat(admin.namespaces().withName("team-a").get())
        .as("waits for the finalizer")
        .isNotNull();
    admin
        .resources(Connection.class)
        .inNamespace("team-a")
        .withName("db")
        .edit(
            c -> {
              c.getMetadata().setFinalizers(List.of());
              return c;
            });
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> admin.namespaces().withName("team-a").get() == null);
  }

  @Test
  void aDeletingObjectLosesFinalizersButTakesNoNewOnes() {
    admin.resource(namespace("platform")).create();
    Connection held = postgres("platform", "db", "pg");
    held.getMetadata().setFinalizers(List.of("example.com/a"));
    admin.resource(held).create();
    admin.resources(Connection.class).inNamespace("platform").withName("db").delete();
    refused(
        () ->
            admin
                .resources(Connection.class)
                .inNamespace("platform")
                .withName("db")
                .edit(
                    c -> {
                      c.getMetadata().setFinalizers(List.of("example.com/a", "example.com/b"));
                      return c;
                    }),
        422,
        "no new finalizers can be added if the object is being deleted");
    admin
        .resources(Connection.class)
        .inNamespace("platform")
        .withName("db")
        .edit(
            c -> {
              c.getMetadata().setFinalizers(List.of());
              return c;
            });
    assertThat(admin.resources(Connection.class).inNamespace("platform").withName("db").get())
        .isNull();
  }

  @Test
  void selfSubjectAccessReviewAnswersFromTheSameRules() {
    try (KubernetesClient operator = server.newOperatorClient()) {
      var create =
          operator
              .authorization()
              .v1()
              .selfSubjectAccessReview()
              .create(
                  new SelfSubjectAccessReviewBuilder()
                      .withNewSpec()
                      .withNewResourceAttributes()
                      .withNamespace("team-a")
                      .withVerb("create")
                      .withResource("secrets")
                      .endResourceAttributes()
                      .endSpec()
                      .build());
      assertThat(create.getStatus().getAllowed()).isTrue();
      var deleteNamespaces =
          operator
              .authorization()
              .v1()
              .selfSubjectAccessReview()
              .create(
                  new SelfSubjectAccessReviewBuilder()
                      .withNewSpec()
                      .withNewResourceAttributes()
                      .withVerb("delete")
                      .withResource("namespaces")
                      .endResourceAttributes()
                      .endSpec()
                      .build());
      assertThat(deleteNamespaces.getStatus().getAllowed()).isFalse();
    }
  }

  @Test
  void theBindVerbLetsAUserBindARoleItDoesNotHold() {
    admin.resource(namespace("team-a")).create();
    admin
        .resource(
            new RoleBuilder()
                .withNewMetadata()
                .withName("reader")
                .withNamespace("team-a")
                .endMetadata()
                .withRules(
                    new PolicyRuleBuilder()
                        .withApiGroups("")
                        .withResources("secrets")
                        .withVerbs("get")
                        .build())
                .build())
        .create();
    admin
        .resource(
            new RoleBuilder()
                .withNewMetadata()
                .withName("binder")
                .withNamespace("team-a")
                .endMetadata()
                .withRules(
                    new PolicyRuleBuilder()
                        .withApiGroups("rbac.authorization.k8s.io")
                        .withResources("rolebindings")
                        .withVerbs("create")
                        .build(),
                    new PolicyRuleBuilder()
                        .withApiGroups("rbac.authorization.k8s.io")
                        .withResources("roles")
                        .withResourceNames("reader")
                        .withVerbs("bind")
                        .build())
                .build())
        .create();
    admin
        .resource(
            new RoleBindingBuilder()
                .withNewMetadata()
                .withName("binder")
                .withNamespace("team-a")
                .endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", "binder")
                .addNewSubject()
                .withKind("User")
                .withName("dana")
                .withApiGroup("rbac.authorization.k8s.io")
                .endSubject()
                .build())
        .create();
    server
        .clientAs("dana")
        .resource(
            new RoleBindingBuilder()
                .withNewMetadata()
                .withName("reader")
                .withNamespace("team-a")
                .endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", "reader")
                .addNewSubject()
                .withKind("User")
                .withName("erin")
                .withApiGroup("rbac.authorization.k8s.io")
                .endSubject()
                .build())
        .create();
    assertThat(admin.rbac().roleBindings().inNamespace("team-a").withName("reader").get())
        .isNotNull();
  }

  @Test
  void customResourcesTakeNoStrategicMergePatch() {
    admin.resource(namespace("platform")).create();
    admin.resource(postgres("platform", "db", "pg")).create();
    refused(
        () ->
            admin
                .resources(Connection.class)
                .inNamespace("platform")
                .withName("db")
                .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), "{\"spec\":{\"port\":5433}}"),
        415,
        "");
  }
}
