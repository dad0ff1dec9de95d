package dev.switchboard.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock moved ahead by however much the test says: lets a test start where something has
 * already lasted a while (a refusal a minute old) without waiting that long.
 */
public final class ShiftedClock extends Clock {
  private volatile Duration ahead = Duration.ZERO;

  public void moveAhead(Duration by) {
    ahead = ahead.plus(by);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(ahead);
  }
}
