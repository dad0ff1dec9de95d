package dev.switchboard.runtime;

import dev.switchboard.serialization.LenientDeserialization;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * The Kubernetes client the operator runs with: objects that break the schema are read rather than
 * dropped, and retries wait as long as the API server asks.
 */
public final class OperatorClients {
  private OperatorClients() {}

  public static KubernetesClient build(Config config) {
    return new KubernetesClientBuilder()
        .withConfig(config)
        .withKubernetesSerialization(LenientDeserialization.serialization())
        .withHttpClientBuilderConsumer(
            http -> http.addOrReplaceInterceptor(RetryAfterPacing.NAME, new RetryAfterPacing()))
        .build();
  }
}
