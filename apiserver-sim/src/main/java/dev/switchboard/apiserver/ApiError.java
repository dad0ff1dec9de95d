package dev.switchboard.apiserver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A refusal worded as kube-apiserver words it: the HTTP code and a metav1.Status body with reason,
 * message and details. The factory methods name the Kubernetes function whose wording they copy.
 */
public final class ApiError extends RuntimeException {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final int code;
  private final String reason;
  private final Map<String, Object> details;

  private ApiError(int code, String reason, String message, Map<String, Object> details) {
    super(message, null, false, false);
    this.code = code;
    this.reason = reason;
    this.details = details;
  }

  public int code() {
    return code;
  }

  public String reason() {
    return reason;
  }

  /** apierrors.NewForbidden. */
  public static ApiError forbidden(String resource, String group, String name, String why) {
    String qualified = group == null || group.isEmpty() ? resource : resource + "." + group;
    String message =
        (name == null || name.isEmpty() ? qualified : qualified + " \"" + name + "\"")
            + " is forbidden: "
            + why;
    return new ApiError(403, "Forbidden", message, details(name, group, resource));
  }

  /**
   * A validating admission webhook's denial (webhookerrors.ToStatusErr), with the webhook's words.
   */
  public static ApiError webhookDenied(String webhook, String message) {
    return new ApiError(
        403,
        "Forbidden",
        "admission webhook \"" + webhook + "\" denied the request: " + message,
        Map.of());
  }

  /** A ValidatingAdmissionPolicy's denial with reason Forbidden. */
  public static ApiError policyForbidden(String message) {
    return new ApiError(403, "Forbidden", message, Map.of());
  }

  /** A ValidatingAdmissionPolicy's denial with the default reason, Invalid. */
  public static ApiError policyInvalid(String message) {
    return new ApiError(422, "Invalid", message, Map.of());
  }

  /** The authorizer's reason, as RBAC's denial message words it. */
  public static String notAllowed(Caller caller, ApiRequest r) {
    String scope =
        r.namespace() != null && !r.resource().equals("namespaces")
            ? " in the namespace \"" + r.namespace() + "\""
            : " at the cluster scope";
    return "User \""
        + caller.name()
        + "\" cannot "
        + r.verb()
        + " resource \""
        + r.rbacResource()
        + "\" in API group \""
        + r.group()
        + "\""
        + scope;
  }

  /** apierrors.NewInvalid: one cause per field error. */
  public static ApiError invalid(String kind, String group, String name, List<FieldError> errors) {
    String qualifiedKind = group == null || group.isEmpty() ? kind : kind + "." + group;
    String joined =
        errors.size() == 1
            ? errors.get(0).toString()
            : "[" + String.join(", ", errors.stream().map(FieldError::toString).toList()) + "]";
    Map<String, Object> details = details(name, group, kind.toLowerCase(Locale.ROOT));
    details.put("kind", kind);
    details.remove("resource");
    details.put(
        "causes",
        errors.stream()
            .map(e -> Map.of("reason", e.type().reason, "message", e.body(), "field", e.field()))
            .toList());
    return new ApiError(
        422, "Invalid", qualifiedKind + " \"" + name + "\" is invalid: " + joined, details);
  }

  /** The same refusal with one more cause in its details, as admission plugins add them. */
  public ApiError withCause(String causeReason, String message, String field) {
    Map<String, Object> more = new LinkedHashMap<>(details);
    List<Object> causes = new java.util.ArrayList<>();
    if (more.get("causes") instanceof List<?> existing) {
      causes.addAll(existing);
    }
    causes.add(Map.of("reason", causeReason, "message", message, "field", field));
    more.put("causes", causes);
    return new ApiError(code, reason, getMessage(), more);
  }

  /** apierrors.NewConflict for an update with a stale resourceVersion. */
  public static ApiError conflict(String resource, String group, String name) {
    String qualified = group == null || group.isEmpty() ? resource : resource + "." + group;
    return new ApiError(
        409,
        "Conflict",
        "Operation cannot be fulfilled on "
            + qualified
            + " \""
            + name
            + "\": the object has been modified; please apply your changes to the latest version and try again",
        details(name, group, resource));
  }

  public static ApiError alreadyExists(String resource, String group, String name) {
    String qualified = group == null || group.isEmpty() ? resource : resource + "." + group;
    return new ApiError(
        409,
        "AlreadyExists",
        qualified + " \"" + name + "\" already exists",
        details(name, group, resource));
  }

  public static ApiError notFound(String resource, String group, String name) {
    String qualified = group == null || group.isEmpty() ? resource : resource + "." + group;
    return new ApiError(
        404, "NotFound", qualified + " \"" + name + "\" not found", details(name, group, resource));
  }

  /** A path the server does not serve. */
  public static ApiError notFoundPath() {
    return new ApiError(
        404, "NotFound", "the server could not find the requested resource", Map.of());
  }

  public static ApiError badRequest(String message) {
    return new ApiError(400, "BadRequest", message, Map.of());
  }

  /**
   * A patch that parses but does not apply: the patch handlers answer 422 with the patcher's error.
   */
  public static ApiError unprocessablePatch(String message) {
    return new ApiError(422, "Invalid", message, Map.of());
  }

  public static ApiError unsupportedMediaType(String contentType) {
    return new ApiError(
        415,
        "UnsupportedMediaType",
        "the body of the request was in an unknown format - accepted "
            + "media types include: application/json-patch+json, application/merge-patch+json"
            + (contentType == null ? "" : " (got " + contentType + ")"),
        Map.of());
  }

  public static ApiError internal(String message) {
    return new ApiError(500, "InternalError", "Internal error occurred: " + message, Map.of());
  }

  public static ApiError unauthorized() {
    return new ApiError(401, "Unauthorized", "Unauthorized", Map.of());
  }

  public static ApiError methodNotAllowed(String method) {
    return new ApiError(
        405,
        "MethodNotAllowed",
        "the server does not allow this method on the requested resource (" + method + ")",
        Map.of());
  }

  public MockResponse response() {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("kind", "Status");
    status.put("apiVersion", "v1");
    status.put("metadata", Map.of());
    status.put("status", "Failure");
    status.put("message", getMessage());
    status.put("reason", reason);
    if (!details.isEmpty()) {
      status.put("details", details);
    }
    status.put("code", code);
    try {
      return new MockResponse()
          .setResponseCode(code)
          .setHeader("Content-Type", "application/json")
          .setBody(JSON.writeValueAsString(status));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> details(String name, String group, String resource) {
    Map<String, Object> d = new LinkedHashMap<>();
    if (name != null) {
      d.put("name", name);
    }
    if (group != null && !group.isEmpty()) {
      d.put("group", group);
    }
    d.put("kind", resource);
    return d;
  }
}
