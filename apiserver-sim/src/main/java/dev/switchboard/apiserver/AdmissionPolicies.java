package dev.switchboard.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cel.common.values.NullValue;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ValidatingAdmissionPolicy plugin: every policy stored in the server that a binding with the
 * Deny action puts in force, matched by group, resource and operation, its validations evaluated
 * with CEL (object, oldObject, request and the RBAC-backed authorizer). A false validation refuses
 * the request with the policy's message.
 */
final class AdmissionPolicies {
  private static final String PATH = "/apis/admissionregistration.k8s.io/v1/";
  private final Store store;
  private final RbacAuthorizer rbac;

  AdmissionPolicies(Store store, RbacAuthorizer rbac) {
    this.store = store;
    this.rbac = rbac;
  }

  void admit(Caller caller, ApiRequest request, ResourceType type, JsonNode object, JsonNode old) {
    if (request.subresource() != null) {
      return;
    }
    String operation = old == null ? "CREATE" : "UPDATE";
    List<ObjectNode> bindings = store.list(PATH + "validatingadmissionpolicybindings");
    if (bindings.isEmpty()) {
      return;
    }
    Map<String, ObjectNode> policies = new HashMap<>();
    store
        .list(PATH + "validatingadmissionpolicies")
        .forEach(p -> policies.put(p.at("/metadata/name").asText(), p));
    for (ObjectNode binding : bindings) {
      ObjectNode policy = policies.get(binding.at("/spec/policyName").asText());
      if (policy == null
          || !matches(policy.at("/spec/matchConstraints/resourceRules"), type, operation)
          || !binding.at("/spec/validationActions").toString().contains("Deny")) {
        continue;
      }
      Map<String, Object> variables = variables(caller, request, object, old, operation);
      for (JsonNode validation : policy.at("/spec/validations")) {
        Object result;
        try {
          result = KubernetesCel.evaluate(validation.path("expression").asText(), variables);
        } catch (RuntimeException e) {
          // failurePolicy Fail: an expression that cannot be evaluated denies the request.
          throw ApiError.policyInvalid(
              "ValidatingAdmissionPolicy '"
                  + policy.at("/metadata/name").asText()
                  + "' with binding '"
                  + binding.at("/metadata/name").asText()
                  + "' denied request: expression '"
                  + validation.path("expression").asText()
                  + "' resulted in error: "
                  + e.getMessage());
        }
        if (!Boolean.TRUE.equals(result)) {
          String message =
              "ValidatingAdmissionPolicy '"
                  + policy.at("/metadata/name").asText()
                  + "' with binding '"
                  + binding.at("/metadata/name").asText()
                  + "' denied request: "
                  + validation
                      .path("message")
                      .asText("failed expression: " + validation.path("expression").asText());
          throw "Forbidden".equals(validation.path("reason").asText())
              ? ApiError.policyForbidden(message)
              : ApiError.policyInvalid(message);
        }
      }
    }
  }

  private Map<String, Object> variables(
      Caller caller, ApiRequest request, JsonNode object, JsonNode old, String operation) {
    Map<String, Object> userInfo = new LinkedHashMap<>();
    userInfo.put("username", caller.name());
    userInfo.put("groups", caller.groups());
    Map<String, Object> req = new LinkedHashMap<>();
    req.put("operation", operation);
    req.put("namespace", object.at("/metadata/namespace").asText(""));
    req.put("name", object.at("/metadata/name").asText(""));
    req.put("userInfo", userInfo);
    Map<String, Object> vars = new HashMap<>();
    vars.put("object", CrdValidation.toCel(object));
    vars.put("oldObject", old == null ? NullValue.NULL_VALUE : CrdValidation.toCel(old));
    vars.put("request", req);
    vars.put("params", NullValue.NULL_VALUE);
    vars.put("authorizer", new KubernetesCel.Authorizer(caller, rbac::allows));
    return vars;
  }

  private static boolean matches(JsonNode rules, ResourceType type, String operation) {
    for (JsonNode rule : rules) {
      if (has(rule.path("apiGroups"), type.group())
          && has(rule.path("resources"), type.resource())
          && has(rule.path("operations"), operation)) {
        return true;
      }
    }
    return false;
  }

  private static boolean has(JsonNode values, String value) {
    for (JsonNode v : values) {
      if (v.asText().equals("*") || v.asText().equals(value)) {
        return true;
      }
    }
    return false;
  }
}
