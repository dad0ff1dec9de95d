package dev.switchboard.chart;

import com.marcnuri.helm.Helm;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Packages the chart as helm package does, into the build's output: mvn package runs it. Args:
 * CHART_DIR OUT_DIR
 */
public final class ChartPackage {
  private ChartPackage() {}

  public static void main(String[] args) throws Exception {
    Path out = Files.createDirectories(Path.of(args[1]));
    new Helm(Path.of(args[0])).packageIt().withDestination(out).call();
  }
}
