package dev.switchboard.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart's alerts, as Helm renders them, pass their unit tests
 * (src/test/resources/alerts-test.yaml) in Prometheus' own rule engine: {@code promtool test rules}
 * (Debian's prometheus package; scripts/test installs it).
 */
@Tag("realserver")
class AlertRulesRealServerTest {
  private static final Chart CHART =
      Chart.inRepository(Path.of(System.getProperty("switchboard.projectRoot", "..")));

  @Test
  void everyAlertFiresWhenItShouldAndOnlyThen(@TempDir Path dir) throws Exception {
    List<JsonNode> rendered = CHART.render(Map.of("prometheusRule.enabled", "true"));
    List<JsonNode> rules = Chart.ofKind(rendered, "PrometheusRule");
    assertThat(rules).hasSize(1);
    // A rule file is the PrometheusRule's spec; JSON is YAML.
    Files.writeString(dir.resolve("rules.yaml"), rules.get(0).path("spec").toString());
    try (InputStream tests = getClass().getResourceAsStream("/alerts-test.yaml")) {
      Files.copy(tests, dir.resolve("alerts-test.yaml"));
    }

    Process promtool =
        new ProcessBuilder("promtool", "test", "rules", "alerts-test.yaml")
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).as("promtool ends").isTrue();
    String out = new String(promtool.getInputStream().readAllBytes());
    assertThat(promtool.exitValue()).as(out).isZero();
    assertThat(out).contains("SUCCESS");
  }

  @Test
  void everyAlertOfTheChartHasATest() throws IOException {
    JsonNode rule =
        Chart.ofKind(CHART.render(Map.of("prometheusRule.enabled", "true")), "PrometheusRule")
            .get(0);
    String tests;
    try (InputStream in = getClass().getResourceAsStream("/alerts-test.yaml")) {
      tests = new String(in.readAllBytes());
    }
    for (JsonNode r : rule.at("/spec/groups/0/rules")) {
      assertThat(tests).contains("alertname: " + r.path("alert").asText());
    }
  }
}
