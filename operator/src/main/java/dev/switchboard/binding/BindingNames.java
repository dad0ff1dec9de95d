package dev.switchboard.binding;

import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.kube.ShortNames;

/** Names of what a binding produces, resolved from its spec. */
public final class BindingNames {
  private BindingNames() {}

  public static String secretName(WorkspaceBinding binding) {
    String name = binding.getSpec() == null ? null : binding.getSpec().getSecretName();
    return name == null || name.isEmpty() ? binding.getMetadata().getName() : name;
  }

  private static final String READER_SUFFIX = "-switchboard-reader";

  /**
   * {@code <binding>-switchboard-reader}; for a binding name too long to take the suffix within 253
   * characters, its start and a hash of the whole, so that every valid binding name gets a
   * distinct, valid name.
   */
  public static String readerRoleName(WorkspaceBinding binding) {
    return ShortNames.fit(binding.getMetadata().getName(), 253, READER_SUFFIX);
  }
}
