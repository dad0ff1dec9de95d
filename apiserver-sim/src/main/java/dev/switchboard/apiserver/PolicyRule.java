package dev.switchboard.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * An rbac/v1 PolicyRule, and the two questions RBAC asks of it: does it allow a request, does it
 * cover a rule.
 */
public record PolicyRule(
    List<String> verbs,
    List<String> apiGroups,
    List<String> resources,
    List<String> resourceNames,
    List<String> nonResourceURLs) {

  static PolicyRule of(JsonNode rule) {
    return new PolicyRule(
        strings(rule.path("verbs")),
        strings(rule.path("apiGroups")),
        strings(rule.path("resources")),
        strings(rule.path("resourceNames")),
        strings(rule.path("nonResourceURLs")));
  }

  // rbac.RuleAllows: verb, group, resource (with a star, or star-slash-subresource) and name all
  // match.
  boolean allows(ApiRequest r) {
    if (!r.resourceRequest()) {
      return has(verbs, r.verb())
          && nonResourceURLs.stream()
              .anyMatch(
                  u ->
                      u.equals("*")
                          || u.equals(r.path())
                          || (u.endsWith("*")
                              && r.path().startsWith(u.substring(0, u.length() - 1))));
    }
    return allows(r.verb(), r.group(), r.rbacResource(), r.name());
  }

  boolean allows(String verb, String group, String resource, String name) {
    if (!has(verbs, verb)
        || !has(apiGroups, group)
        || !nonResourceURLs.isEmpty() && resources.isEmpty()) {
      return false;
    }
    boolean resourceMatches =
        resources.stream()
            .anyMatch(
                res ->
                    res.equals("*")
                        || res.equals(resource)
                        || (res.startsWith("*/")
                            && resource.contains("/")
                            && resource.endsWith(res.substring(1))));
    return resourceMatches
        && (resourceNames.isEmpty() || (name != null && resourceNames.contains(name)));
  }

  /**
   * The rule split into one verb, group, resource and (optionally) name each, as escalation checks
   * compare them.
   */
  List<PolicyRule> atoms() {
    List<PolicyRule> out = new ArrayList<>();
    for (String verb : verbs) {
      for (String url : nonResourceURLs) {
        out.add(new PolicyRule(List.of(verb), List.of(), List.of(), List.of(), List.of(url)));
      }
      for (String group : apiGroups) {
        for (String resource : resources) {
          if (resourceNames.isEmpty()) {
            out.add(
                new PolicyRule(
                    List.of(verb), List.of(group), List.of(resource), List.of(), List.of()));
          }
          for (String name : resourceNames) {
            out.add(
                new PolicyRule(
                    List.of(verb), List.of(group), List.of(resource), List.of(name), List.of()));
          }
        }
      }
    }
    return out;
  }

  /** validation.Covers for one atom: the owner's rule grants at least what the atom asks for. */
  boolean covers(PolicyRule atom) {
    if (!atom.nonResourceURLs.isEmpty()) {
      String url = atom.nonResourceURLs.get(0);
      return has(verbs, atom.verbs.get(0))
          && nonResourceURLs.stream()
              .anyMatch(
                  u ->
                      u.equals("*")
                          || u.equals(url)
                          || (u.endsWith("*") && url.startsWith(u.substring(0, u.length() - 1))));
    }
    String verb = atom.verbs.get(0);
    String group = atom.apiGroups.get(0);
    String resource = atom.resources.get(0);
    if (!has(verbs, verb) || !has(apiGroups, group)) {
      return false;
    }
    if (!(resources.contains("*") || resources.contains(resource))) {
      return false;
    }
    if (resourceNames.isEmpty()) {
      return true;
    }
    return !atom.resourceNames.isEmpty() && resourceNames.contains(atom.resourceNames.get(0));
  }

  /** The Go struct print of a rule, as the escalation message lists it. */
  String describe() {
    StringBuilder s = new StringBuilder("{");
    if (!apiGroups.isEmpty() || nonResourceURLs.isEmpty()) {
      s.append("APIGroups:")
          .append(quoted(apiGroups))
          .append(", Resources:")
          .append(quoted(resources));
      if (!resourceNames.isEmpty()) {
        s.append(", ResourceNames:").append(quoted(resourceNames));
      }
    } else {
      s.append("NonResourceURLs:").append(quoted(nonResourceURLs));
    }
    return s.append(", Verbs:").append(quoted(verbs)).append("}").toString();
  }

  private static String quoted(List<String> values) {
    return values.stream().map(v -> "\"" + v + "\"").toList().toString().replace(", ", " ");
  }

  private static boolean has(List<String> values, String value) {
    return values.contains("*") || values.contains(value);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return List.copyOf(out);
  }
}
