package dev.switchboard.connection;

import dev.switchboard.api.v1alpha1.BindingsSummary;
import dev.switchboard.api.v1alpha1.Connection;
import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.support.Keys;
import java.util.List;

/**
 * Which bindings use a Connection and which ask for it without permission ("see which data sources
 * use this").
 */
public record BindingUsage(List<String> permitted, List<String> denied) {
  public static final int MAX_LISTED = 50;

  public static BindingUsage of(
      Connection connection, List<WorkspaceBinding> referencing, AccessPolicy policy) {
    var permitted =
        referencing.stream()
            .filter(b -> policy.permits(connection, b.getMetadata().getNamespace()))
            .map(Keys::of)
            .sorted()
            .toList();
    var denied =
        referencing.stream()
            .filter(b -> !policy.permits(connection, b.getMetadata().getNamespace()))
            .map(Keys::of)
            .sorted()
            .toList();
    return new BindingUsage(permitted, denied);
  }

  public BindingsSummary summary() {
    return new BindingsSummary(permitted.size(), permitted.stream().limit(MAX_LISTED).toList());
  }

  /** Null rather than an empty list, so that status stays short in the common case. */
  public List<String> deniedListed() {
    return denied.isEmpty() ? null : denied.stream().limit(MAX_LISTED).toList();
  }

  public boolean inUse() {
    return !permitted.isEmpty();
  }
}
