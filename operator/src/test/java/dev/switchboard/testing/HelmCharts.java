package dev.switchboard.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

/** Renders the chart with real Helm (helm-java), as `helm template` would. */
public final class HelmCharts {
  private HelmCharts() {}

  public static Path chart() {
    return Crds.projectRoot().resolve("helm/switchboard");
  }

  public static List<JsonNode> render(Map<String, Object> values) {
    return render(t -> {
      values.forEach(t::set);
      return t;
    });
  }

  public static List<JsonNode> render(UnaryOperator<TemplateCommand> options) {
    String manifest = options.apply(new Helm(chart()).template().withName("switchboard")
        .withNamespace("switchboard-system")).call();
    return CrdSchemas.yamlDocuments(manifest);
  }

  public static List<JsonNode> ofKind(List<JsonNode> documents, String kind) {
    return documents.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
  }

  public static JsonNode named(List<JsonNode> documents, String kind, String name) {
    return ofKind(documents, kind).stream().filter(d -> name.equals(d.at("/metadata/name").asText())).findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
  }
}
