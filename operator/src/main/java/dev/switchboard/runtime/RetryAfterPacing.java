package dev.switchboard.runtime;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Makes the client wait as long as the API server's {@code Retry-After} asks before it retries a
 * throttled request (429 from API Priority and Fairness, or a 5xx that names a delay). The client
 * reads the header but schedules its retry after its own backoff, from 100 ms: holding the failed
 * response back for the asked delay puts that backoff after it, so no retry comes sooner.
 */
final class RetryAfterPacing implements Interceptor {
  static final String NAME = "switchboard-retry-after";

  /** Longer asks are not waited for in full: the request's own timeout would end it first. */
  static final Duration LONGEST = Duration.ofSeconds(60);

  @Override
  public CompletableFuture<Boolean> afterFailure(
      BasicBuilder builder, HttpResponse<?> response, RequestTags tags) {
    Optional<Duration> asked = asked(response.code(), response.header("Retry-After"));
    if (asked.isEmpty()) {
      return CompletableFuture.completedFuture(false);
    }
    // false: this interceptor does not resend; the client's own retry does, after its backoff.
    return CompletableFuture.supplyAsync(
        () -> false,
        CompletableFuture.delayedExecutor(asked.get().toMillis(), TimeUnit.MILLISECONDS));
  }

  /** The delay a failed response asks for, in whole seconds as kube-apiserver writes it. */
  static Optional<Duration> asked(int code, String retryAfter) {
    if ((code != 429 && code < 500) || retryAfter == null) {
      return Optional.empty();
    }
    try {
      long seconds = Long.parseLong(retryAfter.trim());
      if (seconds <= 0) {
        return Optional.empty();
      }
      Duration delay = Duration.ofSeconds(seconds);
      return Optional.of(delay.compareTo(LONGEST) > 0 ? LONGEST : delay);
    } catch (NumberFormatException dateOrGarbage) {
      return Optional.empty();
    }
  }
}
