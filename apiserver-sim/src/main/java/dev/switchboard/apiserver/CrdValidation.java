package dev.switchboard.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.NullValue;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * What kube-apiserver does with a custom resource before storing it: prunes fields its structural
 * schema does not declare (unless x-kubernetes-preserve-unknown-fields), validates it against the
 * schema, then evaluates every x-kubernetes-validations rule with CEL (self, and oldSelf on
 * updates), all with the API server's wording. Values an update leaves unchanged are not validated
 * again (ratcheting).
 */
final class CrdValidation {
  private static final CelCompiler COMPILER =
      CelCompilerFactory.standardCelCompilerBuilder()
          .addVar("self", SimpleType.DYN)
          .addVar("oldSelf", SimpleType.DYN)
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .build();
  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();
  private static final Map<String, CelRuntime.Program> PROGRAMS = new ConcurrentHashMap<>();

  private CrdValidation() {}

  /** Prunes the object in place and returns the field errors of the validated result. */
  static List<FieldError> pruneAndValidate(JsonNode crd, ObjectNode object, JsonNode old) {
    return pruneAndValidate(crd, object, old, new ArrayList<>());
  }

  /**
   * As above, and names each field pruned (for fieldValidation=Strict, which refuses them instead).
   */
  static List<FieldError> pruneAndValidate(
      JsonNode crd, ObjectNode object, JsonNode old, List<String> pruned) {
    JsonNode schema = crd.at("/spec/versions/0/schema/openAPIV3Schema");
    List<FieldError> errors = new ArrayList<>();
    // metadata, apiVersion and kind are the API server's own; everything else is pruned and
    // validated.
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      var field = it.next();
      String key = field.getKey();
      if (key.equals("metadata") || key.equals("apiVersion") || key.equals("kind")) {
        continue;
      }
      JsonNode fieldSchema = schema.path("properties").path(key);
      if (fieldSchema.isMissingNode()) {
        pruned.add(key);
        it.remove();
        continue;
      }
      prune(fieldSchema, field.getValue(), key, pruned);
      JsonNode oldValue = old == null || old.get(key) == null ? null : old.get(key).deepCopy();
      if (oldValue != null) {
        // Compared as stored: the stored object was pruned by the same schema (or by an older one).
        prune(fieldSchema, oldValue, key, new ArrayList<>());
      }
      validate(fieldSchema, field.getValue(), oldValue, key, errors);
    }
    for (JsonNode required : schema.path("required")) {
      if (!object.has(required.asText())) {
        errors.add(FieldError.required(required.asText(), ""));
      }
    }
    return errors;
  }

  static void prune(JsonNode schema, JsonNode value, String path, List<String> pruned) {
    if (schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
      return;
    }
    if (value instanceof ObjectNode obj) {
      JsonNode properties = schema.path("properties");
      JsonNode additional = schema.path("additionalProperties");
      for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
        var field = it.next();
        String child = path + "." + field.getKey();
        if (properties.has(field.getKey())) {
          prune(properties.get(field.getKey()), field.getValue(), child, pruned);
        } else if (additional.isObject()) {
          prune(additional, field.getValue(), child, pruned);
        } else if (!schema.path("x-kubernetes-embedded-resource").asBoolean(false)) {
          pruned.add(child);
          it.remove();
        }
      }
    } else if (value instanceof ArrayNode array && schema.has("items")) {
      int i = 0;
      for (JsonNode item : array) {
        prune(schema.get("items"), item, path + "[" + i++ + "]", pruned);
      }
    }
  }

  private static void validate(
      JsonNode schema, JsonNode value, JsonNode old, String path, List<FieldError> errors) {
    if (old != null && value.equals(old)) {
      // Validation ratcheting (CRDValidationRatcheting, on by default since Kubernetes 1.30): an
      // update may keep a value that today's schema would refuse, as long as it does not change it.
      return;
    }
    if (value.isNull()) {
      if (!schema.path("nullable").asBoolean(false)) {
        errors.add(
            new FieldError(
                FieldError.Type.TYPE_INVALID,
                path,
                "null",
                path + " in body must be of type " + schema.path("type").asText() + ": \"null\""));
      }
      return;
    }
    if (!typeMatches(schema, value)) {
      errors.add(
          new FieldError(
              FieldError.Type.TYPE_INVALID,
              path,
              typeName(value),
              path
                  + " in body must be of type "
                  + schema.path("type").asText()
                  + ": \""
                  + typeName(value)
                  + "\""));
      return;
    }
    int before = errors.size();
    if (schema.has("enum")) {
      boolean listed = false;
      List<String> supported = new ArrayList<>();
      for (JsonNode e : schema.get("enum")) {
        listed |= e.equals(value);
        supported.add("\"" + e.asText() + "\"");
      }
      if (!listed) {
        errors.add(
            new FieldError(
                FieldError.Type.NOT_SUPPORTED,
                path,
                value.asText(),
                "supported values: " + String.join(", ", supported)));
      }
    }
    if (value.isNumber()) {
      if (schema.has("minimum") && value.asDouble() < schema.get("minimum").asDouble()) {
        errors.add(
            FieldError.invalid(
                path,
                value.numberValue(),
                path
                    + " in body should be greater than or equal to "
                    + schema.get("minimum").asText()));
      }
      if (schema.has("maximum") && value.asDouble() > schema.get("maximum").asDouble()) {
        errors.add(
            FieldError.invalid(
                path,
                value.numberValue(),
                path
                    + " in body should be less than or equal to "
                    + schema.get("maximum").asText()));
      }
    }
    if (value.isTextual()) {
      String s = value.asText();
      if (schema.has("maxLength")
          && s.codePointCount(0, s.length()) > schema.get("maxLength").asInt()) {
        errors.add(
            new FieldError(
                FieldError.Type.TOO_LONG,
                path,
                null,
                "may not be more than " + schema.get("maxLength").asInt() + " bytes"));
      }
      if (schema.has("minLength")
          && s.codePointCount(0, s.length()) < schema.get("minLength").asInt()) {
        errors.add(
            FieldError.invalid(
                path,
                s,
                path
                    + " in body should be at least "
                    + schema.get("minLength").asInt()
                    + " chars long"));
      }
      if (schema.has("pattern")
          && !Pattern.compile(schema.get("pattern").asText()).matcher(s).find()) {
        errors.add(
            FieldError.invalid(
                path, s, path + " in body should match '" + schema.get("pattern").asText() + "'"));
      }
    }
    if (value.isObject()) {
      for (JsonNode required : schema.path("required")) {
        if (!value.has(required.asText())) {
          errors.add(FieldError.required(path + "." + required.asText(), ""));
        }
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        var field = it.next();
        JsonNode child =
            schema.path("properties").has(field.getKey())
                ? schema.path("properties").get(field.getKey())
                : schema.path("additionalProperties");
        if (child.isObject()) {
          validate(
              child,
              field.getValue(),
              old == null ? null : old.get(field.getKey()),
              path + "." + field.getKey(),
              errors);
        }
      }
    }
    if (value.isArray()) {
      if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
        errors.add(
            new FieldError(
                FieldError.Type.TOO_LONG,
                path,
                null,
                "must have at most " + schema.get("maxItems").asInt() + " items"));
      }
      int i = 0;
      for (JsonNode item : value) {
        validate(schema.path("items"), item, null, path + "[" + i++ + "]", errors);
      }
    }
    // CEL rules run only on a value whose schema validation passed, as the API server does.
    if (errors.size() == before) {
      for (JsonNode rule : schema.path("x-kubernetes-validations")) {
        celRule(rule, value, old, path, errors);
      }
    }
  }

  private static void celRule(
      JsonNode rule, JsonNode value, JsonNode old, String path, List<FieldError> errors) {
    String expression = rule.path("rule").asText();
    boolean transition = expression.contains("oldSelf");
    if (transition && old == null) {
      return;
    }
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("self", toCel(value));
    if (transition) {
      vars.put("oldSelf", toCel(old));
    }
    Object result;
    try {
      result = program(expression).eval(vars);
    } catch (CelEvaluationException e) {
      errors.add(
          FieldError.invalid(path, typeName(value), "rule evaluation error: " + e.getMessage()));
      return;
    }
    if (!Boolean.TRUE.equals(result)) {
      String message =
          rule.has("message") ? rule.get("message").asText() : "failed rule: " + expression;
      String field = rule.has("fieldPath") ? path + rule.get("fieldPath").asText() : path;
      errors.add(FieldError.invalid(field, typeName(value), message));
    }
  }

  private static CelRuntime.Program program(String expression) {
    return PROGRAMS.computeIfAbsent(
        expression,
        e -> {
          try {
            return RUNTIME.createProgram(COMPILER.compile(e).getAst());
          } catch (CelValidationException | CelEvaluationException invalid) {
            throw new IllegalArgumentException(
                "CRD rule does not compile: " + e + ": " + invalid.getMessage(), invalid);
          }
        });
  }

  /** JSON as CEL sees it: maps, lists, int64, double, string, bool. */
  static Object toCel(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> out = new LinkedHashMap<>();
      node.fields().forEachRemaining(e -> out.put(e.getKey(), toCel(e.getValue())));
      return out;
    }
    if (node.isArray()) {
      List<Object> out = new ArrayList<>();
      node.forEach(n -> out.add(toCel(n)));
      return out;
    }
    if (node.isIntegralNumber()) {
      return node.asLong();
    }
    if (node.isNumber()) {
      return node.asDouble();
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    return node.isNull() ? NullValue.NULL_VALUE : node.asText();
  }

  private static boolean typeMatches(JsonNode schema, JsonNode value) {
    if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
      return value.isIntegralNumber() || value.isTextual();
    }
    return switch (schema.path("type").asText("")) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isTextual();
      case "integer" -> value.isIntegralNumber();
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      default -> true;
    };
  }

  private static String typeName(JsonNode value) {
    if (value.isObject()) {
      return "object";
    }
    if (value.isArray()) {
      return "array";
    }
    if (value.isTextual()) {
      return "string";
    }
    if (value.isIntegralNumber()) {
      return "integer";
    }
    if (value.isNumber()) {
      return "number";
    }
    return value.isBoolean() ? "boolean" : "null";
  }
}
