package dev.switchboard.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The OwnerReferencesPermissionEnforcement admission plugin (on in OpenShift, off in
 * kube-apiserver's defaults): changing ownerReferences needs delete on the object, and a new
 * ownerReference with blockOwnerDeletion needs update on the owner's finalizers subresource.
 */
final class OwnerReferencesPermissionEnforcement {
  private final RbacAuthorizer authorizer;
  private final ResourceCatalog catalog;

  /** Permissions the check asked about and found granted, for the RBAC coverage of the chart. */
  private final PermissionLog log;

  OwnerReferencesPermissionEnforcement(
      RbacAuthorizer authorizer, ResourceCatalog catalog, PermissionLog log) {
    this.authorizer = authorizer;
    this.catalog = catalog;
    this.log = log;
  }

  void admit(Caller caller, ResourceType type, JsonNode object, JsonNode old) {
    JsonNode refs = arrayAt(object);
    JsonNode oldRefs = old == null ? Store.JSON.createArrayNode() : arrayAt(old);
    boolean changed = !refs.equals(oldRefs);
    if (!changed || caller.isMaster()) {
      return;
    }
    String name = object.at("/metadata/name").asText();
    String namespace = object.at("/metadata/namespace").asText(null);
    if (!authorizer.allows(caller, "delete", type.group(), type.resource(), namespace, name)) {
      throw ApiError.forbidden(
          type.resource(),
          type.group(),
          name,
          "cannot set an ownerRef on a resource you can't delete: User \""
              + caller.name()
              + "\" cannot delete "
              + "resource \""
              + type.resource()
              + "\" in API group \""
              + type.group()
              + "\""
              + inNamespace(namespace)
              + ", <nil>");
    }
    for (JsonNode ref : newBlockingRefs(refs, oldRefs)) {
      var owner = catalog.byKind(ref.path("apiVersion").asText(), ref.path("kind").asText());
      String resource =
          owner.map(ResourceType::resource).orElse(ref.path("kind").asText().toLowerCase())
              + "/finalizers";
      String group = owner.map(ResourceType::group).orElse("");
      String ownerNamespace = owner.map(ResourceType::namespaced).orElse(true) ? namespace : null;
      String ownerName = ref.path("name").asText();
      if (!authorizer.allows(caller, "update", group, resource, ownerNamespace, ownerName)) {
        throw ApiError.forbidden(
            type.resource(),
            type.group(),
            name,
            "cannot set blockOwnerDeletion if an ownerReference refers to a resource you can't set finalizers on: "
                + "User \""
                + caller.name()
                + "\" cannot update resource \""
                + resource
                + "\" in API group \""
                + group
                + "\""
                + inNamespace(ownerNamespace)
                + ", <nil>");
      }
      log.granted(caller, "update", group, resource);
    }
  }

  private static JsonNode arrayAt(JsonNode object) {
    JsonNode refs = object.at("/metadata/ownerReferences");
    return refs.isArray() ? refs : Store.JSON.createArrayNode();
  }

  private static List<JsonNode> newBlockingRefs(JsonNode refs, JsonNode oldRefs) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode ref : refs) {
      if (!ref.path("blockOwnerDeletion").asBoolean(false)) {
        continue;
      }
      boolean existed = false;
      for (JsonNode old : oldRefs) {
        existed |=
            old.path("uid").equals(ref.path("uid"))
                && old.path("blockOwnerDeletion").asBoolean(false);
      }
      if (!existed) {
        out.add(ref);
      }
    }
    return out;
  }

  private static String inNamespace(String namespace) {
    return namespace == null ? " at the cluster scope" : " in the namespace \"" + namespace + "\"";
  }
}
