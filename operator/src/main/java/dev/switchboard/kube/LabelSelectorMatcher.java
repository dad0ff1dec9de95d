package dev.switchboard.kube;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/** Evaluates a metav1.LabelSelector against labels, with the API server's semantics. */
public final class LabelSelectorMatcher {
  private LabelSelectorMatcher() {}

  /** Problems that make the selector unusable; an empty list means it is valid. */
  public static List<String> problems(LabelSelector selector) {
    if (selector == null || selector.getMatchExpressions() == null) {
      return List.of();
    }
    return selector.getMatchExpressions().stream()
        .map(LabelSelectorMatcher::problem)
        .filter(p -> p != null)
        .toList();
  }

  private static String problem(LabelSelectorRequirement r) {
    if (r == null || r.getKey() == null || r.getKey().isEmpty()) {
      return "a matchExpression has no key";
    }
    String op = r.getOperator();
    boolean hasValues = r.getValues() != null && !r.getValues().isEmpty();
    if ("In".equals(op) || "NotIn".equals(op)) {
      return hasValues ? null : "operator " + op + " needs values";
    }
    if ("Exists".equals(op) || "DoesNotExist".equals(op)) {
      return hasValues ? "operator " + op + " takes no values" : null;
    }
    return "unknown operator " + op;
  }

  /** An empty selector matches everything, as in Kubernetes; an invalid one matches nothing. */
  public static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (!problems(selector).isEmpty()) {
      return false;
    }
    Map<String, String> actual = labels == null ? Map.of() : labels;
    if (selector.getMatchLabels() != null) {
      for (var e : selector.getMatchLabels().entrySet()) {
        if (!e.getValue().equals(actual.get(e.getKey()))) {
          return false;
        }
      }
    }
    if (selector.getMatchExpressions() != null) {
      for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
        String value = actual.get(r.getKey());
        boolean ok =
            switch (r.getOperator()) {
              case "In" -> value != null && r.getValues().contains(value);
              case "NotIn" -> value == null || !r.getValues().contains(value);
              case "Exists" -> actual.containsKey(r.getKey());
              default -> !actual.containsKey(r.getKey());
            };
        if (!ok) {
          return false;
        }
      }
    }
    return true;
  }
}
