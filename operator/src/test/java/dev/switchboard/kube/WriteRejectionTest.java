package dev.switchboard.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.plugin.Credentials;
import dev.switchboard.plugin.Redactor;
import dev.switchboard.testing.UnitTest;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

@UnitTest
class WriteRejectionTest {
  private static KubernetesClientException refusal(int code, String message) {
    return new KubernetesClientException(
        new StatusBuilder().withCode(code).withMessage(message).build());
  }

  @Test
  void onlyRefusalsThatARetryCannotFixAreFinal() {
    assertThat(WriteRejection.isFinal(refusal(403, "x"))).isTrue();
    assertThat(WriteRejection.isFinal(refusal(422, "x"))).isTrue();
    assertThat(WriteRejection.isFinal(refusal(409, "x"))).isFalse();
    assertThat(WriteRejection.isFinal(refusal(429, "x"))).isFalse();
    assertThat(WriteRejection.isFinal(refusal(500, "x"))).isFalse();
  }

  @Test
  void aRefusalLiftedWithinFiveMinutesIsNoticedWithinHalfAMinuteAndALastingOneCostsFewRequests() {
    Instant now = Instant.parse("2026-01-01T00:10:00Z");
    assertThat(WriteRejection.retryAfter((Instant) null, now)).isEqualTo(Duration.ofSeconds(5));
    assertThat(WriteRejection.retryAfter(now.minusSeconds(1), now))
        .isEqualTo(Duration.ofSeconds(5));
    assertThat(WriteRejection.retryAfter(now.minusSeconds(30), now))
        .isEqualTo(Duration.ofSeconds(15));
    // A minute of refusals (a quota, a webhook): the next try within 20 s, not 2 minutes.
    assertThat(
            WriteRejection.retryAfter(
                new ConditionBuilder().withLastTransitionTime("2026-01-01T00:09:00Z").build(), now))
        .isEqualTo(Duration.ofSeconds(20));
    assertThat(WriteRejection.retryAfter(now.minusSeconds(299), now))
        .isEqualTo(Duration.ofSeconds(20));
    assertThat(WriteRejection.retryAfter(now.minusSeconds(400), now))
        .isEqualTo(Duration.ofSeconds(200));
    assertThat(WriteRejection.retryAfter(now.minusSeconds(3600), now))
        .isEqualTo(Duration.ofMinutes(5));
  }

  /** Tries while a refusal lasts five minutes: at most one a second, and never one a reconcile. */
  @Test
  void fiveMinutesOfRefusalsCostFewerThanThirtyTries() {
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    Instant at = start;
    int tries = 0;
    while (at.isBefore(start.plus(Duration.ofMinutes(5)))) {
      Duration wait = WriteRejection.retryAfter(start, at);
      assertThat(wait).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
      at = at.plus(wait);
      tries++;
    }
    assertThat(tries).isLessThan(30);
  }

  @Test
  void theServersWordsAreKeptButNoCredential() {
    var credentials = new Credentials("orders", "s3cret-pw", Map.of());
    String message =
        WriteRejection.describe(
            "the bound Secret",
            refusal(
                403, "admission webhook \"x\" denied the request: password s3cret-pw is too weak"),
            text -> Redactor.redact(text, credentials));
    assertThat(message)
        .contains("The API server refused to write the bound Secret (403)", "denied the request")
        .doesNotContain("s3cret-pw");
    assertThat(WriteRejection.describe("it", refusal(422, "y".repeat(5000)), text -> text))
        .hasSizeLessThan(700);
  }
}
