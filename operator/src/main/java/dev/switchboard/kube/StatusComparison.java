package dev.switchboard.kube;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Objects;

/** Compares two status objects by their JSON form, which is what the API server would store. */
public final class StatusComparison {
  private StatusComparison() {}

  @SuppressWarnings("deprecation")
  public static boolean same(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    return Objects.equals(
        Serialization.jsonMapper().valueToTree(a), Serialization.jsonMapper().valueToTree(b));
  }
}
