package dev.switchboard.serialization;

import dev.switchboard.api.v1alpha1.MalformableResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.config.Cloner;

/**
 * The SDK hands reconcilers a copy of the cached resource; a copy through JSON would forget which
 * fields arrived malformed (that is not part of the JSON), and a malformed spec would then look
 * valid. This copies the marks too.
 */
public class MalformedPreservingCloner implements Cloner {
  private final KubernetesSerialization serialization;

  public MalformedPreservingCloner(KubernetesSerialization serialization) {
    this.serialization = serialization;
  }

  @Override
  public <R extends HasMetadata> R clone(R object) {
    R copy = serialization.clone(object);
    if (object instanceof MalformableResource original
        && copy instanceof MalformableResource copied
        && original.malformableSpec() != null) {
      original.malformableSpec().copyMarksTo(copied.malformableSpec());
    }
    return copy;
  }
}
