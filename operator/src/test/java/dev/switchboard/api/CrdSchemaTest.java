package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.plugin.PluginRegistry;
import dev.switchboard.testing.CrdSchemas;
import dev.switchboard.testing.Crds;
import dev.switchboard.testing.UnitTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What the API server accepts: the examples, and not the usual mistakes. */
@UnitTest
class CrdSchemaTest {
  private static final String CONNECTIONS = "connections.switchboard.dev";
  private static final String BINDINGS = "workspacebindings.switchboard.dev";

  static Stream<Arguments> exampleResources() throws IOException {
    try (Stream<Path> files = Files.walk(Crds.projectRoot().resolve("examples"))) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream()
          .flatMap(
              p ->
                  CrdSchemas.read(p).stream()
                      .filter(d -> d.path("apiVersion").asText().startsWith("switchboard.dev/"))
                      .map(
                          d ->
                              Arguments.of(
                                  Crds.projectRoot().relativize(p)
                                      + " "
                                      + d.at("/metadata/name").asText(),
                                  d)));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("exampleResources")
  void everyExampleValidatesAgainstTheCrd(String where, JsonNode document) {
    String crd = "Connection".equals(document.path("kind").asText()) ? CONNECTIONS : BINDINGS;
    assertThat(CrdSchemas.validate(crd, document)).as(where).isEmpty();
  }

  @Test
  void thereAreExamplesOfEveryType() throws IOException {
    List<String> types =
        exampleResources()
            .map(a -> (JsonNode) a.get()[1])
            .filter(d -> "Connection".equals(d.path("kind").asText()))
            .map(d -> d.at("/spec/type").asText())
            .distinct()
            .toList();
    assertThat(types).containsAll(PluginRegistry.builtIn().types());
  }

  /**
   * {@code kubectl apply -R -f examples/} must never replace a Secret that the README or docs have
   * a user create with real credentials.
   */
  @Test
  void exampleSecretsNeverTakeANameTheDocsHaveUsersCreate() throws IOException {
    Set<String> documented = new TreeSet<>();
    Pattern ref = Pattern.compile("secretRef: \\{name: ([a-z0-9.-]+)");
    List<Path> pages = new ArrayList<>(List.of(Crds.projectRoot().resolve("README.md")));
    try (Stream<Path> docs = Files.list(Crds.projectRoot().resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).forEach(pages::add);
    }
    for (Path page : pages) {
      Matcher m = ref.matcher(Files.readString(page));
      while (m.find()) {
        documented.add(m.group(1));
      }
    }
    assertThat(documented).as("the test reads the docs' Secret names").isNotEmpty();
    List<String> exampleSecrets;
    try (Stream<Path> files = Files.walk(Crds.projectRoot().resolve("examples"))) {
      exampleSecrets =
          files
              .filter(p -> p.toString().endsWith(".yaml"))
              .flatMap(p -> CrdSchemas.read(p).stream())
              .filter(d -> "Secret".equals(d.path("kind").asText()))
              .map(d -> d.at("/metadata/name").asText())
              .toList();
    }
    assertThat(exampleSecrets).doesNotContainAnyElementsOf(documented);
  }

  static Stream<Arguments> badConnections() {
    return Stream.of(
        Arguments.of("unknown type", "spec: {type: oracle, host: db}"),
        Arguments.of("missing type", "spec: {host: db}"),
        Arguments.of("port 0", "spec: {type: postgresql, host: db, port: 0}"),
        Arguments.of("port 65536", "spec: {type: postgresql, host: db, port: 65536}"),
        Arguments.of("port as text", "spec: {type: postgresql, host: db, port: five}"),
        Arguments.of(
            "credentials without secretRef", "spec: {type: postgresql, host: db, credentials: {}}"),
        Arguments.of(
            "interval not a duration", "spec: {type: redis, host: r, test: {interval: soon}}"),
        Arguments.of(
            "parameters not strings", "spec: {type: redis, host: r, parameters: {a: {b: c}}}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badConnections")
  void badConnectionsAreRejected(String what, String yaml) {
    assertThat(CrdSchemas.validate(CONNECTIONS, CrdSchemas.yaml(yaml))).as(what).isNotEmpty();
  }

  static Stream<Arguments> badBindings() {
    return Stream.of(
        Arguments.of("missing connectionRef", "spec: {secretName: x}"),
        Arguments.of("connectionRef without name", "spec: {connectionRef: {namespace: platform}}"),
        Arguments.of(
            "secretName not a name", "spec: {connectionRef: {name: db}, secretName: Not_A_Name}"),
        Arguments.of(
            "subjects not a list", "spec: {connectionRef: {name: db}, subjects: everyone}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badBindings")
  void badBindingsAreRejected(String what, String yaml) {
    assertThat(CrdSchemas.validate(BINDINGS, CrdSchemas.yaml(yaml))).as(what).isNotEmpty();
  }

  @Test
  void celRulesSayWhatTheSchemaCannot() {
    JsonNode rules =
        CrdSchemas.crd(CONNECTIONS)
            .at("/spec/versions/0/schema/openAPIV3Schema/properties/spec/x-kubernetes-validations");
    assertThat(rules.findValuesAsText("rule"))
        .containsExactlyInAnyOrder(
            "!(self.type in ['http', 's3']) || has(self.url)",
            "self.type in ['http', 's3'] || has(self.host)",
            "self.type != 'tcp' || has(self.port)",
            "!(self.type in ['postgresql', 'mysql', 'mariadb', 'rabbitmq', 's3'])"
                + " || has(self.credentials)",
            "!has(self.provisioning) || !has(self.provisioning.mode)"
                + " || self.provisioning.mode != 'PerBinding' || has(self.credentials)");
  }

  @Test
  void noDefaultsAreWrittenIntoSpec() throws IOException {
    for (String name : Crds.NAMES) {
      assertThat(Files.readString(Crds.committed(name))).as(name).doesNotContain("default:");
    }
  }

  /** kubectl explain shows these: a field without one leaves a user guessing. */
  @ParameterizedTest
  @ValueSource(strings = {CONNECTIONS, BINDINGS})
  void everyFieldHasADescription(String crd) throws IOException {
    JsonNode schema =
        CrdSchemas.read(Crds.committed(crd)).get(0).at("/spec/versions/0/schema/openAPIV3Schema");
    List<String> undescribed = new ArrayList<>();
    collectUndescribed(schema, "", undescribed);
    assertThat(undescribed).as("fields of %s without a description", crd).isEmpty();
  }

  private static void collectUndescribed(JsonNode schema, String path, List<String> undescribed) {
    if (schema.isMissingNode()) {
      return;
    }
    schema
        .path("properties")
        .fields()
        .forEachRemaining(
            field -> {
              String child = path + "." + field.getKey();
              // Kubernetes describes these itself.
              boolean standard =
                  path.isEmpty()
                      && List.of("apiVersion", "kind", "metadata").contains(field.getKey());
              if (!standard && field.getValue().path("description").asText().isBlank()) {
                undescribed.add(child);
              }
              collectUndescribed(field.getValue(), child, undescribed);
            });
    collectUndescribed(schema.path("items"), path + "[]", undescribed);
    if (schema.has("additionalProperties")) {
      collectUndescribed(schema.path("additionalProperties"), path + "{}", undescribed);
    }
  }
}
