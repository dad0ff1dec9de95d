package dev.switchboard.kube;

import static dev.switchboard.testing.Fixtures.credentials;
import static dev.switchboard.testing.Fixtures.namespace;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.ApiServerTest;
import dev.switchboard.testing.OperatorMockServerTest;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import org.junit.jupiter.api.Test;

/**
 * Events as kubectl describe shows Kubernetes' own: one per reason, counted, also across operator
 * restarts.
 */
@ApiServerTest
class EventRecorderMockServerTest extends OperatorMockServerTest {
  @Override
  protected boolean startsOperator() {
    return false;
  }

  @Test
  void theSameReasonAgainCountsOnItsEventEvenAfterARestart() {
    create(namespace("team-a"));
    Secret about = create(credentials("team-a", "db", "password", "x"));
    Clock first = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);
    Clock later = Clock.fixed(Instant.parse("2026-11-26T12:05:00Z"), ZoneOffset.UTC);
    var recorder = new EventRecorder(operatorClient(), first);
    recorder.recordTransition(about, EventRecorder.WARNING, "ConnectionRefused", "refused once");
    recorder.recordTransition(about, EventRecorder.NORMAL, "Ready", "answered");
    new EventRecorder(operatorClient(), later)
        .recordTransition(about, EventRecorder.WARNING, "ConnectionRefused", "refused again");
    // A new process knows nothing of the counts: it finds the Event and counts on.
    new EventRecorder(operatorClient(), later)
        .recordTransition(
            about, EventRecorder.WARNING, "ConnectionRefused", "refused a third time");

    var events =
        client.v1().events().inNamespace("team-a").list().getItems().stream()
            .sorted(Comparator.comparing(Event::getReason))
            .toList();
    assertThat(events).extracting(Event::getReason).containsExactly("ConnectionRefused", "Ready");
    Event refused = events.get(0);
    assertThat(refused.getCount()).isEqualTo(3);
    assertThat(refused.getMessage()).isEqualTo("refused a third time");
    assertThat(refused.getFirstTimestamp()).isEqualTo("2026-11-26T12:00:00Z");
    assertThat(refused.getLastTimestamp()).isEqualTo("2026-11-26T12:05:00Z");
    assertThat(events.get(1).getCount()).isEqualTo(1);
  }
}
