package dev.switchboard.binding;

import dev.switchboard.api.v1alpha1.WorkspaceBinding;

/** Names of what a binding produces, resolved from its spec. */
public final class BindingNames {
  private BindingNames() {}

  public static String secretName(WorkspaceBinding binding) {
    String name = binding.getSpec() == null ? null : binding.getSpec().getSecretName();
    return name == null || name.isEmpty() ? binding.getMetadata().getName() : name;
  }

  public static String readerRoleName(WorkspaceBinding binding) {
    return binding.getMetadata().getName() + "-switchboard-reader";
  }
}
