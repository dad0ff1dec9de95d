package dev.switchboard.apiserver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * /version and the discovery documents (/api, /apis, /apis/group/version) that kubectl needs to
 * find resources.
 */
final class Discovery {
  private final ResourceCatalog catalog;

  Discovery(ResourceCatalog catalog) {
    this.catalog = catalog;
  }

  MockResponse answer(ApiRequest request, RecordedRequest recorded) {
    String path = request.path().replaceAll("/+$", "");
    if (path.equals("/version")) {
      return json(
          Store.JSON
              .createObjectNode()
              .put("major", "1")
              .put("minor", "32")
              .put("gitVersion", "v1.32.0")
              .put("platform", "linux/amd64"));
    }
    if (path.equals("/api")) {
      ObjectNode out = Store.JSON.createObjectNode().put("kind", "APIVersions");
      out.putArray("versions").add("v1");
      out.putArray("serverAddressByClientCIDRs")
          .addObject()
          .put("clientCIDR", "0.0.0.0/0")
          .put("serverAddress", "127.0.0.1");
      return json(out);
    }
    if (path.equals("/apis")) {
      ObjectNode out =
          Store.JSON.createObjectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
      ArrayNode groups = out.putArray("groups");
      groupVersions()
          .forEach(
              (group, version) -> {
                ObjectNode g = groups.addObject().put("name", group);
                g.putArray("versions")
                    .addObject()
                    .put("groupVersion", group + "/" + version)
                    .put("version", version);
                g.putObject("preferredVersion")
                    .put("groupVersion", group + "/" + version)
                    .put("version", version);
              });
      return json(out);
    }
    if (path.equals("/openapi/v3")) {
      return json(openApiRoot());
    }
    if (path.startsWith("/openapi/v3/")) {
      return json(openApiDocument(path.substring("/openapi/v3/".length())));
    }
    String groupVersion =
        path.equals("/api/v1") ? "v1" : path.startsWith("/apis/") ? path.substring(6) : null;
    List<ResourceType> types =
        catalog.all().stream().filter(t -> t.apiVersion().equals(groupVersion)).toList();
    if (groupVersion == null || types.isEmpty()) {
      throw ApiError.notFoundPath();
    }
    ObjectNode out =
        Store.JSON
            .createObjectNode()
            .put("kind", "APIResourceList")
            .put("apiVersion", "v1")
            .put("groupVersion", groupVersion);
    ArrayNode resources = out.putArray("resources");
    for (ResourceType t : types) {
      ObjectNode r =
          resources
              .addObject()
              .put("name", t.resource())
              .put("singularName", t.kind().toLowerCase())
              .put("namespaced", t.namespaced())
              .put("kind", t.kind());
      ArrayNode verbs = r.putArray("verbs");
      t.verbs().forEach(verbs::add);
      if (!t.shortNames().isEmpty()) {
        ArrayNode shortNames = r.putArray("shortNames");
        t.shortNames().forEach(shortNames::add);
      }
      if (!t.categories().isEmpty()) {
        ArrayNode categories = r.putArray("categories");
        t.categories().forEach(categories::add);
      }
      if (t.statusSubresource()) {
        resources
            .addObject()
            .put("name", t.resource() + "/status")
            .put("singularName", "")
            .put("namespaced", t.namespaced())
            .put("kind", t.kind())
            .putArray("verbs")
            .add("get")
            .add("patch")
            .add("update");
      }
    }
    return json(out);
  }

  /** The OpenAPI v3 index: one document per group version. */
  private ObjectNode openApiRoot() {
    ObjectNode out = Store.JSON.createObjectNode();
    ObjectNode paths = out.putObject("paths");
    paths.putObject("api/v1").put("serverRelativeURL", "/openapi/v3/api/v1?hash=1");
    groupVersions()
        .forEach(
            (group, version) ->
                paths
                    .putObject("apis/" + group + "/" + version)
                    .put(
                        "serverRelativeURL",
                        "/openapi/v3/apis/" + group + "/" + version + "?hash=1"));
    return out;
  }

  /**
   * A group version's OpenAPI v3 document, as far as kubectl reads it to decide on validation: each
   * resource's PATCH operation, its group-version-kind, and the fieldValidation parameter, which
   * tells kubectl that the server validates fields itself (kubectl then sends
   * fieldValidation=Strict instead of validating on the client).
   */
  private ObjectNode openApiDocument(String groupVersionPath) {
    String groupVersion =
        groupVersionPath.equals("api/v1") ? "v1" : groupVersionPath.replaceFirst("^apis/", "");
    List<ResourceType> types =
        catalog.all().stream().filter(t -> t.apiVersion().equals(groupVersion)).toList();
    if (types.isEmpty()) {
      throw ApiError.notFoundPath();
    }
    ObjectNode out = Store.JSON.createObjectNode().put("openapi", "3.0.0");
    out.putObject("info").put("title", "Kubernetes").put("version", "v1.32.0");
    ObjectNode paths = out.putObject("paths");
    for (ResourceType t : types) {
      String path = t.collectionPath(t.namespaced() ? "{namespace}" : null) + "/{name}";
      ObjectNode patch = paths.putObject(path).putObject("patch");
      patch
          .putObject("x-kubernetes-group-version-kind")
          .put("group", t.group())
          .put("version", t.version())
          .put("kind", t.kind());
      patch
          .putArray("parameters")
          .addObject()
          .put("name", "fieldValidation")
          .put("in", "query")
          .putObject("schema")
          .put("type", "string");
      patch.putObject("responses").putObject("200").put("description", "OK");
    }
    ObjectNode schemas = out.putObject("components").putObject("schemas");
    // A custom resource's schema, as the API server publishes it from its CRD: what kubectl explain
    // reads.
    for (ResourceType t : types) {
      catalog
          .crdOf(t)
          .ifPresent(
              crd -> {
                ObjectNode schema = crd.at("/spec/versions/0/schema/openAPIV3Schema").deepCopy();
                schema
                    .putArray("x-kubernetes-group-version-kind")
                    .addObject()
                    .put("group", t.group())
                    .put("version", t.version())
                    .put("kind", t.kind());
                String[] reversedGroup = t.group().split("\\.");
                Collections.reverse(Arrays.asList(reversedGroup));
                schemas.set(
                    String.join(".", reversedGroup) + "." + t.version() + "." + t.kind(), schema);
              });
    }
    return out;
  }

  private Map<String, String> groupVersions() {
    return catalog.all().stream()
        .filter(t -> !t.group().isEmpty())
        .collect(
            Collectors.toMap(
                ResourceType::group, ResourceType::version, (a, b) -> a, TreeMap::new));
  }

  private static MockResponse json(ObjectNode body) {
    return new MockResponse()
        .setResponseCode(200)
        .setHeader("Content-Type", "application/json")
        .setBody(Store.write(body));
  }
}
