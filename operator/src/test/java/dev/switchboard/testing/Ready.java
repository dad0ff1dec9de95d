package dev.switchboard.testing;

import dev.switchboard.api.v1alpha1.Connection;
import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.Optional;

/**
 * The Ready condition of Switchboard's objects, as the tests read it; null or false while there is
 * none.
 */
public final class Ready {
  private Ready() {}

  public static Optional<Condition> of(List<Condition> conditions) {
    return conditions == null
        ? Optional.empty()
        : conditions.stream().filter(c -> "Ready".equals(c.getType())).findFirst();
  }

  public static String reason(List<Condition> conditions) {
    return of(conditions).map(Condition::getReason).orElse(null);
  }

  public static String reason(Connection c) {
    return c == null || c.getStatus() == null ? null : reason(c.getStatus().getConditions());
  }

  public static String reason(WorkspaceBinding b) {
    return b == null || b.getStatus() == null ? null : reason(b.getStatus().getConditions());
  }

  public static boolean isTrue(List<Condition> conditions) {
    return of(conditions).map(c -> "True".equals(c.getStatus())).orElse(false);
  }

  public static boolean isTrue(Connection c) {
    return c != null && c.getStatus() != null && isTrue(c.getStatus().getConditions());
  }
}
