package dev.switchboard.binding;

import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.support.Labels;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * The desired bound Secret of a binding, in the Service Binding (servicebinding.io) format. Pure.
 */
public final class BoundSecretBuilder {
  private BoundSecretBuilder() {}

  public static Secret build(
      WorkspaceBinding binding, String type, Map<String, String> data, String dataHash) {
    return build(binding, type, data, dataHash, Map.of());
  }

  /**
   * @param annotations more annotations, e.g. when a provisioned user's password was set
   */
  public static Secret build(
      WorkspaceBinding binding,
      String type,
      Map<String, String> data,
      String dataHash,
      Map<String, String> annotations) {
    Map<String, String> all = new TreeMap<>(annotations);
    all.put(Labels.DATA_HASH_ANNOTATION, dataHash);
    Map<String, String> encoded = new TreeMap<>();
    data.forEach(
        (k, v) ->
            encoded.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    return new SecretBuilder()
        .withMetadata(OwnedMetadata.forBinding(binding, BindingNames.secretName(binding), all))
        .withType("servicebinding.io/" + type)
        .withData(encoded)
        .build();
  }

  /** Only where the bound Secret goes: enough to look up what holds its name. */
  static Secret named(WorkspaceBinding binding, String secretName) {
    return new SecretBuilder()
        .withNewMetadata()
        .withNamespace(binding.getMetadata().getNamespace())
        .withName(secretName)
        .endMetadata()
        .build();
  }
}
