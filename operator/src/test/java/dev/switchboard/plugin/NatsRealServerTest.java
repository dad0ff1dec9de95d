package dev.switchboard.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.v1alpha1.ConnectionSpec;
import dev.switchboard.apiserver.Processes;
import dev.switchboard.testing.PrivateNats;
import dev.switchboard.testing.RealServerTest;
import dev.switchboard.testing.TestCertificates;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@RealServerTest
class NatsRealServerTest extends PluginRealServerTest {
  private static PrivateNats withPassword;
  private static PrivateNats withToken;
  private static PrivateNats withTls;

  @BeforeAll
  static void start() {
    withPassword = PrivateNats.withPassword(PASSWORD, false);
    withToken = PrivateNats.withToken(PASSWORD);
    withTls = PrivateNats.withPassword(PASSWORD, true);
  }

  @AfterAll
  static void stop() {
    withPassword.close();
    withToken.close();
    withTls.close();
  }

  @Override
  String type() {
    return "nats";
  }

  @Override
  ConnectionSpec spec(String host, int port) {
    return baseSpec("nats", host, port, null);
  }

  @Test
  void userAndPasswordSucceedAndReportTheVersion() {
    TestOutcome outcome =
        test(spec("127.0.0.1", withPassword.port()), user(PrivateNats.USER, PASSWORD));
    assertThat(outcome.reason()).isEqualTo(TestReason.Succeeded);
    assertThat(outcome.message()).matches("NATS \\d+\\.\\d+\\.\\d+ answered in \\d+ ms");
  }

  @Test
  void aTokenSucceeds() {
    assertThat(
            test(
                    spec("127.0.0.1", withToken.port()),
                    new Credentials(null, null, Map.of("token", PASSWORD)))
                .reason())
        .isEqualTo(TestReason.Succeeded);
  }

  @Test
  void theMachinesSharedServerWithoutCredentialsSucceeds() {
    assertThat(test(spec("127.0.0.1", 4222), Credentials.NONE).reason())
        .isEqualTo(TestReason.Succeeded);
  }

  @Test
  void theFirstServerThatAnswersOfSeveralIsUsed() {
    ConnectionSpec spec = spec("127.0.0.1", withPassword.port());
    spec.setParameters(
        Map.of(
            "servers", "127.0.0.1:" + Processes.freePort() + ",127.0.0.1:" + withPassword.port()));
    assertThat(test(spec, user(PrivateNats.USER, PASSWORD)).reason())
        .isEqualTo(TestReason.Succeeded);
  }

  @Test
  void wrongPasswordOrTokenOrNoneIsAuthenticationFailed() {
    assertThat(
            test(
                    spec("127.0.0.1", withPassword.port()),
                    user(PrivateNats.USER, PASSWORD + "-wrong"))
                .reason())
        .isEqualTo(TestReason.AuthenticationFailed);
    assertThat(
            test(
                    spec("127.0.0.1", withToken.port()),
                    new Credentials(null, null, Map.of("token", "wrong")))
                .reason())
        .isEqualTo(TestReason.AuthenticationFailed);
    assertThat(test(spec("127.0.0.1", withPassword.port()), Credentials.NONE).reason())
        .isEqualTo(TestReason.AuthenticationFailed);
  }

  @Test
  void tlsVerifiedAgainstTheRightCaSucceeds() {
    assertThat(
            test(
                    spec("127.0.0.1", withTls.port()),
                    user(PrivateNats.USER, PASSWORD),
                    new TlsSettings(true, withTls.caPem(), false))
                .reason())
        .isEqualTo(TestReason.Succeeded);
  }

  @Test
  void tlsWithAnotherCaIsTLSHandshakeFailed() {
    assertThat(
            test(
                    spec("127.0.0.1", withTls.port()),
                    user(PrivateNats.USER, PASSWORD),
                    new TlsSettings(true, TestCertificates.authority("other").pem(), false))
                .reason())
        .isEqualTo(TestReason.TLSHandshakeFailed);
  }
}
