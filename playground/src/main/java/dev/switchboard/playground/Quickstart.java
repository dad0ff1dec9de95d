package dev.switchboard.playground;

import dev.switchboard.api.v1alpha1.Connection;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Applies the README's quickstart, as kubectl apply -f examples/quickstart.yaml does on an empty
 * cluster.
 */
final class Quickstart {
  private final KubernetesClient client;
  private final Path file;

  Quickstart(KubernetesClient client, Path file) {
    this.client = client;
    this.file = file;
  }

  /**
   * @param localPostgres whether to point the Connection at the PostgreSQL on this machine
   */
  void apply(boolean localPostgres) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      for (HasMetadata object : client.load(in).items()) {
        if (localPostgres && "Connection".equals(object.getKind())) {
          object = pointedAtLocalPostgres(object);
        }
        client.resource(object).create();
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static HasMetadata pointedAtLocalPostgres(HasMetadata connection) {
    if (connection instanceof Connection typed) {
      typed.getSpec().setHost(Playground.POSTGRES_HOST);
    } else {
      var generic = (GenericKubernetesResource) connection;
      ((Map<String, Object>) generic.getAdditionalProperties().get("spec"))
          .put("host", Playground.POSTGRES_HOST);
    }
    return connection;
  }
}
