package dev.switchboard.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.UnitTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@UnitTest
class TypicalTestDurationTest {
  private final TypicalTestDuration typical = new TypicalTestDuration(Duration.ofSeconds(1));

  @Test
  void beforeAnyTestHasAnsweredASlotIsHeldUntilTheCeiling() {
    assertThat(typical.slotHold()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void aSlotIsHeldForOneAndAHalfTimesTheMedianOfRecentAnswers() {
    for (long millis : new long[] {30, 40, 40, 50, 900}) {
      typical.record(millis);
    }
    assertThat(typical.slotHold()).isEqualTo(Duration.ofMillis(60));
  }

  @Test
  void theHoldStaysBetweenTheFloorAndTheCeiling() {
    typical.record(1);
    assertThat(typical.slotHold()).isEqualTo(Duration.ofMillis(20));
    for (int i = 0; i < 10; i++) {
      typical.record(5_000);
    }
    assertThat(typical.slotHold()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void onlyRecentAnswersCount() {
    for (int i = 0; i < 64; i++) {
      typical.record(800);
    }
    for (int i = 0; i < 64; i++) {
      typical.record(40);
    }
    assertThat(typical.slotHold()).isEqualTo(Duration.ofMillis(60));
  }
}
