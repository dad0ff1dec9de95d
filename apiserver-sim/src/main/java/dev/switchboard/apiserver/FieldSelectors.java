package dev.switchboard.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Predicate;

/**
 * Field selectors as kube-apiserver applies them to lists: comma-separated {@code path=value},
 * {@code path==value} and {@code path!=value} terms, all of which must hold. Events are selected by
 * their involvedObject this way (what {@code kubectl describe} asks for).
 */
final class FieldSelectors {
  private FieldSelectors() {}

  static Predicate<ObjectNode> parse(String selector) {
    Predicate<ObjectNode> all = o -> true;
    if (selector == null || selector.isBlank()) {
      return all;
    }
    for (String term : selector.split(",")) {
      boolean negated = term.contains("!=");
      String[] parts = term.split(negated ? "!=" : "==?", 2);
      if (parts.length != 2) {
        throw ApiError.badRequest("invalid field selector: " + term);
      }
      List<String> path = List.of(parts[0].trim().split("\\."));
      String value = parts[1].trim();
      Predicate<ObjectNode> one = o -> value.equals(at(o, path));
      all = all.and(negated ? one.negate() : one);
    }
    return all;
  }

  private static String at(JsonNode object, List<String> path) {
    JsonNode node = object;
    for (String step : path) {
      node = node.path(step);
    }
    return node.isValueNode() ? node.asText() : "";
  }
}
