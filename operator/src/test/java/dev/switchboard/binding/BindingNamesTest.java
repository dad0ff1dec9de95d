package dev.switchboard.binding;

import static dev.switchboard.testing.Fixtures.binding;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.UnitTest;
import org.junit.jupiter.api.Test;

@UnitTest
class BindingNamesTest {
  @Test
  void theReaderRoleIsNamedAfterTheBinding() {
    assertThat(BindingNames.readerRoleName(binding("team-a", "orders", "platform", "orders")))
        .isEqualTo("orders-switchboard-reader");
  }

  @Test
  void aBindingNameOfTheLongestValidLengthStillGetsAValidDistinctRoleName() {
    String first =
        BindingNames.readerRoleName(binding("team-a", "a".repeat(252) + "b", "platform", "orders"));
    String second =
        BindingNames.readerRoleName(binding("team-a", "a".repeat(252) + "c", "platform", "orders"));
    assertThat(first)
        .hasSizeLessThanOrEqualTo(253)
        .endsWith("-switchboard-reader")
        .isNotEqualTo(second);
  }
}
