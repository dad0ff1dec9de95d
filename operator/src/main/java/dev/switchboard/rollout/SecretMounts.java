package dev.switchboard.rollout;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Whether a Pod template reads a Secret: as a volume, in a projected volume, or through env or
 * envFrom.
 */
public final class SecretMounts {
  private SecretMounts() {}

  public static boolean mounts(PodTemplateSpec template, String secretName) {
    PodSpec pod = template == null ? null : template.getSpec();
    if (pod == null) {
      return false;
    }
    for (Volume volume : nonNull(pod.getVolumes())) {
      if (volume.getSecret() != null && secretName.equals(volume.getSecret().getSecretName())) {
        return true;
      }
      if (volume.getProjected() != null
          && nonNull(volume.getProjected().getSources()).stream()
              .anyMatch(s -> s.getSecret() != null && secretName.equals(s.getSecret().getName()))) {
        return true;
      }
    }
    List<Container> containers = new ArrayList<>(nonNull(pod.getContainers()));
    containers.addAll(nonNull(pod.getInitContainers()));
    for (Container container : containers) {
      boolean env =
          nonNull(container.getEnv()).stream()
              .map(e -> e.getValueFrom() == null ? null : e.getValueFrom().getSecretKeyRef())
              .filter(Objects::nonNull)
              .anyMatch(ref -> secretName.equals(ref.getName()));
      boolean envFrom =
          nonNull(container.getEnvFrom()).stream()
              .anyMatch(
                  e -> e.getSecretRef() != null && secretName.equals(e.getSecretRef().getName()));
      if (env || envFrom) {
        return true;
      }
    }
    return false;
  }

  private static <T> List<T> nonNull(List<T> list) {
    return list == null ? List.of() : list;
  }
}
