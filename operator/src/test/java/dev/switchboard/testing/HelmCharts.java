package dev.switchboard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.TemplateCommand;
import dev.switchboard.chart.Chart;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The repository's chart ({@link Chart}) for the tests: rendered with real Helm, as helm template
 * would.
 */
public final class HelmCharts {
  private static final Chart CHART = Chart.inRepository(Crds.projectRoot());

  private HelmCharts() {}

  public static Chart repositoryChart() {
    return CHART;
  }

  public static Path chart() {
    return CHART.directory();
  }

  public static List<JsonNode> render(Map<String, Object> values) {
    return CHART.render(values);
  }

  public static List<JsonNode> render(UnaryOperator<TemplateCommand> options) {
    return CHART.render(options);
  }

  /** The manifest helm template prints: release switchboard in namespace switchboard-system. */
  public static String renderText(UnaryOperator<TemplateCommand> options) {
    return CHART.renderText(options);
  }

  public static List<JsonNode> ofKind(List<JsonNode> documents, String kind) {
    return Chart.ofKind(documents, kind);
  }

  public static JsonNode named(List<JsonNode> documents, String kind, String name) {
    return ofKind(documents, kind).stream()
        .filter(d -> name.equals(d.at("/metadata/name").asText()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
  }
}
