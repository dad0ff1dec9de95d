package dev.switchboard;

import static dev.switchboard.testing.Fixtures.decoded;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.ApiServerTest;
import dev.switchboard.testing.Crds;
import dev.switchboard.testing.OperatorMockServerTest;
import java.io.FileInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The README's quickstart, applied as a user would, ends with a bound Secret the workload can
 * mount.
 */
@ApiServerTest
class QuickstartMockServerTest extends OperatorMockServerTest {

  @Test
  void quickstartProducesTheBoundSecretForTheWorkload() throws IOException {
    try (var in =
        new FileInputStream(Crds.projectRoot().resolve("examples/quickstart.yaml").toFile())) {
      client.load(in).items().forEach(item -> client.resource(item).create());
    }

    eventually()
        .untilAsserted(
            () -> {
              var status = fetchBinding("team-a", "orders-db").getStatus();
              assertThat(condition(status.getConditions(), "Ready").getStatus()).isEqualTo("True");
            });
    var secret = client.secrets().inNamespace("team-a").withName("orders-db").get();
    assertThat(decoded(secret))
        .containsEntry("host", "orders-db.platform.svc")
        .containsEntry("username", "postgres")
        .containsEntry("password", "change-me")
        .containsEntry("jdbc-url", "jdbc:postgresql://orders-db.platform.svc:5432/postgres");
    var deployment = client.apps().deployments().inNamespace("team-a").withName("orders-api").get();
    assertThat(
            deployment
                .getSpec()
                .getTemplate()
                .getSpec()
                .getVolumes()
                .get(0)
                .getSecret()
                .getSecretName())
        .isEqualTo(secret.getMetadata().getName());
  }
}
