package dev.switchboard.chart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * install.yaml: the chart with its default values as one file for kubectl apply, for clusters
 * without Helm. Made from the chart, so the two never differ: the namespace, the CRDs, then what
 * helm template renders. Run as a program it writes the file: {@code InstallManifest CHART_DIR
 * OUT_FILE}.
 */
public final class InstallManifest {
  private InstallManifest() {}

  public static void main(String[] args) throws IOException {
    Files.writeString(Path.of(args[1]), generate(new Chart(Path.of(args[0]))));
  }

  public static String generate(Chart chart) {
    StringBuilder out =
        new StringBuilder(
            """
        # Switchboard, installed without Helm: kubectl apply -f install.yaml
        # Generated from helm/switchboard with its default values (release switchboard, namespace %s); do not edit.
        # To change values, install the chart with Helm instead, or render it: helm template switchboard helm/switchboard
        ---
        apiVersion: v1
        kind: Namespace
        metadata:
          name: %s
        """
                .formatted(Chart.NAMESPACE, Chart.NAMESPACE));
    for (Path crd : chart.crdFiles()) {
      // Without the file's own header and separator: one comment and empty document per CRD is
      // noise here.
      out.append("---\n").append(read(crd).replaceFirst("^#[^\n]*\n---\n", ""));
    }
    String rendered =
        chart
            .renderText(UnaryOperator.identity())
            // Nobody's Helm release: kubectl applied it.
            .replace("app.kubernetes.io/managed-by: Helm", "app.kubernetes.io/managed-by: kubectl");
    out.append(rendered.startsWith("---") ? rendered : "---\n" + rendered);
    return out.toString().endsWith("\n") ? out.toString() : out + "\n";
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
