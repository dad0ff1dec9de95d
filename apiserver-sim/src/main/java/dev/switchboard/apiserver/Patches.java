package dev.switchboard.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.zjsonpatch.JsonPatch;
import java.util.Iterator;
import java.util.Map;

/**
 * The patch types kube-apiserver accepts for the objects in this server, applied to the stored
 * object as its patch handler does: a patch that cannot be decoded is 400, one that does not apply
 * is 422, at once.
 */
final class Patches {
  static final String JSON_PATCH = "application/json-patch+json";
  static final String MERGE_PATCH = "application/merge-patch+json";
  static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";
  static final String APPLY_PATCH = "application/apply-patch+yaml";

  private Patches() {}

  static ObjectNode apply(String contentType, String body, ObjectNode current, ResourceType type) {
    String mediaType = contentType == null ? "" : contentType.split(";")[0].trim();
    JsonNode patch;
    switch (mediaType) {
      case JSON_PATCH -> {
        patch = Store.read(body);
        if (!patch.isArray()) {
          throw ApiError.badRequest(
              "json: cannot unmarshal "
                  + (patch.isObject() ? "object" : "value")
                  + " into Go value of type jsonpatch.Patch");
        }
        try {
          return (ObjectNode) JsonPatch.apply(patch, current);
        } catch (RuntimeException doesNotApply) {
          // The message is the patcher's, naming the operation and path that failed.
          throw ApiError.unprocessablePatch(
              "the server rejected our request due to an error in our request: "
                  + doesNotApply.getMessage());
        }
      }
      case MERGE_PATCH -> {
        return mergePatch(current, objectPatch(body));
      }
      case STRATEGIC_MERGE_PATCH -> {
        if (type.isCustom()) {
          // Custom resources have no Go struct to take merge keys from.
          throw ApiError.unsupportedMediaType(mediaType);
        }
        // Lists are replaced rather than merged by their patch-merge keys: close enough for the
        // kinds used here.
        return mergePatch(current, objectPatch(body));
      }
      default -> throw ApiError.unsupportedMediaType(mediaType);
    }
  }

  private static ObjectNode objectPatch(String body) {
    JsonNode patch = Store.read(body);
    if (!patch.isObject()) {
      throw ApiError.badRequest(
          "json: cannot unmarshal array into Go value of type map[string]interface {}");
    }
    return (ObjectNode) patch;
  }

  /** RFC 7386: objects merge key by key, null removes, anything else (arrays included) replaces. */
  static ObjectNode mergePatch(ObjectNode target, ObjectNode patch) {
    ObjectNode out = target.deepCopy();
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      var e = it.next();
      JsonNode value = e.getValue();
      if (value.isNull()) {
        out.remove(e.getKey());
      } else if (value.isObject() && out.get(e.getKey()) instanceof ObjectNode existing) {
        out.set(e.getKey(), mergePatch(existing, (ObjectNode) value));
      } else if (value.isObject()) {
        out.set(e.getKey(), mergePatch(Store.JSON.createObjectNode(), (ObjectNode) value));
      } else {
        out.set(e.getKey(), value.deepCopy());
      }
    }
    return out;
  }
}
