package dev.switchboard.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.UnitTest;
import org.junit.jupiter.api.Test;

@UnitTest
class LabelsTest {
  @Test
  void aNameThatFitsIsItsOwnLabelValue() {
    assertThat(Labels.asLabelValue("orders-db")).isEqualTo("orders-db");
    assertThat(Labels.asLabelValue("x".repeat(63))).isEqualTo("x".repeat(63));
  }

  @Test
  void longNamesAreCutToAValidDistinctValue() {
    String a = "a".repeat(60) + ".b-" + "c".repeat(100);
    String b = "a".repeat(60) + ".b-" + "d".repeat(100);
    assertThat(Labels.asLabelValue(a))
        .hasSizeLessThanOrEqualTo(63)
        .matches("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]")
        .isNotEqualTo(Labels.asLabelValue(b));
  }
}
