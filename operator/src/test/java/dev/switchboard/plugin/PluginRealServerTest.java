package dev.switchboard.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.v1alpha1.ConnectionSpec;
import dev.switchboard.apiserver.Processes;
import dev.switchboard.testing.BlackHole;
import dev.switchboard.testing.Fixtures;
import dev.switchboard.testing.LogCapture;
import dev.switchboard.testing.RealServerTest;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every plugin must do against real network peers on the local host. Each failure runs with a
 * distinctive password that must appear in no outcome message and no log line.
 */
@RealServerTest
abstract class PluginRealServerTest {
  static final String PASSWORD = "Zq9-distinctive-P4ssw0rd";
  static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final ConnectionTester TESTER =
      new ConnectionTester(4, Duration.ofSeconds(1), Clock.systemUTC());

  private LogCapture logs;

  /** The type under test. */
  abstract String type();

  /** A spec pointing at host:port, with whatever else the type needs (database, URL …). */
  abstract ConnectionSpec spec(String host, int port);

  /**
   * TLS for the silent-listener case; plain TCP has nothing to wait for once a connection is
   * accepted.
   */
  TlsSettings silentListenerTls() {
    return TlsSettings.DISABLED;
  }

  @BeforeEach
  void captureLogs() {
    logs = new LogCapture();
  }

  @AfterEach
  void noCredentialWasLogged() {
    try {
      assertThat(logs.text()).doesNotContain(PASSWORD);
    } finally {
      logs.close();
    }
  }

  @AfterAll
  static void stopTester() {
    // The tester is shared by all plugin test classes of the JVM; its threads are daemons.
  }

  TestOutcome test(ConnectionSpec spec, Credentials credentials, TlsSettings tls) {
    ConnectionPlugin plugin = PluginRegistry.builtIn().find(spec.getType()).orElseThrow();
    var target = new ProbeTarget(Endpoint.of(spec, plugin), credentials, tls, TIMEOUT);
    TestOutcome outcome = TESTER.test(plugin, target).join();
    assertThat(outcome.message()).doesNotContain(PASSWORD);
    return outcome;
  }

  TestOutcome test(ConnectionSpec spec, Credentials credentials) {
    return test(spec, credentials, TlsSettings.DISABLED);
  }

  static Credentials user(String name, String password) {
    return new Credentials(name, password, Map.of());
  }

  static ConnectionSpec baseSpec(String type, String host, int port, String database) {
    return Fixtures.spec(type, host, port, database);
  }

  @Test
  void closedPortIsConnectionRefused() {
    TestOutcome outcome = test(spec("127.0.0.1", Processes.freePort()), user("app", PASSWORD));
    assertThat(outcome.reason()).isEqualTo(TestReason.ConnectionRefused);
    assertThat(outcome.message()).contains("refused");
  }

  @Test
  void listenerThatNeverAnswersIsATimeoutWithinTheTimeoutPlusOneSecond() throws Exception {
    try (BlackHole hole = new BlackHole()) {
      long start = System.nanoTime();
      TestOutcome outcome =
          test(spec("127.0.0.1", hole.port()), user("app", PASSWORD), silentListenerTls());
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(outcome.reason()).isEqualTo(TestReason.Timeout);
      assertThat(took).isLessThan(TIMEOUT.plusSeconds(1));
    }
  }

  @Test
  void unresolvableHostIsDNSResolutionFailed() {
    TestOutcome outcome = test(spec("no-such-host.invalid", 5432), user("app", PASSWORD));
    assertThat(outcome.reason()).isEqualTo(TestReason.DNSResolutionFailed);
    assertThat(outcome.message()).contains("no-such-host.invalid");
  }
}
