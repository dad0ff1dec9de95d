package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.v1alpha1.Connection;
import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.testing.Crds;
import dev.switchboard.testing.UnitTest;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CRDs under crds/ are what this build generates from the Java classes. The generator does not
 * keep the order of printer columns, so they are put in the order the classes declare them (the
 * order kubectl shows).
 *
 * <p>The chart carries the same files under helm/switchboard/crds/.
 *
 * <p>After changing an API class, refresh both with {@code mvn -pl operator test
 * -Dtest=CrdFilesTest -Dswitchboard.updateCrds=true}.
 */
@UnitTest
class CrdFilesTest {

  @ParameterizedTest
  @ValueSource(strings = {"connections.switchboard.dev", "workspacebindings.switchboard.dev"})
  void committedCrdIsWhatTheBuildGenerates(String name) throws IOException {
    String expected = expected(name);
    Path committed = Crds.committed(name);
    Path inChart = Crds.projectRoot().resolve("helm/switchboard/crds/" + name + ".yaml");
    if (Boolean.getBoolean("switchboard.updateCrds")) {
      Files.createDirectories(committed.getParent());
      Files.writeString(committed, expected);
      Files.writeString(inChart, expected);
    }
    assertThat(committed)
        .as("run: mvn -pl operator test -Dtest=CrdFilesTest -Dswitchboard.updateCrds=true")
        .exists();
    assertThat(Files.readString(committed))
        .as(
            "crds/%s.yaml is stale; run: mvn -pl operator test -Dtest=CrdFilesTest -Dswitchboard.updateCrds=true",
            name)
        .isEqualTo(expected);
    assertThat(Files.readString(inChart))
        .as("the chart's copy of %s is stale; run the same command", name)
        .isEqualTo(expected);
  }

  @SuppressWarnings("deprecation")
  static String expected(String name) throws IOException {
    CustomResourceDefinition crd =
        Serialization.unmarshal(
            Files.readString(Crds.generated(name)), CustomResourceDefinition.class);
    Class<?> kind = name.startsWith("connections") ? Connection.class : WorkspaceBinding.class;
    List<String> order =
        Arrays.stream(kind.getAnnotationsByType(AdditionalPrinterColumn.class))
            .map(AdditionalPrinterColumn::name)
            .toList();
    crd.getSpec()
        .getVersions()
        .forEach(
            v ->
                v.getAdditionalPrinterColumns()
                    .sort(Comparator.comparingInt(c -> order.indexOf(c.getName()))));
    crd.getSpec()
        .getVersions()
        .forEach(v -> describeInheritedParts(v.getSchema().getOpenAPIV3Schema(), kind));
    return "# Generated from the Java classes in operator/src/main/java/dev/switchboard/api; do not edit.\n"
        + Serialization.asYaml(crd);
  }

  /**
   * What the generator cannot take from our classes: descriptions of spec and status (declared by
   * CustomResource) and of the fields of Kubernetes' Condition, and conditions as a list-map keyed
   * by type, as in built-in kinds (server-side apply merges them by type, and a duplicate type is
   * refused).
   */
  private static void describeInheritedParts(JSONSchemaProps root, Class<?> kind) {
    boolean connection = kind == Connection.class;
    root.setDescription(
        connection
            ? "A shared data source of one type, owned by the team whose namespace holds it."
            : "Binds one Connection into the workspace namespace that holds this object, as a Secret in Service Binding"
                + " format readable by the binding's subjects.");
    root.getProperties()
        .get("spec")
        .setDescription(
            connection
                ? "The data source, where its credentials are, how it is tested and who may bind it."
                : "Which Connection to bind, the Secret to write and who may read it.");
    JSONSchemaProps status = root.getProperties().get("status");
    status.setDescription("What the operator observed; written by the operator only.");
    JSONSchemaProps conditions = status.getProperties().get("conditions");
    conditions.setXKubernetesListType("map");
    conditions.setXKubernetesListMapKeys(List.of("type"));
    JSONSchemaProps condition = conditions.getItems().getSchema();
    condition.setRequired(List.of("status", "type"));
    Map<String, String> fields =
        Map.of(
            "type", "The aspect this condition describes, e.g. Ready.",
            "status", "True, False or Unknown.",
            "reason",
                "One CamelCase word saying why; the README's troubleshooting table lists them.",
            "message", "What happened, for people; never holds a credential.",
            "lastTransitionTime", "When status last changed.",
            "observedGeneration", "The metadata.generation this condition was set from.");
    condition.getProperties().forEach((name, schema) -> schema.setDescription(fields.get(name)));
    KUBERNETES_FIELDS.forEach(
        (path, description) -> {
          JSONSchemaProps field = at(root, path);
          if (field != null) {
            field.setDescription(description);
          }
        });
  }

  /**
   * Fields of Kubernetes' own types (LabelSelector, Subject, LocalObjectReference), described as
   * Kubernetes does.
   */
  private static final Map<String, String> KUBERNETES_FIELDS =
      Map.of(
          "spec.access.namespaceSelector.matchLabels", "Labels a namespace must have, all of them.",
          "spec.access.namespaceSelector.matchExpressions",
              "Label requirements a namespace must meet, all of them.",
          "spec.access.namespaceSelector.matchExpressions[].key", "The label key.",
          "spec.access.namespaceSelector.matchExpressions[].operator",
              "In, NotIn, Exists or DoesNotExist.",
          "spec.access.namespaceSelector.matchExpressions[].values",
              "Values for In and NotIn; empty for the others.",
          "spec.subjects[].apiGroup",
              "rbac.authorization.k8s.io for User and Group; empty for ServiceAccount.",
          "spec.subjects[].kind", "ServiceAccount, User or Group.",
          "spec.subjects[].name", "Name of the subject.",
          "spec.subjects[].namespace",
              "Namespace of a ServiceAccount. Default: the binding's namespace.",
          "status.binding.name", "Name of the bound Secret.");

  /** The schema at a dotted path in which "[]" steps into array items; null when there is none. */
  private static JSONSchemaProps at(JSONSchemaProps root, String path) {
    JSONSchemaProps current = root;
    for (String step : path.split("\\.")) {
      boolean items = step.endsWith("[]");
      current =
          current.getProperties() == null
              ? null
              : current.getProperties().get(items ? step.substring(0, step.length() - 2) : step);
      if (current != null && items) {
        current = current.getItems().getSchema();
      }
      if (current == null) {
        return null;
      }
    }
    return current;
  }
}
