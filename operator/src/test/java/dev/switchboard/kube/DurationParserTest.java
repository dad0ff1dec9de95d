package dev.switchboard.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.UnitTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@UnitTest
class DurationParserTest {
  @Test
  void parsesKubernetesStyleDurations() {
    assertThat(DurationParser.parse("5m")).contains(Duration.ofMinutes(5));
    assertThat(DurationParser.parse("1h30m")).contains(Duration.ofMinutes(90));
    assertThat(DurationParser.parse("250ms")).contains(Duration.ofMillis(250));
  }

  @Test
  void rejectsWhatIsNotADuration() {
    assertThat(DurationParser.parse("soon")).isEmpty();
    assertThat(DurationParser.parse("5")).isEmpty();
    assertThat(DurationParser.parse("-5s")).isEmpty();
    assertThat(DurationParser.parse("99999999999999999999h")).isEmpty();
    assertThat(DurationParser.parse(null)).isEmpty();
  }
}
