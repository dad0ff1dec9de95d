package dev.switchboard.support;

import dev.switchboard.api.v1alpha1.Connection;
import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.informers.EmptyExtras;

/**
 * What the caches of Switchboard's own kinds trim beyond what every cached object loses ({@code
 * informers/SlimItemStore}): the empty maps of unknown fields in their conditions and subjects.
 */
public final class SlimResources {
  private SlimResources() {}

  public static Connection connection(Connection c) {
    if (c.getStatus() != null) {
      EmptyExtras.shareConditions(c.getStatus().getConditions());
    }
    return c;
  }

  public static WorkspaceBinding binding(WorkspaceBinding b) {
    if (b.getSpec() != null) {
      EmptyExtras.shareSubjects(b.getSpec().getSubjects());
    }
    if (b.getStatus() != null) {
      EmptyExtras.shareConditions(b.getStatus().getConditions());
    }
    return b;
  }
}
