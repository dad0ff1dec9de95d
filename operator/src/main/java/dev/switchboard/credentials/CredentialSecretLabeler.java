package dev.switchboard.credentials;

import dev.switchboard.support.Labels;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.function.Consumer;

/**
 * Marks a credential Secret that a Connection points at with one label, so that the operator can
 * watch exactly the Secrets it reads (and see rotations at once) without caching every Secret in
 * the cluster. Only that label is written; the Secret's data and everything else stay untouched.
 */
public class CredentialSecretLabeler {
  private static final String PATCH =
      "{\"metadata\":{\"labels\":{\"" + Labels.CREDENTIALS + "\":\"true\"}}}";
  private final KubernetesClient client;
  private final Consumer<Secret> labelled;

  public CredentialSecretLabeler(KubernetesClient client) {
    this(client, secret -> {});
  }

  /**
   * @param labelled told of each Secret this labeler labelled, as the API server answered: the
   *     cache that watches labelled Secrets can hold it before its watch event arrives
   */
  public CredentialSecretLabeler(KubernetesClient client, Consumer<Secret> labelled) {
    this.client = client;
    this.labelled = labelled;
  }

  public void ensureLabelled(Secret secret) {
    var labels = secret.getMetadata().getLabels();
    if (labels != null && labels.containsKey(Labels.CREDENTIALS)) {
      return;
    }
    // Patched through the object in hand: patching by name, the client would first GET it.
    labelled.accept(client.resource(secret).patch(PatchContext.of(PatchType.JSON_MERGE), PATCH));
  }
}
