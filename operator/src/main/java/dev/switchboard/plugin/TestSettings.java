package dev.switchboard.plugin;

import dev.switchboard.api.v1alpha1.ConnectionSpec;
import dev.switchboard.kube.DurationParser;
import java.time.Duration;

/**
 * A Connection's test policy with the operator's defaults filled in (never written back into spec).
 */
public record TestSettings(boolean enabled, Duration interval, Duration timeout) {

  public static TestSettings of(
      ConnectionSpec spec, Duration defaultInterval, Duration defaultTimeout) {
    var test = spec.getTest();
    if (test == null) {
      return new TestSettings(true, defaultInterval, defaultTimeout);
    }
    return new TestSettings(
        !Boolean.FALSE.equals(test.getEnabled()),
        DurationParser.parse(test.getInterval()).filter(d -> !d.isZero()).orElse(defaultInterval),
        DurationParser.parse(test.getTimeout()).filter(d -> !d.isZero()).orElse(defaultTimeout));
  }
}
