package dev.switchboard.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.List;

/**
 * SelfSubjectRulesReview and SelfSubjectAccessReview, answered from the same RBAC rules that
 * authorize requests.
 */
final class Reviews {
  private Reviews() {}

  static MockResponse rules(RbacAuthorizer authorizer, Caller caller, JsonNode review) {
    String namespace = review.at("/spec/namespace").asText(null);
    List<PolicyRule> rules = authorizer.rulesFor(caller, namespace);
    ObjectNode out = answer(review);
    ObjectNode status = out.putObject("status");
    ArrayNode resourceRules = status.putArray("resourceRules");
    ArrayNode nonResourceRules = status.putArray("nonResourceRules");
    for (PolicyRule rule : rules) {
      if (!rule.nonResourceURLs().isEmpty()) {
        ObjectNode r = nonResourceRules.addObject();
        r.set("verbs", strings(rule.verbs()));
        r.set("nonResourceURLs", strings(rule.nonResourceURLs()));
      } else {
        ObjectNode r = resourceRules.addObject();
        r.set("verbs", strings(rule.verbs()));
        r.set("apiGroups", strings(rule.apiGroups()));
        r.set("resources", strings(rule.resources()));
        if (!rule.resourceNames().isEmpty()) {
          r.set("resourceNames", strings(rule.resourceNames()));
        }
      }
    }
    status.put("incomplete", false);
    return created(out);
  }

  static MockResponse access(RbacAuthorizer authorizer, Caller caller, JsonNode review) {
    JsonNode a = review.at("/spec/resourceAttributes");
    String resource =
        a.path("resource").asText()
            + (a.path("subresource").asText("").isEmpty()
                ? ""
                : "/" + a.path("subresource").asText());
    boolean allowed =
        authorizer.allows(
            caller,
            a.path("verb").asText(),
            a.path("group").asText(""),
            resource,
            a.path("namespace").asText(null),
            a.path("name").asText(null));
    ObjectNode out = answer(review);
    out.putObject("status").put("allowed", allowed);
    return created(out);
  }

  private static ObjectNode answer(JsonNode review) {
    ObjectNode out = review.deepCopy();
    out.putObject("metadata").put("creationTimestamp", (String) null);
    return out;
  }

  private static MockResponse created(ObjectNode body) {
    return new MockResponse()
        .setResponseCode(201)
        .setHeader("Content-Type", "application/json")
        .setBody(Store.write(body));
  }

  private static ArrayNode strings(List<String> values) {
    ArrayNode a = Store.JSON.createArrayNode();
    values.forEach(a::add);
    return a;
  }
}
