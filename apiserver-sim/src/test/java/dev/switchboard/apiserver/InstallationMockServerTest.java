package dev.switchboard.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The server with an installation of its caller's making (a CRD and a chart of someone else's
 * operator, not Switchboard's): it serves the CRD with its schema and CEL rules, and the operator's
 * clients hold exactly what the chart's RBAC grants.
 */
@Tag("apiserver")
class InstallationMockServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ResourceDefinitionContext WIDGETS =
      new ResourceDefinitionContext.Builder()
          .withGroup("example.com")
          .withVersion("v1")
          .withPlural("widgets")
          .withKind("Widget")
          .withNamespaced(true)
          .build();

  private final StrictApiServer server =
      new StrictApiServer(
          Profile.KUBERNETES,
          Installation.of(List.of(widgetCrd()), widgetOperatorChart(), "widgets-system"));

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void theCrdIsServedWithItsSchemaAndRules() {
    KubernetesClient admin = server.adminClient();
    admin.namespaces().resource(namespace("shop")).create();
    admin.genericKubernetesResources(WIDGETS).inNamespace("shop").resource(widget(3)).create();

    assertThatThrownBy(
            () ->
                admin
                    .genericKubernetesResources(WIDGETS)
                    .inNamespace("shop")
                    .resource(widget(11))
                    .create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(422);
              assertThat(e.getMessage()).contains("at most 10 replicas");
            });
  }

  @Test
  void theOperatorHoldsWhatTheChartGrantsAndNothingElse() {
    KubernetesClient admin = server.adminClient();
    admin.namespaces().resource(namespace("shop")).create();
    admin.genericKubernetesResources(WIDGETS).inNamespace("shop").resource(widget(1)).create();
    try (KubernetesClient operator = server.newOperatorClient()) {
      assertThat(operator.genericKubernetesResources(WIDGETS).inAnyNamespace().list().getItems())
          .hasSize(1);
      assertThatThrownBy(
              () ->
                  operator
                      .secrets()
                      .inNamespace("shop")
                      .resource(
                          new SecretBuilder().withNewMetadata().withName("s").endMetadata().build())
                      .create())
          .isInstanceOfSatisfying(
              KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
    }
    assertThat(server.operatorUser()).isEqualTo("system:serviceaccount:widgets-system:widgets");
  }

  @Test
  void aDeletedNamespaceTakesItsCustomResourcesWithIt() {
    KubernetesClient admin = server.adminClient();
    admin.namespaces().resource(namespace("shop")).create();
    admin.genericKubernetesResources(WIDGETS).inNamespace("shop").resource(widget(1)).create();
    admin.namespaces().withName("shop").delete();
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> admin.namespaces().withName("shop").get() == null);
    assertThat(admin.genericKubernetesResources(WIDGETS).inAnyNamespace().list().getItems())
        .isEmpty();
  }

  private static io.fabric8.kubernetes.api.model.Namespace namespace(String name) {
    return new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build();
  }

  private static GenericKubernetesResource widget(int replicas) {
    var widget = new GenericKubernetesResource();
    widget.setApiVersion("example.com/v1");
    widget.setKind("Widget");
    widget.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("w" + replicas).build());
    widget.setAdditionalProperty("spec", Map.of("replicas", replicas));
    return widget;
  }

  private static JsonNode widgetCrd() {
    return json(
        """
        {"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
         "metadata": {"name": "widgets.example.com"},
         "spec": {"group": "example.com", "scope": "Namespaced",
          "names": {"plural": "widgets", "singular": "widget", "kind": "Widget", "listKind": "WidgetList"},
          "versions": [{"name": "v1", "served": true, "storage": true,
           "subresources": {"status": {}},
           "schema": {"openAPIV3Schema": {"type": "object", "properties": {
            "spec": {"type": "object",
             "x-kubernetes-validations": [{"rule": "self.replicas <= 10", "message": "at most 10 replicas"}],
             "properties": {"replicas": {"type": "integer", "minimum": 0}}},
            "status": {"type": "object", "x-kubernetes-preserve-unknown-fields": true}}}}}]}}
        """);
  }

  /** What `helm template` of a small operator's chart renders: its account and its RBAC. */
  private static List<JsonNode> widgetOperatorChart() {
    return List.of(
        json(
            """
            {"apiVersion": "v1", "kind": "ServiceAccount",
             "metadata": {"name": "widgets", "namespace": "widgets-system"}}
            """),
        json(
            """
            {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole",
             "metadata": {"name": "widgets"},
             "rules": [{"apiGroups": ["example.com"], "resources": ["widgets"], "verbs": ["get", "list", "watch"]}]}
            """),
        json(
            """
            {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding",
             "metadata": {"name": "widgets"},
             "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "widgets"},
             "subjects": [{"kind": "ServiceAccount", "name": "widgets", "namespace": "widgets-system"}]}
            """));
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
