package dev.switchboard.playground;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

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

  void apply() throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      for (HasMetadata object : client.load(in).items()) {
        client.resource(object).create();
      }
    }
  }
}
