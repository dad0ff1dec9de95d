package dev.switchboard.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * The NamespaceLifecycle admission plugin: nothing is created in a namespace that does not exist or
 * is being deleted.
 */
final class NamespaceLifecycle {
  static final String FINALIZER = "kubernetes";

  private NamespaceLifecycle() {}

  /**
   * @param name the created object's name, null when the server generates it
   */
  static void admitCreate(Store store, String namespace, ResourceType type, String name) {
    Optional<ObjectNode> ns = store.get("/api/v1/namespaces/" + namespace);
    if (ns.isEmpty()) {
      throw ApiError.notFound("namespaces", "", namespace);
    }
    if (ns.get().at("/metadata/deletionTimestamp").isTextual()) {
      // The cause lets clients tell this refusal from RBAC's (v1.NamespaceTerminatingCause).
      throw ApiError.forbidden(
              type.resource(),
              type.group(),
              name,
              "unable to create new content in namespace "
                  + namespace
                  + " because it is being terminated")
          .withCause(
              "NamespaceTerminating",
              "namespace " + namespace + " is being terminated",
              "metadata.namespace");
    }
  }
}
