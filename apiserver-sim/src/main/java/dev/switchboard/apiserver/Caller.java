package dev.switchboard.apiserver;

import java.util.ArrayList;
import java.util.List;

/** An authenticated user as the API server knows it from its bearer token: a name and groups. */
public record Caller(String name, List<String> groups) {
  public static final String MASTERS = "system:masters";
  public static final String AUTHENTICATED = "system:authenticated";

  public static Caller serviceAccount(String namespace, String name) {
    return new Caller(
        "system:serviceaccount:" + namespace + ":" + name,
        List.of("system:serviceaccounts", "system:serviceaccounts:" + namespace, AUTHENTICATED));
  }

  public static Caller user(String name, String... groups) {
    List<String> all = new ArrayList<>(List.of(groups));
    all.add(AUTHENTICATED);
    return new Caller(name, List.copyOf(all));
  }

  public boolean isMaster() {
    return groups.contains(MASTERS);
  }

  /** "(groups=[...])" as RBAC's escalation message prints a user. */
  public String describe() {
    return "user \""
        + name
        + "\" (groups="
        + groups.stream().map(g -> "\"" + g + "\"").toList()
        + ")";
  }
}
