package dev.switchboard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Renders the chart with real Helm (helm-java), as `helm template` would. */
public final class HelmCharts {
  private HelmCharts() {}

  private static Path renderable;

  public static Path chart() {
    return Crds.projectRoot().resolve("helm/switchboard");
  }

  /**
   * The chart as rendered here: a copy without its kubeVersion constraint. helm-java renders as
   * Kubernetes v1.20.0 (Helm's built-in default when it is used as a library) and has no option to
   * say otherwise, so the constraint would refuse every render; helm install and helm template
   * check it against the real cluster's version.
   */
  static synchronized Path renderableChart() {
    if (renderable == null) {
      try {
        Path copy = Files.createTempDirectory("switchboard-chart").resolve("switchboard");
        try (var files = Files.walk(chart())) {
          for (Path source : files.toList()) {
            Path target = copy.resolve(chart().relativize(source).toString());
            if (Files.isDirectory(source)) {
              Files.createDirectories(target);
            } else {
              Files.copy(source, target);
            }
          }
        }
        Path chartYaml = copy.resolve("Chart.yaml");
        Files.writeString(
            chartYaml, Files.readString(chartYaml).replaceAll("(?m)^kubeVersion:.*\\n", ""));
        renderable = copy;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return renderable;
  }

  public static List<JsonNode> render(Map<String, Object> values) {
    return render(
        t -> {
          values.forEach(t::set);
          return t;
        });
  }

  public static List<JsonNode> render(UnaryOperator<TemplateCommand> options) {
    return CrdSchemas.yamlDocuments(renderText(options));
  }

  /** The manifest helm template prints: release switchboard in namespace switchboard-system. */
  public static String renderText(UnaryOperator<TemplateCommand> options) {
    return options
        .apply(
            new Helm(renderableChart())
                .template()
                .withName("switchboard")
                .withNamespace("switchboard-system"))
        .call();
  }

  public static List<JsonNode> ofKind(List<JsonNode> documents, String kind) {
    return documents.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
  }

  public static JsonNode named(List<JsonNode> documents, String kind, String name) {
    return ofKind(documents, kind).stream()
        .filter(d -> name.equals(d.at("/metadata/name").asText()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
  }
}
