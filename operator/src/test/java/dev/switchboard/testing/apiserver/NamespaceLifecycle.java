package dev.switchboard.testing.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * The NamespaceLifecycle admission plugin: nothing is created in a namespace that does not exist or
 * is being deleted.
 */
final class NamespaceLifecycle {
  static final String FINALIZER = "kubernetes";

  private NamespaceLifecycle() {}

  static void admitCreate(Store store, String namespace, ResourceType type) {
    Optional<ObjectNode> ns = store.get("/api/v1/namespaces/" + namespace);
    if (ns.isEmpty()) {
      throw ApiError.notFound("namespaces", "", namespace);
    }
    if (ns.get().at("/metadata/deletionTimestamp").isTextual()) {
      throw ApiError.forbidden(
          type.resource(),
          type.group(),
          null,
          "unable to create new content in namespace "
              + namespace
              + " because it is being terminated");
    }
  }
}
