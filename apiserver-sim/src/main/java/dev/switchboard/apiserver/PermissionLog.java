package dev.switchboard.apiserver;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every permission that authorization (and admission's own authorization checks) granted to each
 * user, as "verb group/resource": what a test compares with the chart's rules to prove each grant
 * is used.
 */
public final class PermissionLog {
  private final Map<String, Set<String>> byUser = new ConcurrentHashMap<>();

  void granted(Caller caller, String verb, String group, String resource) {
    byUser
        .computeIfAbsent(caller.name(), u -> ConcurrentHashMap.newKeySet())
        .add(verb + " " + (group == null || group.isEmpty() ? "" : group + "/") + resource);
  }

  public Set<String> of(String user) {
    return new TreeSet<>(byUser.getOrDefault(user, Set.of()));
  }
}
