package dev.switchboard.argocd;

import static dev.switchboard.testing.ArgoLua.json;
import static dev.switchboard.testing.ArgoLua.run;
import static dev.switchboard.testing.ArgoLua.script;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.release.ArgoCdPatch;
import dev.switchboard.rollout.Workload;
import dev.switchboard.testing.CrdSchemas;
import dev.switchboard.testing.Crds;
import dev.switchboard.testing.UnitTest;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Argo CD health scripts and the test action, run by a Lua interpreter on status fixtures. */
@UnitTest
class ArgoCdHealthTest {

  private static JsonNode health(String kind, String json) {
    return run(script(kind + "/health.lua"), json(json));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Connection", "WorkspaceBinding"})
  void readyTrueIsHealthy(String kind) {
    JsonNode hs =
        health(
            kind,
            """
        {"metadata": {"name": "x", "generation": 2},
         "status": {"observedGeneration": 2, "conditions": [
           {"type": "Bound", "status": "True", "reason": "Bound"},
           {"type": "Ready", "status": "True", "reason": "Ready", "message": "all good"}]}}""");
    assertThat(hs.path("status").asText()).isEqualTo("Healthy");
    assertThat(hs.path("message").asText()).isEqualTo("all good");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Connection", "WorkspaceBinding"})
  void readyFalseIsDegradedWithReasonAndMessage(String kind) {
    JsonNode hs =
        health(
            kind,
            """
        {"metadata": {"generation": 1},
         "status": {"observedGeneration": 1, "conditions": [
           {"type": "Ready", "status": "False", "reason": "NotPermitted", "message": "not allowed"}]}}""");
    assertThat(hs.path("status").asText()).isEqualTo("Degraded");
    assertThat(hs.path("message").asText()).isEqualTo("NotPermitted: not allowed");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Connection", "WorkspaceBinding"})
  void noStatusYetIsProgressing(String kind) {
    assertThat(health(kind, "{\"metadata\": {\"generation\": 1}}").path("status").asText())
        .isEqualTo("Progressing");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Connection", "WorkspaceBinding"})
  void statusBehindTheGenerationIsProgressingEvenIfItSaysReady(String kind) {
    JsonNode hs =
        health(
            kind,
            """
        {"metadata": {"generation": 3},
         "status": {"observedGeneration": 2, "conditions": [{"type": "Ready", "status": "True"}]}}""");
    assertThat(hs.path("status").asText()).isEqualTo("Progressing");
    assertThat(hs.path("message").asText()).contains("generation 3");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Connection", "WorkspaceBinding"})
  void unknownReadyIsProgressing(String kind) {
    JsonNode hs =
        health(
            kind,
            """
        {"metadata": {"generation": 1},
         "status": {"observedGeneration": 1, "conditions": [
           {"type": "Ready", "status": "Unknown", "reason": "NotYetTested", "message": "Waiting for the first test"}]}}""");
    assertThat(hs.path("status").asText()).isEqualTo("Progressing");
  }

  @Test
  void aDeletionWaitingForBindingsIsProgressingAndSaysWhy() {
    JsonNode hs =
        health(
            "Connection",
            """
        {"metadata": {"generation": 1, "deletionTimestamp": "2026-01-01T00:00:00Z"},
         "status": {"observedGeneration": 1, "conditions": [
           {"type": "Ready", "status": "False", "reason": "InUse", "message": "in use by team-a/orders"}]}}""");
    assertThat(hs.path("status").asText()).isEqualTo("Progressing");
    assertThat(hs.path("message").asText()).isEqualTo("in use by team-a/orders");
  }

  @Test
  void theTestActionIsOfferedAndSetsTheRequestAnnotation() {
    JsonNode actions = run(script("Connection/actions/discovery.lua"), json("{\"metadata\": {}}"));
    assertThat(actions.has("test")).isTrue();
    assertThat(actions.at("/test/disabled").asBoolean()).isFalse();

    JsonNode updated =
        run(
            script("Connection/actions/test/action.lua"),
            json(
                "{\"metadata\": {\"name\": \"orders-db\"}, \"spec\": {\"type\": \"postgresql\"}}"));
    assertThat(updated.at("/metadata/annotations/switchboard.dev~1test-requested").asText())
        .isEqualTo("2026-01-01T00:00:00Z");
    assertThat(updated.at("/spec/type").asText()).isEqualTo("postgresql");
  }

  @Test
  void theArgoCdConfigMapPatchIsGeneratedFromTheseScripts() throws Exception {
    String expected = ArgoCdPatch.generate();
    if (Boolean.getBoolean("switchboard.updateArgoCd")) {
      Files.writeString(ArgoCdPatch.committed(), expected);
    }
    assertThat(Files.readString(ArgoCdPatch.committed()))
        .as(
            "argocd-cm.patch is stale; run: mvn -pl operator test -Dtest=ArgoCdHealthTest -Dswitchboard.updateArgoCd=true")
        .isEqualTo(expected);
    var yaml = CrdSchemas.yamlDocuments(expected).get(0);
    assertThat(yaml.at("/data/resource.customizations.health.switchboard.dev_Connection").asText())
        .isEqualTo(Files.readString(script("Connection/health.lua")));
    var actions =
        CrdSchemas.yamlDocuments(
                yaml.at("/data/resource.customizations.actions.switchboard.dev_Connection")
                    .asText())
            .get(0);
    assertThat(actions.at("/definitions/0/action.lua").asText())
        .isEqualTo(Files.readString(script("Connection/actions/test/action.lua")));
  }

  /**
   * The ignoreDifferences entries point at exactly the annotation a roll sets, for each kind that
   * is rolled.
   */
  @ParameterizedTest
  @ValueSource(strings = {"Deployment", "StatefulSet", "DaemonSet"})
  void rolledWorkloadsAreNotShownAsDrift(String kind) throws Exception {
    var patch =
        CrdSchemas.yamlDocuments(
                Files.readString(Crds.projectRoot().resolve("argocd/argocd-cm.patch")))
            .get(0);
    var entry =
        CrdSchemas.yamlDocuments(
                patch.at("/data/resource.customizations.ignoreDifferences.apps_" + kind).asText())
            .get(0);
    var rolled =
        new ObjectMapper()
            .readTree(
                "{\"spec\":{\"template\":{\"metadata\":"
                    + "{\"annotations\":{\""
                    + Workload.RESTARTED_FOR_ANNOTATION
                    + "\":\"sha256:abc\",\"other\":\"x\"}}}}}");
    assertThat(entry.path("jsonPointers")).hasSize(1);
    assertThat(rolled.at(entry.path("jsonPointers").get(0).asText()).asText())
        .isEqualTo("sha256:abc");
  }
}
