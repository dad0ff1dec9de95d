package dev.switchboard.reliability;

import static dev.switchboard.testing.Fixtures.binding;
import static dev.switchboard.testing.Fixtures.credentials;
import static dev.switchboard.testing.Fixtures.namespace;
import static dev.switchboard.testing.Fixtures.postgres;
import static dev.switchboard.testing.Fixtures.serviceAccount;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.testing.CrdSchemas;
import dev.switchboard.testing.OperatorMockServerTest;
import dev.switchboard.testing.ReliabilityTest;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hundreds of malformed and hostile resources, sent raw to an API server that does not validate:
 * the operator neither stops nor loops, reports each one as InvalidSpec with a short message,
 * writes nothing for any of them, and keeps serving the valid ones. The CRD schema rejects the same
 * inputs wherever a structural schema can.
 */
@ReliabilityTest
class HostileInputMockServerTest extends OperatorMockServerTest {
  private static final int COUNT = 520;
  private static final ResourceDefinitionContext CONNECTIONS =
      new ResourceDefinitionContext.Builder()
          .withGroup("switchboard.dev")
          .withVersion("v1alpha1")
          .withKind("Connection")
          .withPlural("connections")
          .withNamespaced(true)
          .build();
  private static final ResourceDefinitionContext BINDINGS =
      new ResourceDefinitionContext.Builder()
          .withGroup("switchboard.dev")
          .withVersion("v1alpha1")
          .withKind("WorkspaceBinding")
          .withPlural("workspacebindings")
          .withNamespaced(true)
          .build();

  @Test
  @SuppressWarnings("deprecation")
  void hostileResourcesAreReportedAndNothingElseSuffers() {
    create(namespace("platform"));
    create(namespace("team-a"));
    create(credentials("platform", "pg", "username", "postgres", "password", "x"));
    create(postgres("platform", "canary", "pg", "team-a"));
    // Sent past the CRD's schema, as objects stored under an older CRD are: the operator must cope
    // with them too.
    var loose = cluster.looseSchemaClient();
    List<HostileInputs.Hostile> hostile = HostileInputs.generate(COUNT, 20261124L);
    for (var h : hostile) {
      var resource =
          Serialization.unmarshal(h.resource().toString(), GenericKubernetesResource.class);
      loose
          .genericKubernetesResources(context(h))
          .inNamespace(h.resource().at("/metadata/namespace").asText())
          .resource(resource)
          .create();
    }
    create(binding("team-a", "canary", "platform", "canary", serviceAccount("app")));

    eventually()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () -> {
              for (var h : hostile) {
                JsonNode status = status(h);
                assertThat(readyReason(status))
                    .as("%s %s: %s", h.kind(), h.name(), h.description())
                    .isEqualTo("InvalidSpec");
              }
            });
    for (var h : hostile) {
      JsonNode status = status(h);
      assertThat(status.toString().length())
          .as("status of %s stays small", h.description())
          .isLessThan(4_000);
      assertThat(readyMessage(status)).as(h.description()).isNotBlank();
    }
    eventually()
        .untilAsserted(
            () -> {
              assertThat(readyReason(status("Connection", "platform", "canary")))
                  .isEqualTo("Ready");
              assertThat(readyReason(status("WorkspaceBinding", "team-a", "canary")))
                  .isEqualTo("Ready");
            });
    assertThat(client.secrets().inNamespace("team-a").list().getItems())
        .extracting(s -> s.getMetadata().getName())
        .containsExactly("canary");
    assertThat(client.rbac().roles().inNamespace("team-a").list().getItems()).hasSize(1);

    // A hot loop shows as hundreds of reconciles. A settled operator looked at each resource a few
    // times: once when created, and once per change of what it refers to (the canary Connection's
    // status, its Secret).
    create(binding("team-a", "late", "platform", "canary"));
    eventually()
        .until(() -> "Ready".equals(readyReason(status("WorkspaceBinding", "team-a", "late"))));
    for (var h : hostile) {
      var ref = new GenericKubernetesResource();
      ref.setKind(h.kind());
      ref.setMetadata(
          new ObjectMetaBuilder()
              .withName(h.name())
              .withNamespace(h.resource().at("/metadata/namespace").asText())
              .build());
      assertThat(reconciles.finished(ref))
          .as(
              "%s; canary connection reconciled %d times",
              h.description(), reconciles.finished(fetchConnection("platform", "canary")))
          .isLessThanOrEqualTo(20);
    }
  }

  @Test
  void theCrdSchemaRejectsWhatAStructuralSchemaCanExpress() {
    // Checked for every single mutation; a pair can undo its first half (e.g. a port, then no
    // port).
    List<HostileInputs.Hostile> hostile = HostileInputs.generate(COUNT, 20261124L);
    long rejected = 0;
    for (var h : hostile) {
      String crd =
          h.kind().equals("Connection")
              ? "connections.switchboard.dev"
              : "workspacebindings.switchboard.dev";
      boolean rejectedBySchema = !CrdSchemas.validate(crd, h.resource()).isEmpty();
      if (h.schemaRejects() && !h.description().contains(" + ")) {
        assertThat(rejectedBySchema).as(h.description()).isTrue();
      }
      rejected += rejectedBySchema ? 1 : 0;
    }
    assertThat(hostile).hasSizeGreaterThanOrEqualTo(500);
    assertThat(rejected).isGreaterThan(hostile.size() / 2);
  }

  private JsonNode status(HostileInputs.Hostile h) {
    return status(h.kind(), h.resource().at("/metadata/namespace").asText(), h.name());
  }

  @SuppressWarnings("deprecation")
  private JsonNode status(String kind, String namespace, String name) {
    var r =
        client
            .genericKubernetesResources(kind.equals("Connection") ? CONNECTIONS : BINDINGS)
            .inNamespace(namespace)
            .withName(name)
            .get();
    Object status = r == null ? null : r.getAdditionalProperties().get("status");
    return status == null
        ? Serialization.jsonMapper().createObjectNode()
        : Serialization.jsonMapper().valueToTree(status);
  }

  private static String readyReason(JsonNode status) {
    for (JsonNode c : status.path("conditions")) {
      if ("Ready".equals(c.path("type").asText())) {
        return c.path("reason").asText();
      }
    }
    return null;
  }

  private static String readyMessage(JsonNode status) {
    for (JsonNode c : status.path("conditions")) {
      if ("Ready".equals(c.path("type").asText())) {
        return c.path("message").asText();
      }
    }
    return "";
  }

  private static ResourceDefinitionContext context(HostileInputs.Hostile h) {
    return h.kind().equals("Connection") ? CONNECTIONS : BINDINGS;
  }
}
