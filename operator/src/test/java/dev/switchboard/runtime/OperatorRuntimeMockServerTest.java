package dev.switchboard.runtime;

import static dev.switchboard.testing.Fixtures.binding;
import static dev.switchboard.testing.Fixtures.credentials;
import static dev.switchboard.testing.Fixtures.namespace;
import static dev.switchboard.testing.Fixtures.postgres;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.testing.ApiServerTest;
import dev.switchboard.testing.HelmCharts;
import dev.switchboard.testing.OperatorMockServerTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
                  .contains("switchboard_bindings{reason=\"NotPermitted\"} 1.0")
                  .contains("switchboard_connections{reason=\"Ready\"} 1.0");
            });
    String metrics = get("/metrics").body();
    // The JVM and the process, under the names JVM dashboards query.
    assertThat(metrics)
        .contains(
            "jvm_memory_used_bytes{",
            "jvm_gc_",
            "jvm_threads_live_threads",
            "jvm_classes_loaded_classes",
            "process_cpu_usage",
            "process_files_open_files",
            "process_start_time_seconds",
            "process_uptime_seconds");
    // Every metric the chart's Grafana dashboard queries is exported (GC pauses once a GC ran).
    System.gc();
    eventually()
        .untilAsserted(
            () -> {
              String now = get("/metrics").body();
              assertThat(dashboardMetrics())
                  .isNotEmpty()
                  .allSatisfy(m -> assertThat(now).as(m).containsPattern("(?m)^" + m + "[{ ]"));
            });
    assertThat(bucketsPerSeries(metrics))
        .as("finite buckets of each histogram series")
        .isNotEmpty()
        .allSatisfy((series, buckets) -> assertThat(buckets).as(series).isLessThanOrEqualTo(12));
    assertThat(metrics)
        .doesNotContain("metrics-canary-pw")
        .doesNotContain("orders-db")
        .doesNotContain("team-a");
  }

  /** The metrics the dashboard's queries read, as /metrics names them. */
  private static Set<String> dashboardMetrics() throws IOException {
    JsonNode dashboard =
        new ObjectMapper()
            .readTree(HelmCharts.chart().resolve("dashboards/switchboard.json").toFile());
    Set<String> names = new TreeSet<>();
    Pattern metric = Pattern.compile("\\b(?:switchboard|jvm|process|system)_[a-z0-9_]+");
    for (JsonNode expr : dashboard.findValues("expr")) {
      Matcher m = metric.matcher(expr.asText());
      while (m.find()) {
        names.add(m.group());
      }
    }
    return names;
  }

  /** Each histogram series (its labels but le) and how many finite buckets it has. */
  private static Map<String, Integer> bucketsPerSeries(String metrics) {
    Map<String, Integer> buckets = new TreeMap<>();
    for (String line : metrics.split("\n")) {
      if (line.startsWith("#") || !line.contains("_bucket{") || line.contains("le=\"+Inf\"")) {
        continue;
      }
      String series = line.substring(0, line.indexOf('}')).replaceAll(",?le=\"[^\"]*\"", "");
      buckets.merge(series, 1, Integer::sum);
    }
    return buckets;
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.httpPort() + path))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
