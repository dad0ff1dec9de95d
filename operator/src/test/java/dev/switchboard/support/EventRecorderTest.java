package dev.switchboard.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventRecorderTest {
  @Test
  void eventNamesStayValidForObjectsWithTheLongestNames() {
    assertThat(EventRecorder.eventName("orders")).startsWith("orders.");
    String longest = "a".repeat(252) + "b";
    assertThat(EventRecorder.eventName(longest)).hasSizeLessThanOrEqualTo(253)
        .matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    assertThat(EventRecorder.eventName(longest)).isNotEqualTo(EventRecorder.eventName(longest));
  }
}
