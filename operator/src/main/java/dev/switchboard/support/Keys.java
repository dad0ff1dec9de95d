package dev.switchboard.support;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** "namespace/name" keys, as shown in status lists and used by cache indexes. */
public final class Keys {
  private Keys() {}

  public static String of(String namespace, String name) {
    return namespace + "/" + name;
  }

  public static String of(HasMetadata resource) {
    return of(resource.getMetadata().getNamespace(), resource.getMetadata().getName());
  }
}
