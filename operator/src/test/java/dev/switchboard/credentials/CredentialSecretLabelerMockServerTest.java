package dev.switchboard.credentials;

import static dev.switchboard.testing.Fixtures.credentials;
import static dev.switchboard.testing.Fixtures.namespace;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.apiserver.Profile;
import dev.switchboard.support.Labels;
import dev.switchboard.testing.ApiServerTest;
import dev.switchboard.testing.StrictClusters;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The label goes on once with one request, nothing else changes, and the cache is handed the
 * labelled Secret.
 */
@ApiServerTest
class CredentialSecretLabelerMockServerTest {

  @Test
  void labelsOnceAndHandsTheServersAnswerToTheCache() {
    try (var cluster =
        StrictClusters.strict(Profile.KUBERNETES, Map.of(), KubernetesCrudDispatcher::new)) {
      var client = cluster.adminClient();
      client.resource(namespace("platform")).create();
      Secret unlabelled =
          client.resource(credentials("platform", "pg", "username", "u", "password", "p")).create();
      List<Secret> handed = new ArrayList<>();
      var labeler = new CredentialSecretLabeler(client, handed::add);

      int before = cluster.mockServer().getRequestCount();
      labeler.ensureLabelled(unlabelled);
      // One PATCH, not a GET first.
      assertThat(cluster.mockServer().getRequestCount() - before).isEqualTo(1);
      Secret labelled = client.secrets().inNamespace("platform").withName("pg").get();
      labeler.ensureLabelled(labelled);

      assertThat(labelled.getMetadata().getLabels()).containsEntry(Labels.CREDENTIALS, "true");
      assertThat(labelled.getData()).isEqualTo(unlabelled.getData());
      assertThat(handed)
          .singleElement()
          .satisfies(
              s ->
                  assertThat(s.getMetadata().getResourceVersion())
                      .isEqualTo(labelled.getMetadata().getResourceVersion()));
    }
  }
}
