package dev.switchboard.runtime;

import static dev.switchboard.testing.Fixtures.binding;
import static dev.switchboard.testing.Fixtures.credentials;
import static dev.switchboard.testing.Fixtures.namespace;
import static dev.switchboard.testing.Fixtures.postgres;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.ApiServerTest;
import dev.switchboard.testing.OperatorMockServerTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The process as the kubelet and Prometheus see it: probes and metrics on one port. */
@ApiServerTest
class OperatorRuntimeMockServerTest extends OperatorMockServerTest {
  private OperatorRuntime runtime;

  @Override
  protected boolean startsOperator() {
    return false;
  }

  @AfterEach
  void stopRuntime() {
    if (runtime != null) {
      runtime.close();
    }
  }

  @Test
  void servesProbesAndLowCardinalityMetricsWithoutCredentials() throws Exception {
    runtime = OperatorRuntime.start(operatorClient(), settings(), 0);
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
    assertThat(get("/readyz").statusCode())
        .as("informers have synced once start returns")
        .isEqualTo(200);

    create(namespace("platform"));
    create(namespace("team-a"));
    create(credentials("platform", "pg", "username", "postgres", "password", "metrics-canary-pw"));
    create(postgres("platform", "orders-db", "pg", "team-a"));
    create(binding("team-a", "orders-db", "platform", "orders-db"));
    create(binding("team-a", "denied", "platform", "nothing-here"));

    eventually()
        .untilAsserted(
            () -> {
              String metrics = get("/metrics").body();
              assertThat(metrics)
                  .contains("switchboard_reconciles_total{controller=\"workspacebinding\"")
                  .contains(
                      "switchboard_reconcile_duration_seconds_count{controller=\"connection\"")
                  .contains(
                      "switchboard_connection_tests_total{reason=\"Succeeded\",type=\"postgresql\"} 1.0")
                  .contains(
                      "switchboard_connection_test_latency_seconds_bucket{type=\"postgresql\"")
                  .contains("switchboard_bindings{reason=\"Ready\"} 1.0")
                  .contains("switchboard_bindings{reason=\"NotPermitted\"} 1.0");
            });
    String metrics = get("/metrics").body();
    assertThat(metrics)
        .doesNotContain("metrics-canary-pw")
        .doesNotContain("orders-db")
        .doesNotContain("team-a");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.httpPort() + path))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
