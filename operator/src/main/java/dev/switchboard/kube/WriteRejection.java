package dev.switchboard.kube;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * A write the API server refused for good (403 by RBAC, an admission policy or a webhook, 400, 422,
 * 415): retrying at once cannot help, so the object reports it (Ready=False, reason WriteRejected)
 * and is tried again later, less often the longer it lasts. Conflicts, throttling and server errors
 * are not final; the SDK's own retry handles them.
 */
public final class WriteRejection {
  public static final String REASON = "WriteRejected";
  static final Duration FIRST_RETRY = Duration.ofSeconds(5);
  static final Duration PROMPT_RETRY = Duration.ofSeconds(20);
  static final Duration PROMPT_WHILE = Duration.ofMinutes(5);
  static final Duration LAST_RETRY = Duration.ofMinutes(5);
  private static final int MAX_MESSAGE = 512;
  private static final String NAMESPACE_TERMINATING = "NamespaceTerminating";

  private WriteRejection() {}

  public static boolean isFinal(KubernetesClientException e) {
    int code = e.getCode();
    return code == 400 || code == 403 || code == 415 || code == 422;
  }

  /**
   * A create refused because its namespace is being deleted (the NamespaceLifecycle admission
   * plugin's 403 with cause NamespaceTerminating): not a refusal to report or retry, since the
   * namespace takes the objects in it, and the one the write was for, with it.
   */
  public static boolean namespaceTerminating(KubernetesClientException e) {
    return e.getCode() == 403
        && e.getStatus() != null
        && e.getStatus().getDetails() != null
        && e.getStatus().getDetails().getCauses() != null
        && e.getStatus().getDetails().getCauses().stream()
            .anyMatch(c -> NAMESPACE_TERMINATING.equals(c.getReason()));
  }

  /**
   * The API server's own words, cut short, through the caller's redaction, which removes every
   * credential value (a webhook may echo the object).
   */
  public static String describe(
      String what, KubernetesClientException e, UnaryOperator<String> redaction) {
    String message =
        e.getStatus() != null && e.getStatus().getMessage() != null
            ? e.getStatus().getMessage()
            : "HTTP " + e.getCode();
    if (message.length() > MAX_MESSAGE) {
      message = message.substring(0, MAX_MESSAGE) + "...";
    }
    return "The API server refused to write "
        + what
        + " ("
        + e.getCode()
        + "): "
        + redaction.apply(message);
  }

  /**
   * When to try again, from the Ready condition that reports the refusal (its transition is when it
   * began).
   */
  public static Duration retryAfter(Condition ready, Instant now) {
    String since = ready == null ? null : ready.getLastTransitionTime();
    return retryAfter(since == null ? null : Instant.parse(since), now);
  }

  /**
   * Half as long as the refusal has lasted: at least 5 seconds, at most 20 seconds while it has
   * lasted under 5 minutes (a quota raised or a webhook fixed is noticed within half a minute), and
   * at most 5 minutes after that (a refusal that lasts costs few requests).
   */
  public static Duration retryAfter(Instant rejectedSince, Instant now) {
    Duration lasted = rejectedSince == null ? Duration.ZERO : Duration.between(rejectedSince, now);
    Duration ceiling = lasted.compareTo(PROMPT_WHILE) < 0 ? PROMPT_RETRY : LAST_RETRY;
    Duration next = lasted.dividedBy(2);
    return next.compareTo(FIRST_RETRY) < 0
        ? FIRST_RETRY
        : next.compareTo(ceiling) > 0 ? ceiling : next;
  }
}
