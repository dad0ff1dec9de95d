package dev.switchboard.chart;

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
import java.util.stream.Stream;

/**
 * Switchboard's Helm chart, rendered with real Helm (helm-java) as {@code helm template switchboard
 * --namespace switchboard-system} does: what the tests install into their API server, what the
 * playground installs, and what install.yaml is made of.
 */
public final class Chart {
  public static final String RELEASE = "switchboard";
  public static final String NAMESPACE = "switchboard-system";

  private final Path directory;
  private Path renderable;

  /**
   * @param directory the chart's folder (helm/switchboard in the repository)
   */
  public Chart(Path directory) {
    this.directory = directory;
  }

  /** The chart in a checkout of the repository. */
  public static Chart inRepository(Path root) {
    return new Chart(root.resolve("helm/switchboard"));
  }

  public Path directory() {
    return directory;
  }

  /** The CRDs the chart installs before its templates (its crds/ folder), in name order. */
  public List<JsonNode> crds() {
    return crdFiles().stream().flatMap(f -> YamlDocuments.read(f).stream()).toList();
  }

  public List<Path> crdFiles() {
    try (Stream<Path> files = Files.list(directory.resolve("crds"))) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The documents the templates render with these values (as {@code helm template --set}). */
  public List<JsonNode> render(Map<String, Object> values) {
    return render(
        t -> {
          values.forEach(t::set);
          return t;
        });
  }

  public List<JsonNode> render(UnaryOperator<TemplateCommand> options) {
    return YamlDocuments.parse(renderText(options));
  }

  /** The manifest helm template prints. */
  public String renderText(UnaryOperator<TemplateCommand> options) {
    return options
        .apply(new Helm(renderable()).template().withName(RELEASE).withNamespace(NAMESPACE))
        .call();
  }

  /**
   * The chart as rendered here: a copy without its kubeVersion constraint. helm-java renders as
   * Kubernetes v1.20.0 (Helm's built-in default when it is used as a library) and has no option to
   * say otherwise, so the constraint would refuse every render; helm install and helm template
   * check it against the real cluster's version.
   */
  private synchronized Path renderable() {
    if (renderable == null) {
      try {
        Path copy = Files.createTempDirectory("switchboard-chart").resolve("switchboard");
        try (Stream<Path> files = Files.walk(directory)) {
          for (Path source : files.toList()) {
            Path target = copy.resolve(directory.relativize(source).toString());
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

  public static List<JsonNode> ofKind(List<JsonNode> documents, String kind) {
    return documents.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
  }
}
