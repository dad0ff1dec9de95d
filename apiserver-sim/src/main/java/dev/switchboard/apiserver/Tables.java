package dev.switchboard.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The meta.k8s.io/v1 Table form of custom resources, built from the CRD's additionalPrinterColumns
 * as the API server's CRD table convertor does: what `kubectl get` prints as columns.
 */
final class Tables {
  private static final Pattern STEP =
      Pattern.compile("\\.([A-Za-z0-9_-]+)|\\[\\?\\(@\\.([A-Za-z0-9_]+)==\"([^\"]*)\"\\)\\]");

  private Tables() {}

  static boolean wanted(String accept) {
    return accept != null && accept.contains("as=Table");
  }

  static MockResponse answer(JsonNode crd, List<ObjectNode> objects) {
    ObjectNode table =
        Store.JSON.createObjectNode().put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
    table.putObject("metadata");
    ArrayNode columns = table.putArray("columnDefinitions");
    columns
        .addObject()
        .put("name", "Name")
        .put("type", "string")
        .put("format", "name")
        .put("priority", 0)
        .put("description", "Name must be unique within a namespace.");
    JsonNode printerColumns = crd.at("/spec/versions/0/additionalPrinterColumns");
    for (JsonNode c : printerColumns) {
      columns
          .addObject()
          .put("name", c.path("name").asText())
          .put("type", c.path("type").asText())
          .put("format", c.path("format").asText(""))
          .put("priority", c.path("priority").asInt(0))
          .put("description", c.path("description").asText(""));
    }
    ArrayNode rows = table.putArray("rows");
    for (ObjectNode object : objects) {
      ObjectNode row = rows.addObject();
      ArrayNode cells = row.putArray("cells");
      cells.add(object.at("/metadata/name").asText());
      for (JsonNode c : printerColumns) {
        JsonNode value = evaluate(object, c.path("jsonPath").asText());
        if (value == null) {
          cells.addNull();
        } else if ("date".equals(c.path("type").asText())) {
          cells.add(humanAge(value.asText()));
        } else {
          cells.add(value);
        }
      }
      ObjectNode partial =
          row.putObject("object")
              .put("kind", "PartialObjectMetadata")
              .put("apiVersion", "meta.k8s.io/v1");
      partial.set("metadata", object.get("metadata"));
    }
    return new MockResponse()
        .setResponseCode(200)
        .setHeader("Content-Type", "application/json")
        .setBody(Store.write(table));
  }

  /**
   * core/v1 Events as the API server's event printer gives them: what `kubectl get events` shows.
   */
  static MockResponse events(List<ObjectNode> events) {
    ObjectNode table =
        Store.JSON.createObjectNode().put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
    table.putObject("metadata");
    ArrayNode columns = table.putArray("columnDefinitions");
    for (String name : List.of("Last Seen", "Type", "Reason", "Object", "Message")) {
      columns
          .addObject()
          .put("name", name)
          .put("type", "string")
          .put("format", "")
          .put("priority", 0)
          .put("description", "");
    }
    ArrayNode rows = table.putArray("rows");
    for (ObjectNode event : events) {
      String seen =
          event.path("lastTimestamp").isTextual()
              ? event.get("lastTimestamp").asText()
              : event.path("eventTime").isTextual()
                  ? event.get("eventTime").asText()
                  : event.at("/metadata/creationTimestamp").asText();
      ObjectNode row = rows.addObject();
      row.putArray("cells")
          .add(humanAge(seen))
          .add(event.path("type").asText())
          .add(event.path("reason").asText())
          .add(
              event.at("/involvedObject/kind").asText().toLowerCase(Locale.ROOT)
                  + "/"
                  + event.at("/involvedObject/name").asText())
          .add(event.path("message").asText());
      ObjectNode partial =
          row.putObject("object")
              .put("kind", "PartialObjectMetadata")
              .put("apiVersion", "meta.k8s.io/v1");
      partial.set("metadata", event.get("metadata"));
    }
    return new MockResponse()
        .setResponseCode(200)
        .setHeader("Content-Type", "application/json")
        .setBody(Store.write(table));
  }

  /**
   * The JSONPath forms printer columns use: field steps and [?(@.key=="value")] filters; the first
   * match.
   */
  static JsonNode evaluate(JsonNode object, String path) {
    List<JsonNode> current = new ArrayList<>(List.of(object));
    Matcher m = STEP.matcher(path);
    int at = 0;
    while (m.find() && m.start() == at) {
      at = m.end();
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode node : current) {
        if (m.group(1) != null) {
          if (node.has(m.group(1))) {
            next.add(node.get(m.group(1)));
          }
        } else {
          for (JsonNode item : node) {
            if (m.group(3).equals(item.path(m.group(2)).asText(null))) {
              next.add(item);
            }
          }
        }
      }
      current = next;
    }
    return at == path.length() && !current.isEmpty() ? current.get(0) : null;
  }

  /**
   * duration.HumanDuration of the time since a timestamp, as the table convertor prints date
   * columns.
   */
  static String humanAge(String timestamp) {
    Duration d;
    try {
      d = Duration.between(Instant.parse(timestamp), Instant.now());
    } catch (DateTimeParseException e) {
      return "<invalid>";
    }
    long s = Math.max(0, d.getSeconds());
    if (s < 120) {
      return s + "s";
    }
    long m = s / 60;
    if (m < 10) {
      return s % 60 == 0 ? m + "m" : m + "m" + (s % 60) + "s";
    }
    if (m < 180) {
      return m + "m";
    }
    long h = m / 60;
    if (h < 8) {
      return m % 60 == 0 ? h + "h" : h + "h" + (m % 60) + "m";
    }
    if (h < 48) {
      return h + "h";
    }
    long days = h / 24;
    return days < 8 && h % 24 != 0 ? days + "d" + (h % 24) + "h" : days + "d";
  }
}
