package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import dev.switchboard.api.v1alpha1.Connection;
import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.testing.Crds;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CRDs under crds/ are what this build generates from the Java classes. The generator does not keep the order
 * of printer columns, so they are put in the order the classes declare them (the order kubectl shows).
 *
 * The chart carries the same files under helm/switchboard/crds/.
 *
 * <p>After changing an API class, refresh both with
 * {@code mvn -pl operator test -Dtest=CrdFilesTest -Dswitchboard.updateCrds=true}.
 */
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
    assertThat(committed).as("run: mvn -pl operator test -Dtest=CrdFilesTest -Dswitchboard.updateCrds=true")
        .exists();
    assertThat(Files.readString(committed))
        .as("crds/%s.yaml is stale; run: mvn -pl operator test -Dtest=CrdFilesTest -Dswitchboard.updateCrds=true",
            name)
        .isEqualTo(expected);
    assertThat(Files.readString(inChart)).as("the chart's copy of %s is stale; run the same command", name)
        .isEqualTo(expected);
  }

  @SuppressWarnings("deprecation")
  static String expected(String name) throws IOException {
    CustomResourceDefinition crd = Serialization.unmarshal(Files.readString(Crds.generated(name)),
        CustomResourceDefinition.class);
    Class<?> kind = name.startsWith("connections") ? Connection.class : WorkspaceBinding.class;
    List<String> order = Arrays.stream(kind.getAnnotationsByType(AdditionalPrinterColumn.class))
        .map(AdditionalPrinterColumn::name).toList();
    crd.getSpec().getVersions().forEach(v -> v.getAdditionalPrinterColumns()
        .sort(Comparator.comparingInt(c -> order.indexOf(c.getName()))));
    return "# Generated from the Java classes in operator/src/main/java/dev/switchboard/api; do not edit.\n"
        + Serialization.asYaml(crd);
  }
}
