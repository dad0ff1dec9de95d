package dev.switchboard.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.v1alpha1.ConnectionSpec;
import dev.switchboard.testing.BlackHole;
import dev.switchboard.testing.Fixtures;
import dev.switchboard.testing.RealServerTest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The executor's promises: data sources that never answer do not hold back the others, and tests
 * always end.
 */
@RealServerTest
class ConnectionTesterRealServerTest {

  private static ProbeTarget target(
      String type, int port, String database, Credentials credentials, Duration timeout) {
    ConnectionSpec spec = Fixtures.spec(type, "127.0.0.1", port, database);
    var plugin = PluginRegistry.builtIn().find(type).orElseThrow();
    return new ProbeTarget(Endpoint.of(spec, plugin), credentials, TlsSettings.DISABLED, timeout);
  }

  @Test
  void silentDataSourcesFillingEverySlotDoNotDelayAHealthyOne() throws Exception {
    var postgres = PluginRegistry.builtIn().find("postgresql").orElseThrow();
    try (var tester = new ConnectionTester(2, Duration.ofMillis(300), Clock.systemUTC());
        BlackHole hole = new BlackHole()) {
      List<CompletableFuture<TestOutcome>> stuck = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        stuck.add(
            tester.test(
                postgres,
                target(
                    "postgresql",
                    hole.port(),
                    "test",
                    new Credentials("postgres", "x", Map.of()),
                    Duration.ofSeconds(20))));
      }
      TestOutcome healthy =
          tester
              .test(
                  postgres,
                  target(
                      "postgresql",
                      5432,
                      "test",
                      new Credentials("postgres", "x", Map.of()),
                      Duration.ofSeconds(20)))
              .get();

      assertThat(healthy.reason()).isEqualTo(TestReason.Succeeded);
      assertThat(stuck)
          .as("the silent ones are still waiting for their own timeout")
          .allMatch(f -> !f.isDone());
    }
  }

  @Test
  void aTestEndsWithTimeoutEvenWhenTheProbeIgnoresItsTimeout() throws Exception {
    ConnectionPlugin deaf =
        new TcpPlugin() {
          @Override
          public String probe(ProbeTarget target) throws Exception {
            Thread.sleep(60_000);
            return "never";
          }
        };
    try (var tester = new ConnectionTester(1, Duration.ofSeconds(1), Clock.systemUTC())) {
      TestOutcome outcome =
          tester.test(deaf, target("tcp", 1, null, Credentials.NONE, Duration.ofMillis(200))).get();
      assertThat(outcome.reason()).isEqualTo(TestReason.Timeout);
      TestOutcome next =
          tester
              .test(
                  new TcpPlugin(),
                  target("tcp", 6379, null, Credentials.NONE, Duration.ofSeconds(5)))
              .get();
      assertThat(next.reason()).as("the slot was given back").isEqualTo(TestReason.Succeeded);
    }
  }

  @Test
  void failureMessagesNeverCarryTheCredentials() {
    var error = new RuntimeException("jdbc:postgresql://app:Sup3rS3cret@db/x failed for user app");
    ConnectionPlugin plugin = new TcpPlugin();
    var target =
        target(
            "tcp", 1, null, new Credentials("app", "Sup3rS3cret", Map.of()), Duration.ofSeconds(1));
    Failure failure = ConnectionTester.classify(plugin, error, target);
    assertThat(failure.reason()).isEqualTo(TestReason.UnexpectedResponse);
    assertThat(Redactor.redact(failure.message(), target.credentials()))
        .doesNotContain("Sup3rS3cret");
    assertThat(Redactor.redact("login Sup3rS3cret", target.credentials())).isEqualTo("login ***");
  }
}
