package dev.switchboard.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.UnitTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@UnitTest
class DataHashTest {
  @Test
  void sameDataSameKeyGivesTheSameHashRegardlessOfOrder() {
    assertThat(DataHash.of(Map.of("a", "1", "b", "2"), "k"))
        .isEqualTo(DataHash.of(Map.of("b", "2", "a", "1"), "k"));
  }

  @Test
  void aChangedValueOrKeyChangesTheHash() {
    String base = DataHash.of(Map.of("password", "old"), "k");
    assertThat(DataHash.of(Map.of("password", "new"), "k")).isNotEqualTo(base);
    assertThat(DataHash.of(Map.of("password", "old"), "other-key")).isNotEqualTo(base);
  }

  @Test
  void keyAndValueBoundariesMatter() {
    assertThat(DataHash.of(Map.of("ab", "c"), "k"))
        .isNotEqualTo(DataHash.of(Map.of("a", "bc"), "k"));
  }
}
