package dev.switchboard.reliability;

import static dev.switchboard.testing.Fixtures.binding;
import static dev.switchboard.testing.Fixtures.serviceAccount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.testing.ApiAudit;
import dev.switchboard.testing.ApiServerTest;
import dev.switchboard.testing.OperatorMockServerTest;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * API Priority and Fairness throttles the operator (429 with Retry-After): it waits as long as the
 * server asks before each retry, and the binding converges once the server takes its requests.
 */
@ApiServerTest
class ThrottlingMockServerTest extends OperatorMockServerTest {
  private static final int RETRY_AFTER_SECONDS = 2;
  private static final int THROTTLED = 2;
  private final List<Long> attempts = new CopyOnWriteArrayList<>();
  private final AtomicInteger throttleLeft = new AtomicInteger(THROTTLED);

  @Override
  protected UnaryOperator<Dispatcher> front() {
    return strict ->
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            if (createsTheBoundSecret(request)) {
              attempts.add(System.nanoTime());
              if (throttleLeft.getAndDecrement() > 0) {
                return new MockResponse()
                    .setResponseCode(429)
                    .setHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS))
                    .setHeader("Content-Type", "application/json")
                    .setBody(
                        "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                            + "\"message\":\"Too many requests, please try again later.\","
                            + "\"reason\":\"TooManyRequests\",\"code\":429}");
              }
            }
            return strict.dispatch(request);
          }

          @Override
          public void shutdown() {
            strict.shutdown();
          }
        };
  }

  private static boolean createsTheBoundSecret(RecordedRequest request) {
    String agent = request.getHeader("User-Agent");
    return agent != null
        && agent.startsWith(ApiAudit.OPERATOR_USER_AGENT)
        && "POST".equals(request.getMethod())
        && request.getPath().startsWith("/api/v1/namespaces/team-a/secrets");
  }

  @Test
  void aThrottledWriteIsRetriedNoSoonerThanTheServerAsks() {
    sharedOrdersDb();
    create(binding("team-a", "orders-db", "platform", "orders-db", serviceAccount("orders-api")));

    eventually()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              WorkspaceBinding bound = fetchBinding("team-a", "orders-db");
              assertThat(condition(bound.getStatus().getConditions(), "Ready").getStatus())
                  .isEqualTo("True");
            });
    assertThat(attempts).as("the throttled create and its retries").hasSizeGreaterThan(THROTTLED);
    List<Duration> gaps = new ArrayList<>();
    for (int i = 1; i <= THROTTLED; i++) {
      gaps.add(Duration.ofNanos(attempts.get(i) - attempts.get(i - 1)));
    }
    assertThat(gaps)
        .as("time from each 429 to the next try")
        .allSatisfy(
            gap -> assertThat(gap).isGreaterThanOrEqualTo(Duration.ofSeconds(RETRY_AFTER_SECONDS)));
  }
}
