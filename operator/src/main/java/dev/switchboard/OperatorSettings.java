package dev.switchboard;

import java.time.Duration;

/** Operator-wide settings, with the defaults a Connection gets when it does not say. */
public record OperatorSettings(int testConcurrency, Duration defaultTestInterval, Duration defaultTestTimeout,
    Duration slowTestAfter) {

  public static OperatorSettings defaults() {
    return new OperatorSettings(10, Duration.ofMinutes(5), Duration.ofSeconds(10), Duration.ofSeconds(1));
  }
}
