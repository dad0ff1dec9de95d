package dev.switchboard.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The values table in docs/helm-and-gitops.md is the chart's, and every value is described. */
@Tag("unit")
class ValuesTableTest {
  private static final Path ROOT = Path.of(System.getProperty("switchboard.projectRoot", ".."));
  private static final Chart CHART = Chart.inRepository(ROOT);
  private static final Path DOC = ROOT.resolve("docs/helm-and-gitops.md");

  @Test
  void theDocsTableIsWhatTheSchemaAndDefaultsSay() throws IOException {
    String doc = Files.readString(DOC);
    String expected = ValuesTable.replaceIn(doc, CHART);
    if (Boolean.getBoolean("switchboard.updateDocs")) {
      Files.writeString(DOC, expected);
    }
    assertThat(doc)
        .as(
            "docs/helm-and-gitops.md's values table is stale; run: mvn -pl helm test"
                + " -Dtest=ValuesTableTest -Dswitchboard.updateDocs=true")
        .isEqualTo(expected);
  }

  @Test
  void everyValueHasADescription() throws IOException {
    JsonNode schema =
        new ObjectMapper().readTree(CHART.directory().resolve("values.schema.json").toFile());
    assertThat(undescribed(schema, "")).isEmpty();
  }

  private static List<String> undescribed(JsonNode schema, String prefix) {
    List<String> missing = new ArrayList<>();
    schema
        .path("properties")
        .fields()
        .forEachRemaining(
            p -> {
              if (p.getValue().path("description").asText().isBlank()) {
                missing.add(prefix + p.getKey());
              }
              missing.addAll(undescribed(p.getValue(), prefix + p.getKey() + "."));
            });
    return missing;
  }
}
