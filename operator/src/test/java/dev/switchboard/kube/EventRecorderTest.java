package dev.switchboard.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.UnitTest;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;

@UnitTest
class EventRecorderTest {
  private static HasMetadata object(String name, String uid) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("team-a")
        .withUid(uid)
        .endMetadata()
        .build();
  }

  @Test
  void oneNamePerObjectAndReasonAlwaysTheSame() {
    HasMetadata orders = object("orders", "uid-1");
    assertThat(EventRecorder.eventName(orders, "Ready"))
        .startsWith("orders.")
        .isEqualTo(EventRecorder.eventName(orders, "Ready"))
        .isNotEqualTo(EventRecorder.eventName(orders, "NotPermitted"))
        .isNotEqualTo(EventRecorder.eventName(object("orders", "uid-2"), "Ready"));
  }

  @Test
  void eventNamesStayValidForObjectsWithTheLongestNames() {
    String longest = "a".repeat(252) + "b";
    assertThat(EventRecorder.eventName(object(longest, "uid-1"), "Ready"))
        .hasSizeLessThanOrEqualTo(253)
        .matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  }
}
