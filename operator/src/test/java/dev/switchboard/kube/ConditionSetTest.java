package dev.switchboard.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.UnitTest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

@UnitTest
class ConditionSetTest {
  private final Clock t1 = Clock.fixed(Instant.parse("2026-01-01T10:00:00Z"), ZoneOffset.UTC);
  private final Clock t2 = Clock.fixed(Instant.parse("2026-01-01T11:00:00Z"), ZoneOffset.UTC);

  @Test
  void keepsTransitionTimeWhileStatusStaysAndMovesItOnChange() {
    var first = new ConditionSet(null, 1L, t1).put("Ready", "True", "Ready", "ok").toList();
    var same = new ConditionSet(first, 2L, t2).put("Ready", "True", "Ready", "still ok").toList();
    var changed = new ConditionSet(same, 2L, t2).put("Ready", "False", "InUse", "busy").toList();

    assertThat(same.get(0).getLastTransitionTime()).isEqualTo("2026-01-01T10:00:00Z");
    assertThat(same.get(0).getObservedGeneration()).isEqualTo(2L);
    assertThat(changed.get(0).getLastTransitionTime()).isEqualTo("2026-01-01T11:00:00Z");
  }

  @Test
  void keepsTheOrderConditionsArePutIn() {
    var list =
        new ConditionSet(List.of(), 1L, t1)
            .put("B", "True", "x", "")
            .put("A", "True", "y", "")
            .toList();
    assertThat(list).extracting(c -> c.getType()).containsExactly("B", "A");
  }
}
