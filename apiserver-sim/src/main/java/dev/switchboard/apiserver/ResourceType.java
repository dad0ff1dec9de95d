package dev.switchboard.apiserver;

import java.util.List;

/**
 * A resource the strict server serves, with what discovery says of it and how the API server
 * validates its name.
 *
 * @param names how metadata.name is validated (apimachinery's NameIsDNSSubdomain, NameIsDNSLabel,
 *     or RBAC's ValidatePathSegmentName)
 * @param custom whether a CustomResourceDefinition defines it
 */
public record ResourceType(
    String group,
    String version,
    String resource,
    String kind,
    boolean namespaced,
    boolean statusSubresource,
    List<String> shortNames,
    List<String> categories,
    NameRule names,
    List<String> verbs,
    boolean custom) {

  public enum NameRule {
    DNS_SUBDOMAIN,
    DNS_LABEL,
    PATH_SEGMENT
  }

  static final List<String> ALL_VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  public String collectionPath(String namespace) {
    String prefix = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
    return prefix
        + (namespaced && namespace != null ? "/namespaces/" + namespace : "")
        + "/"
        + resource;
  }

  /**
   * Defined by a CustomResourceDefinition: served, validated and patched as custom resources are.
   */
  public boolean isCustom() {
    return custom;
  }

  static ResourceType core(
      String resource, String kind, boolean namespaced, NameRule names, String... shortNames) {
    return new ResourceType(
        "",
        "v1",
        resource,
        kind,
        namespaced,
        false,
        List.of(shortNames),
        List.of(),
        names,
        ALL_VERBS,
        false);
  }

  static ResourceType of(
      String group,
      String version,
      String resource,
      String kind,
      boolean namespaced,
      NameRule names,
      String... shortNames) {
    return new ResourceType(
        group,
        version,
        resource,
        kind,
        namespaced,
        false,
        List.of(shortNames),
        List.of(),
        names,
        ALL_VERBS,
        false);
  }
}
