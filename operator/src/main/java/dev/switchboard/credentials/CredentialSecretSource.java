package dev.switchboard.credentials;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Optional;
import java.util.function.Function;

/**
 * Credential Secrets, read from the operator's label-scoped cache, and from the API server only for
 * a Secret that is not (yet) labelled for the cache.
 */
public class CredentialSecretSource {
  private final Function<ResourceID, Optional<Secret>> cache;
  private final KubernetesClient client;

  public CredentialSecretSource(
      Function<ResourceID, Optional<Secret>> cache, KubernetesClient client) {
    this.cache = cache;
    this.client = client;
  }

  public Optional<Secret> get(String namespace, String name) {
    Optional<Secret> cached = cache.apply(new ResourceID(name, namespace));
    if (cached.isPresent()) {
      return cached;
    }
    return Optional.ofNullable(client.secrets().inNamespace(namespace).withName(name).get());
  }
}
