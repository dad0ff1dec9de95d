package dev.switchboard.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Multi-document YAML as kubectl and Helm read it: empty documents are left out. */
public final class YamlDocuments {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private YamlDocuments() {}

  public static List<JsonNode> parse(String text) {
    try (var parser = YAML.getFactory().createParser(text)) {
      return YAML.readValues(parser, JsonNode.class).readAll().stream()
          .filter(n -> n != null && !n.isNull() && !n.isMissingNode() && n.size() > 0)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<JsonNode> read(Path file) {
    try {
      return parse(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
