package dev.switchboard.apiserver;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One request as kube-apiserver's request-info resolver sees it: the verb RBAC checks, the API
 * group, resource, subresource, namespace and name. Paths that name no resource (discovery,
 * /version) are non-resource requests.
 */
public record ApiRequest(
    String method,
    String path,
    Map<String, String> query,
    boolean resourceRequest,
    String group,
    String version,
    String resource,
    String subresource,
    String namespace,
    String name,
    String verb) {

  /**
   * Subresources of a Namespace; anything else after namespaces/{name}/ is a namespaced resource.
   */
  private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

  public static ApiRequest parse(String method, String rawPath) {
    URI uri = URI.create(rawPath);
    Map<String, String> query = new HashMap<>();
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        int eq = pair.indexOf('=');
        String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        query.put(k, v);
      }
    }
    String path = uri.getPath();
    String[] p = path.replaceAll("^/+|/+$", "").split("/");
    String group;
    String version;
    int i;
    if (p.length >= 3 && p[0].equals("api")) {
      group = "";
      version = p[1];
      i = 2;
    } else if (p.length >= 4 && p[0].equals("apis")) {
      group = p[1];
      version = p[2];
      i = 3;
    } else {
      return new ApiRequest(
          method,
          path,
          query,
          false,
          null,
          null,
          null,
          null,
          null,
          null,
          method.toLowerCase(Locale.ROOT));
    }
    String namespace = null;
    String resource;
    String name = null;
    String sub = null;
    if (p[i].equals("namespaces")
        && p.length > i + 2
        && !NAMESPACE_SUBRESOURCES.contains(p[i + 2])) {
      namespace = p[i + 1];
      i += 2;
    }
    resource = p[i];
    if (p.length > i + 1) {
      name = p[i + 1];
    }
    if (p.length > i + 2) {
      sub = p[i + 2];
    }
    if (resource.equals("namespaces") && name != null) {
      // A Namespace is addressed by its name; RBAC sees the namespace attribute set to it too.
      namespace = name;
    }
    boolean watch = "true".equals(query.get("watch")) || "1".equals(query.get("watch"));
    String verb =
        switch (method) {
          case "GET", "HEAD" -> watch ? "watch" : name != null ? "get" : "list";
          case "POST" -> "create";
          case "PUT" -> "update";
          case "PATCH" -> "patch";
          case "DELETE" -> name != null ? "delete" : "deletecollection";
          default -> method.toLowerCase(Locale.ROOT);
        };
    return new ApiRequest(
        method, path, query, true, group, version, resource, sub, namespace, name, verb);
  }

  /** "group/resource[/subresource]" as RBAC names it ("" group written without the slash). */
  public String rbacResource() {
    return resource + (subresource == null ? "" : "/" + subresource);
  }

  public boolean isWatch() {
    return "watch".equals(verb);
  }

  public boolean isWrite() {
    return switch (verb) {
      case "create", "update", "patch", "delete", "deletecollection" -> true;
      default -> false;
    };
  }

  /** The path of the collection the request addresses (its namespace, if any, included). */
  public String collectionPath() {
    String prefix = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
    boolean namespaced = namespace != null && !resource.equals("namespaces");
    return prefix + (namespaced ? "/namespaces/" + namespace : "") + "/" + resource;
  }

  /** The path of the object itself (no subresource, no query). */
  public String objectPath() {
    return collectionPath() + "/" + name;
  }
}
