package dev.switchboard.plugin;

import java.time.Duration;
import java.util.Arrays;

/**
 * How long tests that answer usually take, from the most recent ones, and so how long a test may
 * hold a slot.
 *
 * <p>A test that runs well past the typical duration is most likely waiting on a data source that
 * does not answer. Letting it hold its slot until a fixed limit makes each such data source cost
 * the healthy ones that limit; letting it go at a small multiple of the typical duration makes it
 * cost about as much as one healthy test.
 */
final class TypicalTestDuration {
  private static final int WINDOW = 64;
  private static final double YIELD_FACTOR = 1.5;
  private static final Duration FLOOR = Duration.ofMillis(20);

  private final long[] recentMillis = new long[WINDOW];
  private final Duration ceiling;
  private int count;
  private int next;

  /**
   * @param ceiling the longest a test holds a slot, and how long it may before any test has
   *     finished
   */
  TypicalTestDuration(Duration ceiling) {
    this.ceiling = ceiling;
  }

  synchronized void record(long millis) {
    recentMillis[next] = millis;
    next = (next + 1) % WINDOW;
    count = Math.min(count + 1, WINDOW);
  }

  /** How long a test started now holds its slot before it counts as waiting. */
  Duration slotHold() {
    long median;
    synchronized (this) {
      if (count == 0) {
        return ceiling;
      }
      long[] sorted = Arrays.copyOf(recentMillis, count);
      Arrays.sort(sorted);
      median = sorted[count / 2];
    }
    Duration hold = Duration.ofMillis(Math.round(median * YIELD_FACTOR));
    return hold.compareTo(FLOOR) < 0 ? FLOOR : hold.compareTo(ceiling) > 0 ? ceiling : hold;
  }
}
