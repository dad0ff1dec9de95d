package dev.switchboard.release;

import dev.switchboard.testing.Crds;
import dev.switchboard.testing.HelmCharts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * install.yaml: the chart with its default values as one file for kubectl apply, for clusters
 * without Helm. Made from the chart, so the two never differ: the namespace, the CRDs, then what
 * helm template renders.
 */
public final class InstallManifest {
  public static final String NAMESPACE = "switchboard-system";

  private InstallManifest() {}

  public static Path committed() {
    return Crds.projectRoot().resolve("install.yaml");
  }

  public static String generate() {
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
                .formatted(NAMESPACE, NAMESPACE));
    for (String crd : Crds.NAMES) {
      // Without the file's own header and separator: one comment and empty document per CRD is
      // noise here.
      out.append("---\n").append(read(Crds.committed(crd)).replaceFirst("^#[^\n]*\n---\n", ""));
    }
    String rendered =
        HelmCharts.renderText(UnaryOperator.identity())
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
