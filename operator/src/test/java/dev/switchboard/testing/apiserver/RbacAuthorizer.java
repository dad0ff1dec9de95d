package dev.switchboard.testing.apiserver;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Kubernetes RBAC, evaluated from the Roles, ClusterRoles and their bindings stored in the server (the chart's, as
 * installed, and whatever else was created), plus the bootstrap roles every authenticated user holds
 * (system:basic-user and system:discovery). system:masters may do anything, as in a real cluster.
 */
final class RbacAuthorizer {
  private static final List<PolicyRule> BOOTSTRAP = List.of(
      // system:basic-user
      new PolicyRule(List.of("create"), List.of("authorization.k8s.io"),
          List.of("selfsubjectaccessreviews", "selfsubjectrulesreviews"), List.of(), List.of()),
      // system:discovery and system:public-info-viewer
      new PolicyRule(List.of("get"), List.of(), List.of(), List.of(), List.of("/api", "/api/*", "/apis", "/apis/*",
          "/version", "/version/", "/openapi", "/openapi/*", "/healthz", "/livez", "/readyz")));

  private final Store store;
  /** Role data changes rarely; parsed once per change of any RBAC object. */
  private final AtomicReference<Snapshot> snapshot = new AtomicReference<>();

  RbacAuthorizer(Store store) {
    this.store = store;
  }

  /** Any write to an RBAC object makes the next decision read them again. */
  void invalidate() {
    snapshot.set(null);
  }

  boolean allows(Caller caller, ApiRequest request) {
    if (caller.isMaster()) {
      return true;
    }
    return rulesFor(caller, request.namespace()).stream().anyMatch(r -> r.allows(request));
  }

  boolean allows(Caller caller, String verb, String group, String resource, String namespace, String name) {
    if (caller.isMaster()) {
      return true;
    }
    return rulesFor(caller, namespace).stream().anyMatch(r -> r.allows(verb, group, resource, name));
  }

  /** Every rule that applies to the caller in a namespace (null: cluster-wide rules only), as RBAC resolves them. */
  List<PolicyRule> rulesFor(Caller caller, String namespace) {
    if (caller.isMaster()) {
      return List.of(new PolicyRule(List.of("*"), List.of("*"), List.of("*"), List.of(), List.of()),
          new PolicyRule(List.of("*"), List.of(), List.of(), List.of(), List.of("*")));
    }
    Snapshot s = snapshot();
    List<PolicyRule> out = new ArrayList<>(BOOTSTRAP);
    for (ObjectNode binding : s.clusterRoleBindings) {
      if (bindsCaller(binding, caller)) {
        out.addAll(s.roleRules(binding.path("roleRef"), null));
      }
    }
    if (namespace != null) {
      for (ObjectNode binding : s.roleBindings) {
        if (namespace.equals(binding.at("/metadata/namespace").asText()) && bindsCaller(binding, caller)) {
          out.addAll(s.roleRules(binding.path("roleRef"), namespace));
        }
      }
    }
    return out;
  }

  /** The rules of a role reference, as a RoleBinding in the namespace would grant them. */
  List<PolicyRule> rulesOf(JsonNode roleRef, String namespace) {
    return snapshot().roleRules(roleRef, namespace);
  }

  boolean roleExists(JsonNode roleRef, String namespace) {
    Snapshot s = snapshot();
    String name = roleRef.path("name").asText();
    return "ClusterRole".equals(roleRef.path("kind").asText())
        ? s.clusterRoles.stream().anyMatch(r -> name.equals(r.at("/metadata/name").asText()))
        : s.roles.stream().anyMatch(r -> name.equals(r.at("/metadata/name").asText())
            && namespace.equals(r.at("/metadata/namespace").asText()));
  }

  private static boolean bindsCaller(JsonNode binding, Caller caller) {
    String bindingNamespace = binding.at("/metadata/namespace").asText();
    for (JsonNode subject : binding.path("subjects")) {
      String kind = subject.path("kind").asText();
      String name = subject.path("name").asText();
      boolean matches = switch (kind) {
        case "User" -> name.equals(caller.name());
        case "Group" -> caller.groups().contains(name);
        case "ServiceAccount" -> {
          String ns = subject.path("namespace").asText(bindingNamespace);
          yield caller.name().equals("system:serviceaccount:" + ns + ":" + name);
        }
        default -> false;
      };
      if (matches) {
        return true;
      }
    }
    return false;
  }

  private Snapshot snapshot() {
    Snapshot s = snapshot.get();
    if (s == null) {
      s = new Snapshot(store.list("/apis/rbac.authorization.k8s.io/v1/clusterroles"),
          store.list("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings"),
          store.list("/apis/rbac.authorization.k8s.io/v1/roles"),
          store.list("/apis/rbac.authorization.k8s.io/v1/rolebindings"));
      snapshot.compareAndSet(null, s);
    }
    return s;
  }

  private record Snapshot(List<ObjectNode> clusterRoles, List<ObjectNode> clusterRoleBindings, List<ObjectNode> roles,
      List<ObjectNode> roleBindings) {
    List<PolicyRule> roleRules(JsonNode roleRef, String namespace) {
      String name = roleRef.path("name").asText();
      boolean cluster = "ClusterRole".equals(roleRef.path("kind").asText());
      List<PolicyRule> out = new ArrayList<>();
      for (ObjectNode role : cluster ? clusterRoles : roles) {
        if (name.equals(role.at("/metadata/name").asText())
            && (cluster || namespace != null && namespace.equals(role.at("/metadata/namespace").asText()))) {
          role.path("rules").forEach(r -> out.add(PolicyRule.of(r)));
        }
      }
      return out;
    }
  }
}
