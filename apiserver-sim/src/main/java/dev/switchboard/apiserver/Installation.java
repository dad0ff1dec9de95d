package dev.switchboard.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.List;
import java.util.function.Function;

/**
 * What a new server starts with, as a cluster an operator was installed into: the CRDs (applied
 * first and established), the documents a chart renders (of which the ServiceAccount, RBAC and
 * admission policies are created; the first ServiceAccount is the operator's), the namespace the
 * release lives in, and how the operator builds its clients (its own serialization and settings).
 * The server knows no operator of its own: every one of these is passed in.
 */
public record Installation(
    List<JsonNode> crds,
    List<JsonNode> chart,
    String releaseNamespace,
    Function<Config, KubernetesClient> operatorClients) {

  public Installation {
    crds = List.copyOf(crds);
    chart = List.copyOf(chart);
  }

  /** The same installation, the operator's clients built by Fabric8's defaults. */
  public static Installation of(List<JsonNode> crds, List<JsonNode> chart, String namespace) {
    return new Installation(
        crds, chart, namespace, c -> new KubernetesClientBuilder().withConfig(c).build());
  }
}
