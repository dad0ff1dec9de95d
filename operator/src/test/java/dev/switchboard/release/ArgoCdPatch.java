package dev.switchboard.release;

import dev.switchboard.rollout.Workload;
import dev.switchboard.testing.Crds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * argocd/argocd-cm.patch, made from the scripts under argocd/resource_customizations/ (the one copy
 * of each) and the annotation restart on rotation writes: the patch is generated, never edited by
 * hand.
 */
public final class ArgoCdPatch {
  private static final Path ROOT = Crds.projectRoot().resolve("argocd");
  private static final Path SCRIPTS = ROOT.resolve("resource_customizations/switchboard.dev");

  private ArgoCdPatch() {}

  public static Path committed() {
    return ROOT.resolve("argocd-cm.patch");
  }

  public static String generate() throws IOException {
    StringBuilder out = new StringBuilder();
    out.append(
        """
        # Switchboard's Argo CD health checks and the "test" action, for the argocd-cm ConfigMap:
        #   kubectl -n argocd patch configmap argocd-cm --type merge --patch-file argocd/argocd-cm.patch
        # Generated from the scripts under argocd/resource_customizations/ (the layout of Argo CD's own repository) by
        # mvn -pl operator test -Dtest=ArgoCdHealthTest -Dswitchboard.updateArgoCd=true; do not edit by hand. It is a
        # patch, not an object, so its name does not end in .yaml: a folder apply (kubectl apply -R -f) passes it by.
        data:
        """);
    for (String kind : List.of("Connection", "WorkspaceBinding")) {
      out.append("  resource.customizations.health.switchboard.dev_").append(kind).append(": |\n");
      out.append(indented(script(kind + "/health.lua"), 4));
    }
    out.append("  resource.customizations.actions.switchboard.dev_Connection: |\n");
    out.append("    discovery.lua: |\n")
        .append(indented(script("Connection/actions/discovery.lua"), 6));
    out.append("    definitions:\n      - name: test\n        action.lua: |\n");
    out.append(indented(script("Connection/actions/test/action.lua"), 10));
    out.append(
        """
          # Restart on rotation sets this one Pod-template annotation on opted-in workloads; without these entries Argo CD
          # would show every rolled workload as OutOfSync (and a sync would roll it back).
        """);
    String pointer =
        "/spec/template/metadata/annotations/"
            + Workload.RESTARTED_FOR_ANNOTATION.replace("/", "~1");
    for (String kind : List.of("Deployment", "StatefulSet", "DaemonSet")) {
      out.append("  resource.customizations.ignoreDifferences.apps_")
          .append(kind)
          .append(": |\n")
          .append("    jsonPointers:\n    - ")
          .append(pointer)
          .append("\n");
    }
    return out.toString();
  }

  private static String script(String file) throws IOException {
    return Files.readString(SCRIPTS.resolve(file));
  }

  private static String indented(String text, int spaces) {
    String pad = " ".repeat(spaces);
    StringBuilder out = new StringBuilder();
    text.lines().forEach(line -> out.append(line.isEmpty() ? "" : pad + line).append("\n"));
    return out.toString();
  }
}
