package dev.switchboard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.switchboard.chart.YamlDocuments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Validates documents against a committed CRD's openAPIV3Schema, as the API server would (without
 * CEL rules, which need a CEL interpreter).
 */
public final class CrdSchemas {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final JsonSchemaFactory FACTORY;

  static {
    JsonMetaSchema meta =
        JsonMetaSchema.builder(JsonMetaSchema.getV4())
            .keywords(
                List.of(
                        "x-kubernetes-validations",
                        "x-kubernetes-preserve-unknown-fields",
                        "x-kubernetes-int-or-string",
                        "x-kubernetes-embedded-resource",
                        "x-kubernetes-list-type",
                        "x-kubernetes-list-map-keys",
                        "x-kubernetes-map-type")
                    .stream()
                    .map(NonValidationKeyword::new)
                    .toList())
            .build();
    FACTORY =
        JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V4,
            b -> b.metaSchema(meta).defaultMetaSchemaIri(meta.getIri()));
  }

  private CrdSchemas() {}

  /** The committed CRDs, in the order kubectl apply -f crds/ creates them. */
  public static List<JsonNode> crds() {
    return Crds.NAMES.stream().map(CrdSchemas::crd).toList();
  }

  public static JsonNode crd(String name) {
    return read(Crds.committed(name)).get(0);
  }

  public static JsonSchema schemaOf(String crdName) {
    JsonNode schema = crd(crdName).at("/spec/versions/0/schema/openAPIV3Schema");
    return FACTORY.getSchema(schema);
  }

  /** Validation messages; empty when the document is valid. */
  public static Set<String> validate(String crdName, JsonNode document) {
    return schemaOf(crdName).validate(document).stream()
        .map(ValidationMessage::getMessage)
        .collect(Collectors.toSet());
  }

  public static List<JsonNode> read(Path file) {
    try {
      return yamlDocuments(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every document of every YAML file below a folder. */
  public static List<JsonNode> yamlDocumentsUnder(Path folder) {
    try (var files = Files.walk(folder)) {
      return files
          .filter(f -> f.toString().endsWith(".yaml"))
          .sorted()
          .flatMap(f -> read(f).stream())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every document of a multi-document YAML text, empty ones left out. */
  public static List<JsonNode> yamlDocuments(String text) {
    return YamlDocuments.parse(text);
  }

  public static JsonNode yaml(String text) {
    try {
      return YAML.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
