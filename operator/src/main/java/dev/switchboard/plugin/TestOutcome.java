package dev.switchboard.plugin;

import java.time.Instant;

/**
 * The result of one connection test. The message is Switchboard's own words, with credentials
 * redacted.
 */
public record TestOutcome(
    TestReason reason, String message, long latencyMillis, Instant finishedAt) {
  public boolean succeeded() {
    return reason == TestReason.Succeeded;
  }
}
