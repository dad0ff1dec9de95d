package dev.switchboard.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.v1alpha1.LastTest;
import dev.switchboard.testing.UnitTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When a Connection is tested, decided without a clock of its own. */
@UnitTest
class TestScheduleTest {
  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  private static final Duration INTERVAL = Duration.ofMinutes(5);

  private static LastTest testedAt(Instant time, String request) {
    LastTest last = new LastTest();
    last.setTime(time.toString());
    last.setRequest(request);
    return last;
  }

  @Test
  void neverTestedOrChangedInputsTestNow() {
    assertThat(TestSchedule.decide(null, null, false, NOW, INTERVAL, "a").testNow()).isTrue();
    assertThat(TestSchedule.decide(testedAt(NOW, null), null, true, NOW, INTERVAL, "a").testNow())
        .isTrue();
  }

  @Test
  void aNewRequestValueTestsNowAndTheSameOneDoesNot() {
    assertThat(TestSchedule.decide(testedAt(NOW, "1"), "2", false, NOW, INTERVAL, "a").testNow())
        .isTrue();
    assertThat(TestSchedule.decide(testedAt(NOW, "2"), "2", false, NOW, INTERVAL, "a").testNow())
        .isFalse();
  }

  @Test
  void otherwiseOneJitteredIntervalAfterTheLastTest() {
    var soon =
        TestSchedule.decide(testedAt(NOW.minusSeconds(60), null), null, false, NOW, INTERVAL, "a");
    assertThat(soon.testNow()).isFalse();
    Duration jittered = TestSchedule.jittered(INTERVAL, "a");
    assertThat(soon.nextCheck()).isEqualTo(jittered.minusSeconds(60));
    assertThat(
            TestSchedule.decide(
                    testedAt(NOW.minus(jittered), null), null, false, NOW, INTERVAL, "a")
                .testNow())
        .isTrue();
  }

  @Test
  void theJitterStaysWithinTenPercentAndDiffersBetweenConnections() {
    for (String seed : new String[] {"a", "b", "platform/orders-db", "team-b/cache"}) {
      assertThat(TestSchedule.jittered(INTERVAL, seed))
          .isBetween(Duration.ofSeconds(270), Duration.ofSeconds(330))
          .isEqualTo(TestSchedule.jittered(INTERVAL, seed));
    }
    assertThat(TestSchedule.jittered(INTERVAL, "platform/orders-db"))
        .isNotEqualTo(TestSchedule.jittered(INTERVAL, "team-b/cache"));
  }
}
