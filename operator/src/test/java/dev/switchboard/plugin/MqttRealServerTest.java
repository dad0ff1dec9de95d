package dev.switchboard.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.v1alpha1.ConnectionSpec;
import dev.switchboard.testing.PrivateMosquitto;
import dev.switchboard.testing.RealServerTest;
import dev.switchboard.testing.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@RealServerTest
class MqttRealServerTest extends PluginRealServerTest {
  private static PrivateMosquitto mosquitto;

  @BeforeAll
  static void start() {
    mosquitto = new PrivateMosquitto(PASSWORD);
  }

  @AfterAll
  static void stop() {
    mosquitto.close();
  }

  @Override
  String type() {
    return "mqtt";
  }

  @Override
  ConnectionSpec spec(String host, int port) {
    return baseSpec("mqtt", host, port, null);
  }

  @Test
  void itsUserSucceeds() {
    TestOutcome outcome =
        test(spec("127.0.0.1", mosquitto.port()), user(PrivateMosquitto.USER, PASSWORD));
    assertThat(outcome.reason()).isEqualTo(TestReason.Succeeded);
    assertThat(outcome.message()).startsWith("MQTT broker answered in");
  }

  @Test
  void theMachinesSharedBrokerWithoutCredentialsSucceeds() {
    assertThat(test(spec("127.0.0.1", 1883), Credentials.NONE).reason())
        .isEqualTo(TestReason.Succeeded);
  }

  @Test
  void aRefusedPasswordOrNoneIsAuthenticationFailed() {
    assertThat(
            test(
                    spec("127.0.0.1", mosquitto.port()),
                    user(PrivateMosquitto.USER, PASSWORD + "-wrong"))
                .reason())
        .isEqualTo(TestReason.AuthenticationFailed);
    assertThat(test(spec("127.0.0.1", mosquitto.port()), Credentials.NONE).reason())
        .isEqualTo(TestReason.AuthenticationFailed);
  }

  @Test
  void tlsVerifiedAgainstTheRightCaSucceeds() {
    assertThat(
            test(
                    spec("127.0.0.1", mosquitto.tlsPort()),
                    user(PrivateMosquitto.USER, PASSWORD),
                    new TlsSettings(true, mosquitto.caPem(), false))
                .reason())
        .isEqualTo(TestReason.Succeeded);
  }

  @Test
  void tlsWithAnotherCaIsTLSHandshakeFailed() {
    assertThat(
            test(
                    spec("127.0.0.1", mosquitto.tlsPort()),
                    user(PrivateMosquitto.USER, PASSWORD),
                    new TlsSettings(true, TestCertificates.authority("other").pem(), false))
                .reason())
        .isEqualTo(TestReason.TLSHandshakeFailed);
  }
}
