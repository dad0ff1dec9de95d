package dev.switchboard.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * The chart's values as a Markdown table (value, type, default, description), made from
 * values.schema.json (types, descriptions) and values.yaml (defaults), so the docs cannot drift
 * from the chart. Every leaf of the schema is a row, and an object the schema leaves open (a map of
 * labels, say) is one. Run as a program it replaces the table in a Markdown file between {@link
 * #START} and {@link #END}: {@code ValuesTable CHART_DIR DOC_FILE}.
 */
public final class ValuesTable {
  public static final String START = "<!-- values table: generated from values.schema.json -->";
  public static final String END = "<!-- end of values table -->";
  private static final ObjectMapper JSON = new ObjectMapper();

  private ValuesTable() {}

  public static void main(String[] args) throws IOException {
    Path doc = Path.of(args[1]);
    Files.writeString(doc, replaceIn(Files.readString(doc), new Chart(Path.of(args[0]))));
  }

  /** The document with its table made anew. */
  public static String replaceIn(String document, Chart chart) {
    int start = document.indexOf(START);
    int end = document.indexOf(END);
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("no " + START + " … " + END + " in the document");
    }
    return document.substring(0, start + START.length())
        + "\n"
        + of(chart)
        + document.substring(end);
  }

  public static String of(Chart chart) {
    JsonNode schema = read(chart.directory().resolve("values.schema.json"));
    JsonNode defaults = YamlDocuments.read(chart.directory().resolve("values.yaml")).get(0);
    StringBuilder out = new StringBuilder();
    out.append("| Value | Type | Default | Description |\n|---|---|---|---|\n");
    rows(schema, defaults, "", out);
    return out.toString();
  }

  private static void rows(JsonNode schema, JsonNode defaults, String prefix, StringBuilder out) {
    Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
    while (properties.hasNext()) {
      var property = properties.next();
      String path = prefix + property.getKey();
      JsonNode node = property.getValue();
      JsonNode value = defaults == null ? null : defaults.get(property.getKey());
      if (node.has("properties")) {
        rows(node, value, path + ".", out);
        continue;
      }
      if (path.equals("global")) {
        continue;
      }
      out.append("| `")
          .append(path)
          .append("` | ")
          .append(type(node))
          .append(" | ")
          .append(value == null ? "" : "`" + value.toString().replace("|", "\\|") + "`")
          .append(" | ")
          .append(node.path("description").asText().replace("|", "\\|"))
          .append(" |\n");
    }
  }

  private static String type(JsonNode node) {
    JsonNode type = node.path("type");
    if (type.isArray()) {
      StringBuilder both = new StringBuilder();
      type.forEach(t -> both.append(both.length() == 0 ? "" : " or ").append(t.asText()));
      return both.toString();
    }
    return type.asText("any");
  }

  private static JsonNode read(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
