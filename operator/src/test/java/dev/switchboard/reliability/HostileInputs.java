package dev.switchboard.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Malformed and hostile Connections and WorkspaceBindings, as raw JSON that skips all client-side
 * typing: wrong types, huge strings, unicode, missing fields, out-of-range and overflowing numbers,
 * invalid selectors, unknown subject kinds, invalid names. Each one is invalid; {@code
 * schemaRejects} says whether the CRD's structural schema (without CEL) can tell.
 */
final class HostileInputs {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String HUGE = "x".repeat(100_000);
  static final String UNICODE = "ünïcödé-☃-\u202e-\u0000-名前";

  record Hostile(String description, JsonNode resource, boolean schemaRejects) {
    String kind() {
      return resource.path("kind").asText();
    }

    String name() {
      return resource.at("/metadata/name").asText();
    }
  }

  private record Mutation(String description, boolean schemaRejects, Consumer<ObjectNode> apply) {}

  private HostileInputs() {}

  static ObjectNode validConnection(String name) {
    return (ObjectNode)
        json(
            """
        {"apiVersion": "switchboard.dev/v1alpha1", "kind": "Connection",
         "metadata": {"name": "%s", "namespace": "platform"},
         "spec": {"type": "postgresql", "host": "127.0.0.1", "port": 5432, "database": "test",
                  "credentials": {"secretRef": {"name": "pg"}}, "access": {"namespaces": ["team-a"]}}}
        """
                .formatted(name));
  }

  static ObjectNode validBinding(String name) {
    return (ObjectNode)
        json(
            """
        {"apiVersion": "switchboard.dev/v1alpha1", "kind": "WorkspaceBinding",
         "metadata": {"name": "%s", "namespace": "team-a"},
         "spec": {"connectionRef": {"name": "canary", "namespace": "platform"},
                  "subjects": [{"kind": "ServiceAccount", "name": "app"}]}}
        """
                .formatted(name));
  }

  private static List<Mutation> connectionMutations() {
    List<Mutation> m = new ArrayList<>();
    for (Object type :
        new Object[] {
          "oracle",
          "",
          "POSTGRESQL",
          UNICODE,
          HUGE,
          42,
          List.of("postgresql"),
          json("{\"a\": 1}"),
          true
        }) {
      m.add(new Mutation("type " + brief(type), true, c -> spec(c).set("type", node(type))));
    }
    m.add(new Mutation("no type", true, c -> spec(c).remove("type")));
    m.add(new Mutation("spec is text", true, c -> c.put("spec", "postgresql://x")));
    m.add(new Mutation("spec is a list", true, c -> c.set("spec", json("[1, 2]"))));
    m.add(new Mutation("no spec", false, c -> c.remove("spec")));
    m.add(new Mutation("no host (CEL)", false, c -> spec(c).remove("host")));
    m.add(new Mutation("empty host", false, c -> spec(c).put("host", "")));
    m.add(new Mutation("host is an object", true, c -> spec(c).set("host", json("{\"h\": 1}"))));
    m.add(new Mutation("host is a list", true, c -> spec(c).set("host", json("[\"a\"]"))));
    for (Object port :
        new Object[] {
          0, -1, 65536, 2147483648L, Long.MAX_VALUE, 99999, "abc", List.of(5432), json("{}"), true
        }) {
      m.add(new Mutation("port " + brief(port), true, c -> spec(c).set("port", node(port))));
    }
    m.add(
        new Mutation(
            "database is an object", true, c -> spec(c).set("database", json("{\"d\": 1}"))));
    m.add(
        new Mutation(
            "parameters is text", true, c -> spec(c).put("parameters", "sslmode=require")));
    m.add(
        new Mutation(
            "parameters nested",
            true,
            c -> spec(c).set("parameters", json("{\"a\": {\"b\": \"c\"}}"))));
    m.add(new Mutation("parameters list", true, c -> spec(c).set("parameters", json("[\"a\"]"))));
    m.add(new Mutation("credentials is text", true, c -> spec(c).put("credentials", "pg")));
    m.add(
        new Mutation(
            "credentials without secretRef", true, c -> spec(c).set("credentials", json("{}"))));
    m.add(
        new Mutation(
            "secretRef is text",
            true,
            c -> spec(c).set("credentials", json("{\"secretRef\": \"pg\"}"))));
    m.add(
        new Mutation(
            "secretRef without name",
            true,
            c -> spec(c).set("credentials", json("{\"secretRef\": {}}"))));
    m.add(
        new Mutation(
            "secretRef empty name",
            false,
            c -> spec(c).set("credentials", json("{\"secretRef\": {\"name\": \"\"}}"))));
    m.add(new Mutation("no credentials for postgresql", false, c -> spec(c).remove("credentials")));
    m.add(new Mutation("tls is text", true, c -> spec(c).put("tls", "yes")));
    m.add(
        new Mutation(
            "tls.enabled is text", true, c -> spec(c).set("tls", json("{\"enabled\": \"yes\"}"))));
    m.add(new Mutation("test is text", true, c -> spec(c).put("test", "always")));
    for (String interval :
        new String[] {"soon", "-5s", "5", "99999999999999999999h", "1d", UNICODE}) {
      m.add(
          new Mutation(
              "test.interval " + brief(interval),
              !interval.equals("99999999999999999999h"),
              c -> spec(c).set("test", json("{\"interval\": " + quote(interval) + "}"))));
    }
    m.add(
        new Mutation(
            "test.timeout as number", true, c -> spec(c).set("test", json("{\"timeout\": 10}"))));
    m.add(new Mutation("access is text", true, c -> spec(c).put("access", "everyone")));
    m.add(
        new Mutation(
            "access.namespaces is text",
            true,
            c -> spec(c).set("access", json("{\"namespaces\": \"team-a\"}"))));
    for (String op : new String[] {"Like", "", "in", "Exists\\\"x"}) {
      m.add(
          new Mutation(
              "selector operator " + brief(op),
              false,
              c ->
                  spec(c)
                      .set(
                          "access",
                          json(
                              "{\"namespaceSelector\": {\"matchExpressions\": [{\"key\": \"tenant\", \"operator\": \""
                                  + op
                                  + "\", \"values\": [\"acme\"]}]}}"))));
    }
    m.add(
        new Mutation(
            "selector In without values",
            false,
            c ->
                spec(c)
                    .set(
                        "access",
                        json(
                            "{\"namespaceSelector\": {\"matchExpressions\": [{\"key\": \"tenant\", \"operator\": \"In\"}]}}"))));
    m.add(
        new Mutation(
            "selector without key",
            false,
            c ->
                spec(c)
                    .set(
                        "access",
                        json(
                            "{\"namespaceSelector\": {\"matchExpressions\": [{\"operator\": \"Exists\"}]}}"))));
    m.add(
        new Mutation(
            "redis database not a number",
            false,
            c -> {
              spec(c).put("type", "redis");
              spec(c).put("database", "zero");
            }));
    m.add(new Mutation("http without url (CEL)", false, c -> spec(c).put("type", "http")));
    m.add(
        new Mutation(
            "http with ftp url",
            false,
            c -> {
              spec(c).put("type", "http");
              spec(c).put("url", "ftp://example.com/x");
            }));
    m.add(
        new Mutation(
            "http url not a URL",
            false,
            c -> {
              spec(c).put("type", "http");
              spec(c).put("url", "http://exa mple.com/%%");
            }));
    m.add(
        new Mutation(
            "tcp without port",
            false,
            c -> {
              spec(c).put("type", "tcp");
              spec(c).remove("port");
            }));
    return m;
  }

  private static List<Mutation> bindingMutations() {
    List<Mutation> m = new ArrayList<>();
    m.add(new Mutation("no connectionRef", true, b -> spec(b).remove("connectionRef")));
    m.add(new Mutation("connectionRef is text", true, b -> spec(b).put("connectionRef", "canary")));
    m.add(
        new Mutation(
            "connectionRef without name",
            true,
            b -> spec(b).set("connectionRef", json("{\"namespace\": \"platform\"}"))));
    m.add(
        new Mutation(
            "connectionRef name is a list",
            true,
            b ->
                spec(b)
                    .set(
                        "connectionRef",
                        json("{\"name\": [\"canary\"], \"namespace\": \"platform\"}"))));
    for (String name :
        new String[] {
          "Not_A_Name",
          "../etc/passwd",
          UNICODE,
          "a".repeat(300),
          "-leading",
          "UPPER",
          "trailing-",
          "with space"
        }) {
      m.add(new Mutation("secretName " + brief(name), true, b -> spec(b).put("secretName", name)));
    }
    m.add(new Mutation("subjects is text", true, b -> spec(b).put("subjects", "everyone")));
    m.add(new Mutation("subjects of numbers", true, b -> spec(b).set("subjects", json("[1, 2]"))));
    for (String kind : new String[] {"Robot", "", "serviceaccount", UNICODE}) {
      m.add(
          new Mutation(
              "subject kind " + brief(kind),
              false,
              b ->
                  spec(b)
                      .set(
                          "subjects", json("[{\"kind\": " + quote(kind) + ", \"name\": \"r\"}]"))));
    }
    m.add(
        new Mutation(
            "subject without name",
            false,
            b -> spec(b).set("subjects", json("[{\"kind\": \"ServiceAccount\"}]"))));
    m.add(
        new Mutation(
            "ServiceAccount from another namespace",
            false,
            b ->
                spec(b)
                    .set(
                        "subjects",
                        json(
                            "[{\"kind\": \"ServiceAccount\", \"name\": \"spy\", \"namespace\": \"team-b\"}]"))));
    m.add(new Mutation("no spec", false, b -> b.remove("spec")));
    m.add(new Mutation("spec is text", true, b -> b.put("spec", "bind")));
    return m;
  }

  /**
   * At least {@code count} hostile resources: every single mutation, then random pairs, from a
   * fixed seed.
   */
  static List<Hostile> generate(int count, long seed) {
    List<Mutation> conn = connectionMutations();
    List<Mutation> bind = bindingMutations();
    List<Hostile> out = new ArrayList<>();
    for (Mutation mutation : conn) {
      out.add(apply(validConnection("c-" + out.size()), mutation));
    }
    for (Mutation mutation : bind) {
      out.add(apply(validBinding("b-" + out.size()), mutation));
    }
    Random random = new Random(seed);
    while (out.size() < count) {
      boolean connection = random.nextBoolean();
      List<Mutation> pool = connection ? conn : bind;
      Mutation a = pool.get(random.nextInt(pool.size()));
      Mutation b = pool.get(random.nextInt(pool.size()));
      ObjectNode base =
          connection ? validConnection("c-" + out.size()) : validBinding("b-" + out.size());
      Hostile first = apply(base, a);
      boolean specIntact = first.resource().path("spec").isObject();
      if (specIntact) {
        b.apply().accept((ObjectNode) first.resource());
      }
      // A second mutation that removes or replaces the whole spec undoes the first.
      boolean replacesSpec =
          b.description().startsWith("no spec") || b.description().startsWith("spec is");
      boolean applied = specIntact;
      out.add(
          new Hostile(
              a.description() + " + " + b.description(),
              first.resource(),
              replacesSpec && applied
                  ? b.schemaRejects()
                  : a.schemaRejects() || (applied && b.schemaRejects())));
    }
    return out;
  }

  private static Hostile apply(ObjectNode base, Mutation mutation) {
    mutation.apply().accept(base);
    return new Hostile(mutation.description(), base, mutation.schemaRejects());
  }

  private static ObjectNode spec(ObjectNode resource) {
    if (!resource.path("spec").isObject()) {
      resource.putObject("spec");
    }
    return (ObjectNode) resource.get("spec");
  }

  private static JsonNode node(Object value) {
    return JSON.valueToTree(value);
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  private static String quote(String s) {
    return JSON.valueToTree(s).toString();
  }

  private static String brief(Object o) {
    String s = String.valueOf(o);
    return s.length() > 20 ? s.substring(0, 20) + "…(" + s.length() + ")" : s;
  }
}
