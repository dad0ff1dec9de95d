package dev.switchboard.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.chart.Chart;
import dev.switchboard.chart.InstallManifest;
import dev.switchboard.testing.CrdSchemas;
import dev.switchboard.testing.Crds;
import dev.switchboard.testing.HelmCharts;
import dev.switchboard.testing.UnitTest;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * What a release ships besides the image: install.yaml, the CHANGELOG and the chart's metadata,
 * kept in step.
 */
@UnitTest
class ReleaseArtifactsTest {
  private static final String VERSION = System.getProperty("switchboard.version");

  @Test
  void installYamlIsWhatTheChartRenders() throws IOException {
    String expected = InstallManifest.generate(HelmCharts.repositoryChart());
    if (Boolean.getBoolean("switchboard.updateInstall")) {
      Files.writeString(Crds.projectRoot().resolve("install.yaml"), expected);
    }
    assertThat(Files.readString(Crds.projectRoot().resolve("install.yaml")))
        .as(
            "install.yaml is stale; run: mvn -pl operator test -Dtest=ReleaseArtifactsTest -Dswitchboard.updateInstall=true")
        .isEqualTo(expected);
  }

  @Test
  void chartVersionsAreTheBuildsVersion() throws IOException {
    JsonNode chart =
        CrdSchemas.read(Crds.projectRoot().resolve("helm/switchboard/Chart.yaml")).get(0);
    assertThat(chart.path("version").asText()).isEqualTo(VERSION);
    assertThat(chart.path("appVersion").asText()).isEqualTo(VERSION);
    assertThat(chart.path("kubeVersion").asText())
        .as("ValidatingAdmissionPolicy v1 is served from 1.30")
        .isEqualTo(">=1.30.0-0");
  }

  @Test
  void theChangelogHasAnEntryForThisVersion() throws IOException {
    assertThat(Files.readString(Crds.projectRoot().resolve("CHANGELOG.md")))
        .contains("## " + VERSION + " ");
  }

  @Test
  void installYamlCreatesItsNamespaceFirstAndNothingOutsideIt() {
    var docs = CrdSchemas.yamlDocuments(InstallManifest.generate(HelmCharts.repositoryChart()));
    assertThat(docs.get(0).path("kind").asText()).isEqualTo("Namespace");
    assertThat(docs)
        .filteredOn(d -> d.at("/metadata/namespace").isTextual())
        .allSatisfy(
            d -> assertThat(d.at("/metadata/namespace").asText()).isEqualTo(Chart.NAMESPACE));
    assertThat(docs)
        .extracting(d -> d.path("kind").asText())
        .contains("CustomResourceDefinition", "Deployment", "ClusterRole", "ServiceAccount");
  }

  @Test
  void theReadmesCommandsAreTheOnesThatAreTested() throws IOException {
    String readme = Files.readString(Crds.projectRoot().resolve("README.md"));
    // PlaygroundIT runs this jar; CI runs the test command.
    assertThat(readme)
        .contains(
            "mvn -B -ntp package -DskipTests && java -jar playground/target/switchboard-playground.jar",
            "\nscripts/test\n");
    assertThat(Files.readString(Crds.projectRoot().resolve(".ci/run")))
        .contains("\nbash scripts/test\n");
  }
}
