package dev.switchboard.binding;

import dev.switchboard.api.v1alpha1.WorkspaceBinding;

/** Names of what a binding produces, resolved from its spec. */
public final class BindingNames {
  private BindingNames() {}

  public static String secretName(WorkspaceBinding binding) {
    String name = binding.getSpec() == null ? null : binding.getSpec().getSecretName();
    return name == null || name.isEmpty() ? binding.getMetadata().getName() : name;
  }

  private static final String READER_SUFFIX = "-switchboard-reader";

  /**
   * {@code <binding>-switchboard-reader}; for a binding name too long to take the suffix within 253 characters, its
   * start and a hash of the whole, so that every valid binding name gets a distinct, valid name.
   */
  public static String readerRoleName(WorkspaceBinding binding) {
    String name = binding.getMetadata().getName();
    if (name.length() + READER_SUFFIX.length() <= 253) {
      return name + READER_SUFFIX;
    }
    String hash = dev.switchboard.support.Labels.asLabelValue(name);
    hash = hash.substring(hash.lastIndexOf('-') + 1);
    return name.substring(0, 253 - READER_SUFFIX.length() - hash.length() - 1) + "-" + hash + READER_SUFFIX;
  }
}
