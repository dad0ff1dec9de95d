package dev.switchboard.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * RBAC's escalation prevention (rbac/validation ConfirmNoEscalation and the role and binding
 * storage's checks): a Role may grant only what its writer holds in that namespace, and a
 * RoleBinding may bind only a role whose rules its writer holds, unless the writer has escalate or
 * bind on that role.
 */
final class RbacEscalationCheck {
  private final RbacAuthorizer authorizer;

  RbacEscalationCheck(RbacAuthorizer authorizer) {
    this.authorizer = authorizer;
  }

  void admit(Caller caller, ResourceType type, JsonNode object) {
    if (caller.isMaster()) {
      return;
    }
    String name = object.at("/metadata/name").asText();
    String namespace = type.namespaced() ? object.at("/metadata/namespace").asText() : null;
    switch (type.kind()) {
      case "Role", "ClusterRole" -> {
        if (authorizer.allows(caller, "escalate", type.group(), type.resource(), namespace, name)) {
          return;
        }
        List<PolicyRule> requested = new ArrayList<>();
        object.path("rules").forEach(r -> requested.add(PolicyRule.of(r)));
        confirmNoEscalation(caller, type, name, namespace, requested);
      }
      case "RoleBinding", "ClusterRoleBinding" -> {
        JsonNode ref = object.path("roleRef");
        String refResource =
            "ClusterRole".equals(ref.path("kind").asText()) ? "clusterroles" : "roles";
        if (authorizer.allows(
            caller, "bind", type.group(), refResource, namespace, ref.path("name").asText())) {
          return;
        }
        if (!authorizer.roleExists(ref, namespace)) {
          throw ApiError.forbidden(
              type.resource(),
              type.group(),
              name,
              refResource
                  + ".rbac.authorization.k8s.io \""
                  + ref.path("name").asText()
                  + "\" not found");
        }
        confirmNoEscalation(caller, type, name, namespace, authorizer.rulesOf(ref, namespace));
      }
      default -> {}
    }
  }

  private void confirmNoEscalation(
      Caller caller, ResourceType type, String name, String namespace, List<PolicyRule> requested) {
    List<PolicyRule> held = authorizer.rulesFor(caller, namespace);
    List<String> missing = new ArrayList<>();
    for (PolicyRule rule : requested) {
      for (PolicyRule atom : rule.atoms()) {
        if (held.stream().noneMatch(h -> h.covers(atom))) {
          missing.add(atom.describe());
        }
      }
    }
    if (!missing.isEmpty()) {
      throw ApiError.forbidden(
          type.resource(),
          type.group(),
          name,
          caller.describe()
              + " is attempting to grant RBAC permissions not currently held:\n"
              + String.join("\n", missing));
    }
  }
}
