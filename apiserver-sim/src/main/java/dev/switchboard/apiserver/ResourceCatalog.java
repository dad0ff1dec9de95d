package dev.switchboard.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.apiserver.ResourceType.NameRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The resources the strict server serves: the built-in kinds the operator and its tests use, and
 * the CRDs.
 */
public final class ResourceCatalog {
  private final Map<String, ResourceType> byPath = new ConcurrentHashMap<>();
  private final Map<String, JsonNode> crds = new ConcurrentHashMap<>();

  public ResourceCatalog() {
    add(
        new ResourceType(
            "",
            "v1",
            "namespaces",
            "Namespace",
            false,
            true,
            List.of("ns"),
            List.of(),
            NameRule.DNS_LABEL,
            ResourceType.ALL_VERBS,
            false));
    add(ResourceType.core("secrets", "Secret", true, NameRule.DNS_SUBDOMAIN));
    add(ResourceType.core("configmaps", "ConfigMap", true, NameRule.DNS_SUBDOMAIN, "cm"));
    add(ResourceType.core("serviceaccounts", "ServiceAccount", true, NameRule.DNS_SUBDOMAIN, "sa"));
    add(ResourceType.core("events", "Event", true, NameRule.DNS_SUBDOMAIN, "ev"));
    add(ResourceType.core("pods", "Pod", true, NameRule.DNS_SUBDOMAIN, "po"));
    add(ResourceType.core("services", "Service", true, NameRule.DNS_LABEL, "svc"));
    add(
        ResourceType.of(
            "apps", "v1", "deployments", "Deployment", true, NameRule.DNS_SUBDOMAIN, "deploy"));
    add(
        ResourceType.of(
            "apps", "v1", "statefulsets", "StatefulSet", true, NameRule.DNS_SUBDOMAIN, "sts"));
    add(
        ResourceType.of(
            "apps", "v1", "daemonsets", "DaemonSet", true, NameRule.DNS_SUBDOMAIN, "ds"));
    add(
        ResourceType.of(
            "rbac.authorization.k8s.io", "v1", "roles", "Role", true, NameRule.PATH_SEGMENT));
    add(
        ResourceType.of(
            "rbac.authorization.k8s.io",
            "v1",
            "rolebindings",
            "RoleBinding",
            true,
            NameRule.PATH_SEGMENT));
    add(
        ResourceType.of(
            "rbac.authorization.k8s.io",
            "v1",
            "clusterroles",
            "ClusterRole",
            false,
            NameRule.PATH_SEGMENT));
    add(
        ResourceType.of(
            "rbac.authorization.k8s.io",
            "v1",
            "clusterrolebindings",
            "ClusterRoleBinding",
            false,
            NameRule.PATH_SEGMENT));
    add(
        ResourceType.of(
            "coordination.k8s.io", "v1", "leases", "Lease", true, NameRule.DNS_SUBDOMAIN));
    add(ResourceType.of("events.k8s.io", "v1", "events", "Event", true, NameRule.DNS_SUBDOMAIN));
    add(
        new ResourceType(
            "authorization.k8s.io",
            "v1",
            "selfsubjectrulesreviews",
            "SelfSubjectRulesReview",
            false,
            false,
            List.of(),
            List.of(),
            NameRule.DNS_SUBDOMAIN,
            List.of("create"),
            false));
    add(
        new ResourceType(
            "authorization.k8s.io",
            "v1",
            "selfsubjectaccessreviews",
            "SelfSubjectAccessReview",
            false,
            false,
            List.of(),
            List.of(),
            NameRule.DNS_SUBDOMAIN,
            List.of("create"),
            false));
    add(
        ResourceType.of(
            "apiextensions.k8s.io",
            "v1",
            "customresourcedefinitions",
            "CustomResourceDefinition",
            false,
            NameRule.DNS_SUBDOMAIN,
            "crd",
            "crds"));
    add(
        ResourceType.of(
            "admissionregistration.k8s.io",
            "v1",
            "validatingadmissionpolicies",
            "ValidatingAdmissionPolicy",
            false,
            NameRule.DNS_SUBDOMAIN));
    add(
        ResourceType.of(
            "admissionregistration.k8s.io",
            "v1",
            "validatingadmissionpolicybindings",
            "ValidatingAdmissionPolicyBinding",
            false,
            NameRule.DNS_SUBDOMAIN));
    add(
        ResourceType.of(
            "policy",
            "v1",
            "poddisruptionbudgets",
            "PodDisruptionBudget",
            true,
            NameRule.DNS_SUBDOMAIN,
            "pdb"));
  }

  private void add(ResourceType type) {
    byPath.put(key(type.group(), type.resource()), type);
  }

  /** Serves a CRD's resource, as the API server does once the CRD is established. */
  public ResourceType addCrd(JsonNode crd) {
    JsonNode spec = crd.path("spec");
    JsonNode version = spec.path("versions").get(0);
    List<String> shortNames = new ArrayList<>();
    spec.path("names").path("shortNames").forEach(n -> shortNames.add(n.asText()));
    List<String> categories = new ArrayList<>();
    spec.path("names").path("categories").forEach(n -> categories.add(n.asText()));
    ResourceType type =
        new ResourceType(
            spec.path("group").asText(),
            version.path("name").asText(),
            spec.path("names").path("plural").asText(),
            spec.path("names").path("kind").asText(),
            "Namespaced".equals(spec.path("scope").asText()),
            version.path("subresources").has("status"),
            List.copyOf(shortNames),
            List.copyOf(categories),
            NameRule.DNS_SUBDOMAIN,
            ResourceType.ALL_VERBS,
            true);
    add(type);
    crds.put(key(type.group(), type.resource()), crd);
    return type;
  }

  /** The CRD is gone: its resource is no longer served. */
  public void removeCrd(JsonNode crd) {
    String key = key(crd.at("/spec/group").asText(), crd.at("/spec/names/plural").asText());
    byPath.remove(key);
    crds.remove(key);
  }

  public Optional<ResourceType> find(String group, String resource) {
    return Optional.ofNullable(byPath.get(key(group, resource)));
  }

  /** The resource of an apiVersion and kind, as the RESTMapper resolves an ownerReference. */
  public Optional<ResourceType> byKind(String apiVersion, String kind) {
    return byPath.values().stream()
        .filter(t -> t.apiVersion().equals(apiVersion) && t.kind().equals(kind))
        .findFirst();
  }

  public Optional<JsonNode> crdOf(ResourceType type) {
    return Optional.ofNullable(crds.get(key(type.group(), type.resource())));
  }

  public List<ResourceType> all() {
    return List.copyOf(byPath.values());
  }

  private static String key(String group, String resource) {
    return group + "/" + resource;
  }
}
