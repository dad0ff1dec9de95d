package dev.switchboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.chart.Chart;
import dev.switchboard.chart.YamlDocuments;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM flags the chart runs the operator with, for a JVM outside a container: the chart's {@code
 * operator.javaOptions}, with a percentage of the container's memory limit turned into the heap
 * size it gives inside that limit ({@code resources.limits.memory}).
 */
final class ChartJvmFlags {
  private ChartJvmFlags() {}

  static List<String> of(Chart chart) {
    JsonNode values = YamlDocuments.read(chart.directory().resolve("values.yaml")).get(0);
    long limitMiB = mebibytes(values.at("/resources/limits/memory").asText());
    List<String> flags = new ArrayList<>();
    for (String flag : values.at("/operator/javaOptions").asText().trim().split("\\s+")) {
      if (flag.startsWith("-XX:MaxRAMPercentage=")) {
        double percent = Double.parseDouble(flag.substring(flag.indexOf('=') + 1));
        flags.add("-Xmx" + Math.round(limitMiB * percent / 100) + "m");
      } else if (!flag.isEmpty()) {
        flags.add(flag);
      }
    }
    return flags;
  }

  /** A Kubernetes memory quantity in Mi or Gi. */
  static long mebibytes(String quantity) {
    if (quantity.endsWith("Gi")) {
      return Long.parseLong(quantity.substring(0, quantity.length() - 2)) * 1024;
    }
    if (quantity.endsWith("Mi")) {
      return Long.parseLong(quantity.substring(0, quantity.length() - 2));
    }
    throw new IllegalArgumentException("memory limit " + quantity + " is not in Mi or Gi");
  }
}
