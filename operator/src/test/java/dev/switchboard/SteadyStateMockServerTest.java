package dev.switchboard;

import static dev.switchboard.testing.Fixtures.binding;
import static dev.switchboard.testing.Fixtures.credentials;
import static dev.switchboard.testing.Fixtures.namespace;
import static dev.switchboard.testing.Fixtures.postgres;
import static dev.switchboard.testing.Fixtures.serviceAccount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.ApiServerTest;
import dev.switchboard.testing.OperatorMockServerTest;
import dev.switchboard.testing.Ready;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Once everything has converged, reconciling again must not write anything to the API server. */
@ApiServerTest
class SteadyStateMockServerTest extends OperatorMockServerTest {

  @BeforeEach
  void converge() {
    create(namespace("platform"));
    create(namespace("team-a"));
    create(namespace("team-b"));
    create(
        credentials("platform", "orders-credentials", "username", "orders", "password", "s3cret"));
    create(postgres("platform", "orders-db", "orders-credentials", "team-a"));
    create(binding("team-a", "with-subjects", "platform", "orders-db", serviceAccount("api")));
    create(binding("team-a", "without-subjects", "platform", "orders-db"));
    create(binding("team-b", "denied", "platform", "orders-db"));
    eventually()
        .untilAsserted(
            () -> {
              assertThat(
                      Ready.reason(
                          fetchBinding("team-a", "with-subjects").getStatus().getConditions()))
                  .isEqualTo("Ready");
              assertThat(
                      Ready.reason(
                          fetchBinding("team-a", "without-subjects").getStatus().getConditions()))
                  .isEqualTo("Ready");
              assertThat(Ready.reason(fetchBinding("team-b", "denied").getStatus().getConditions()))
                  .isEqualTo("NotPermitted");
              assertThat(
                      fetchConnection("platform", "orders-db").getStatus().getBindings().getCount())
                  .isEqualTo(2);
              assertThat(fetchConnection("platform", "orders-db").getStatus().getDeniedBindings())
                  .hasSize(1);
              assertThat(fetchConnection("platform", "orders-db").getStatus().getLastTest())
                  .isNotNull();
            });
  }

  @Test
  void aRestartedOperatorReconcilesEverythingAndWritesNothing() {
    drainRequests();

    restartOperator();
    eventually()
        .untilAsserted(
            () ->
                assertThat(everything())
                    .allSatisfy(
                        r ->
                            assertThat(reconciles.finished(r))
                                .as(r.getMetadata().getName())
                                .isPositive()));

    assertThat(writes(drainRequests())).isEmpty();
  }

  @Test
  void anUnrelatedChangeToTheCredentialSecretWritesNothing() {
    drainRequests();
    int before = reconciles.finished(fetchBinding("team-a", "with-subjects"));
    int connectionBefore = reconciles.finished(fetchConnection("platform", "orders-db"));

    edit(
        Secret.class,
        "platform",
        "orders-credentials",
        s -> {
          s.getMetadata().setAnnotations(Map.of("touched-by", "test"));
          return s;
        });
    eventually()
        .until(
            () ->
                reconciles.finished(fetchBinding("team-a", "with-subjects")) > before
                    && reconciles.finished(fetchConnection("platform", "orders-db"))
                        > connectionBefore);

    List<String> writes = writes(drainRequests());
    assertThat(writes).singleElement().asString().contains("/secrets/orders-credentials");
  }

  private List<HasMetadata> everything() {
    return List.of(
        fetchConnection("platform", "orders-db"),
        fetchBinding("team-a", "with-subjects"),
        fetchBinding("team-a", "without-subjects"),
        fetchBinding("team-b", "denied"));
  }
}
