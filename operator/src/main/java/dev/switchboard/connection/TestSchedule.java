package dev.switchboard.connection;

import dev.switchboard.api.v1alpha1.LastTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When a Connection is tested: at once when never tested, when its inputs changed, or when a new
 * value of the {@code switchboard.dev/test-requested} annotation asks; otherwise one interval after
 * the last test, with a per-Connection jitter of ±10% so that Connections created together do not
 * test together forever.
 */
public final class TestSchedule {
  private TestSchedule() {}

  /**
   * @param nextCheck when to look again if no test starts now
   */
  public record Decision(boolean testNow, Duration nextCheck) {}

  public static Decision decide(
      LastTest last,
      String requested,
      boolean inputsChanged,
      Instant now,
      Duration interval,
      String jitterSeed) {
    if (last == null || last.getTime() == null || inputsChanged) {
      return new Decision(true, interval);
    }
    if (requested != null && !Objects.equals(requested, last.getRequest())) {
      return new Decision(true, interval);
    }
    Instant due = Instant.parse(last.getTime()).plus(jittered(interval, jitterSeed));
    if (!now.isBefore(due)) {
      return new Decision(true, interval);
    }
    return new Decision(false, Duration.between(now, due));
  }

  /** interval × [0.9, 1.1), fixed per seed. */
  static Duration jittered(Duration interval, String seed) {
    double unit = (Integer.toUnsignedLong(Objects.hashCode(seed) * 0x9E3779B1) % 10_000) / 10_000.0;
    return Duration.ofMillis((long) (interval.toMillis() * (0.9 + 0.2 * unit)));
  }
}
