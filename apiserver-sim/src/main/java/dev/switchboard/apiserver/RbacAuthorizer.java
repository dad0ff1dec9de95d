package dev.switchboard.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kubernetes RBAC, evaluated from the Roles, ClusterRoles and their bindings stored in the server
 * (the chart's, as installed, and whatever else was created), plus the bootstrap roles every
 * authenticated user holds (system:basic-user and system:discovery). system:masters may do
 * anything, as in a real cluster.
 */
final class RbacAuthorizer {
  private static final List<PolicyRule> BOOTSTRAP =
      List.of(
          // system:basic-user
          new PolicyRule(
              List.of("create"),
              List.of("authorization.k8s.io"),
              List.of("selfsubjectaccessreviews", "selfsubjectrulesreviews"),
              List.of(),
              List.of()),
          // system:discovery and system:public-info-viewer
          new PolicyRule(
              List.of("get"),
              List.of(),
              List.of(),
              List.of(),
              List.of(
                  "/api",
                  "/api/*",
                  "/apis",
                  "/apis/*",
                  "/version",
                  "/version/",
                  "/openapi",
                  "/openapi/*",
                  "/healthz",
                  "/livez",
                  "/readyz")));

  private final Store store;

  /**
   * The RBAC objects by kind and "namespace/name", read once and then kept current write by write.
   */
  private volatile Snapshot snapshot;

  RbacAuthorizer(Store store) {
    this.store = store;
  }

  /**
   * An RBAC object was written or deleted: the stored copy (or its absence) replaces the one known.
   */
  void refresh(ResourceType type, String namespace, String name) {
    Snapshot s = snapshot();
    String path = type.collectionPath(namespace) + "/" + name;
    Optional<ObjectNode> stored = store.get(path);
    Map<String, ObjectNode> objects = s.byKind.get(type.resource());
    if (objects == null) {
      return;
    }
    String key = (namespace == null ? "" : namespace) + "/" + name;
    if (stored.isPresent()) {
      objects.put(key, stored.get());
    } else {
      objects.remove(key);
    }
    if (type.resource().equals("rolebindings")) {
      Map<String, ObjectNode> inNamespace =
          s.roleBindingsByNamespace.computeIfAbsent(namespace, n -> new ConcurrentHashMap<>());
      if (stored.isPresent()) {
        inNamespace.put(name, stored.get());
      } else {
        inNamespace.remove(name);
      }
    }
  }

  boolean allows(Caller caller, ApiRequest request) {
    if (caller.isMaster()) {
      return true;
    }
    return rulesFor(caller, request.namespace()).stream().anyMatch(r -> r.allows(request));
  }

  boolean allows(
      Caller caller, String verb, String group, String resource, String namespace, String name) {
    if (caller.isMaster()) {
      return true;
    }
    return rulesFor(caller, namespace).stream()
        .anyMatch(r -> r.allows(verb, group, resource, name));
  }

  /**
   * Every rule that applies to the caller in a namespace (null: cluster-wide rules only), as RBAC
   * resolves them.
   */
  List<PolicyRule> rulesFor(Caller caller, String namespace) {
    if (caller.isMaster()) {
      return List.of(
          new PolicyRule(List.of("*"), List.of("*"), List.of("*"), List.of(), List.of()),
          new PolicyRule(List.of("*"), List.of(), List.of(), List.of(), List.of("*")));
    }
    Snapshot s = snapshot();
    List<PolicyRule> out = new ArrayList<>(BOOTSTRAP);
    for (ObjectNode binding : s.clusterRoleBindings()) {
      if (bindsCaller(binding, caller)) {
        out.addAll(s.roleRules(binding.path("roleRef"), null));
      }
    }
    if (namespace != null) {
      for (ObjectNode binding : s.roleBindings(namespace)) {
        if (bindsCaller(binding, caller)) {
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
    return snapshot().roleExists(roleRef, namespace);
  }

  private static boolean bindsCaller(JsonNode binding, Caller caller) {
    String bindingNamespace = binding.at("/metadata/namespace").asText();
    for (JsonNode subject : binding.path("subjects")) {
      String kind = subject.path("kind").asText();
      String name = subject.path("name").asText();
      boolean matches =
          switch (kind) {
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
    Snapshot s = snapshot;
    if (s == null) {
      synchronized (this) {
        if (snapshot == null) {
          Map<String, Map<String, ObjectNode>> byKind = new ConcurrentHashMap<>();
          for (String kind :
              List.of("clusterroles", "clusterrolebindings", "roles", "rolebindings")) {
            Map<String, ObjectNode> objects = new ConcurrentHashMap<>();
            for (ObjectNode o : store.list("/apis/rbac.authorization.k8s.io/v1/" + kind)) {
              objects.put(
                  o.at("/metadata/namespace").asText("") + "/" + o.at("/metadata/name").asText(),
                  o);
            }
            byKind.put(kind, objects);
          }
          Map<String, Map<String, ObjectNode>> roleBindings = new ConcurrentHashMap<>();
          byKind
              .get("rolebindings")
              .values()
              .forEach(
                  rb ->
                      roleBindings
                          .computeIfAbsent(
                              rb.at("/metadata/namespace").asText(), n -> new ConcurrentHashMap<>())
                          .put(rb.at("/metadata/name").asText(), rb));
          snapshot = new Snapshot(byKind, roleBindings);
        }
        s = snapshot;
      }
    }
    return s;
  }

  private record Snapshot(
      Map<String, Map<String, ObjectNode>> byKind,
      Map<String, Map<String, ObjectNode>> roleBindingsByNamespace) {
    Collection<ObjectNode> clusterRoleBindings() {
      return byKind.get("clusterrolebindings").values();
    }

    /** The RoleBindings of one namespace: keys start with it. */
    Collection<ObjectNode> roleBindings(String namespace) {
      return roleBindingsByNamespace.getOrDefault(namespace, Map.of()).values();
    }

    List<PolicyRule> roleRules(JsonNode roleRef, String namespace) {
      String name = roleRef.path("name").asText();
      boolean cluster = "ClusterRole".equals(roleRef.path("kind").asText());
      ObjectNode role =
          cluster
              ? byKind.get("clusterroles").get("/" + name)
              : namespace == null ? null : byKind.get("roles").get(namespace + "/" + name);
      List<PolicyRule> out = new ArrayList<>();
      if (role != null) {
        role.path("rules").forEach(r -> out.add(PolicyRule.of(r)));
      }
      return out;
    }

    boolean roleExists(JsonNode roleRef, String namespace) {
      String name = roleRef.path("name").asText();
      return "ClusterRole".equals(roleRef.path("kind").asText())
          ? byKind.get("clusterroles").containsKey("/" + name)
          : byKind.get("roles").containsKey(namespace + "/" + name);
    }
  }
}
