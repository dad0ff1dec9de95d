package dev.switchboard.serialization;

import dev.switchboard.api.v1alpha1.Connection;
import dev.switchboard.api.v1alpha1.ConnectionSpec;
import dev.switchboard.api.v1alpha1.Malformable;
import dev.switchboard.api.v1alpha1.WorkspaceBinding;
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
    if (object instanceof Connection original && copy instanceof Connection c) {
      copySpec(original.getSpec(), c.getSpec());
    } else if (object instanceof WorkspaceBinding original
        && copy instanceof WorkspaceBinding b
        && original.getSpec() != null
        && b.getSpec() != null) {
      marks(original.getSpec(), b.getSpec());
      marks(original.getSpec().getConnectionRef(), b.getSpec().getConnectionRef());
    }
    return copy;
  }

  private static void copySpec(ConnectionSpec from, ConnectionSpec to) {
    if (from == null || to == null) {
      return;
    }
    marks(from, to);
    if (from.getCredentials() != null && to.getCredentials() != null) {
      marks(from.getCredentials(), to.getCredentials());
      marks(from.getCredentials().getSecretRef(), to.getCredentials().getSecretRef());
    }
    if (from.getTls() != null && to.getTls() != null) {
      marks(from.getTls(), to.getTls());
      marks(from.getTls().getCaSecretRef(), to.getTls().getCaSecretRef());
    }
    marks(from.getTest(), to.getTest());
    marks(from.getAccess(), to.getAccess());
    if (from.getProvisioning() != null && to.getProvisioning() != null) {
      marks(from.getProvisioning(), to.getProvisioning());
      marks(
          from.getProvisioning().getPasswordRotation(), to.getProvisioning().getPasswordRotation());
    }
  }

  private static void marks(Malformable from, Malformable to) {
    if (from != null && to != null) {
      from.malformedFields().forEach(to::markMalformed);
    }
  }
}
