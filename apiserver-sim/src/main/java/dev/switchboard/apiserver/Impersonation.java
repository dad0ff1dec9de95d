package dev.switchboard.apiserver;

import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * kube-apiserver's impersonation filter: a request with {@code Impersonate-User} (kubectl {@code
 * --as}) and {@code Impersonate-Group} ({@code --as-group}) headers runs as that user, once RBAC
 * allows the caller the {@code impersonate} verb on each of them (users, groups, or the
 * ServiceAccount by namespace and name).
 */
final class Impersonation {
  private static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";

  private Impersonation() {}

  /** The user the request runs as: the caller, or the one it impersonates. */
  static Caller effective(Caller caller, RecordedRequest recorded, RbacAuthorizer authorizer) {
    String user = recorded.getHeader("Impersonate-User");
    List<String> groups = headers(recorded, "Impersonate-Group");
    if (user == null || user.isEmpty()) {
      if (!groups.isEmpty()) {
        throw ApiError.internal("requested [" + groups + "] without impersonating a user");
      }
      return caller;
    }
    if (user.startsWith(SERVICE_ACCOUNT_PREFIX)) {
      String[] parts = user.substring(SERVICE_ACCOUNT_PREFIX.length()).split(":", 2);
      if (parts.length != 2) {
        throw ApiError.badRequest("invalid service account name " + user);
      }
      allowed(caller, authorizer, "serviceaccounts", parts[0], parts[1]);
    } else {
      allowed(caller, authorizer, "users", null, user);
    }
    for (String group : groups) {
      allowed(caller, authorizer, "groups", null, group);
    }
    if (user.startsWith(SERVICE_ACCOUNT_PREFIX) && groups.isEmpty()) {
      String[] parts = user.substring(SERVICE_ACCOUNT_PREFIX.length()).split(":", 2);
      return Caller.serviceAccount(parts[0], parts[1]);
    }
    return Caller.user(user, groups.toArray(String[]::new));
  }

  private static void allowed(
      Caller caller, RbacAuthorizer authorizer, String resource, String namespace, String name) {
    if (!authorizer.allows(caller, "impersonate", "", resource, namespace, name)) {
      String scope =
          namespace == null ? " at the cluster scope" : " in the namespace \"" + namespace + "\"";
      throw ApiError.forbidden(
          resource,
          "",
          name,
          "User \""
              + caller.name()
              + "\" cannot impersonate resource \""
              + resource
              + "\" in API group \"\""
              + scope);
    }
  }

  private static List<String> headers(RecordedRequest recorded, String name) {
    List<String> values = recorded.getHeaders().headers(name);
    return values == null ? List.of() : new ArrayList<>(values);
  }
}
