package dev.switchboard.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.v1alpha1.ConnectionSpec;
import dev.switchboard.apiserver.Processes;
import dev.switchboard.testing.LocalKafka;
import dev.switchboard.testing.RealServerTest;
import dev.switchboard.testing.TestCertificates;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@RealServerTest
class KafkaRealServerTest extends PluginRealServerTest {
  private static LocalKafka kafka;

  @BeforeAll
  static void start() {
    kafka = new LocalKafka(PASSWORD);
  }

  @AfterAll
  static void stop() {
    kafka.close();
  }

  @Override
  String type() {
    return "kafka";
  }

  @Override
  ConnectionSpec spec(String host, int port) {
    return baseSpec("kafka", host, port, null);
  }

  private static ConnectionSpec sasl(String mechanism) {
    ConnectionSpec spec = baseSpec("kafka", "127.0.0.1", kafka.saslPort(), null);
    spec.setParameters(Map.of("saslMechanism", mechanism));
    return spec;
  }

  @Test
  void plaintextWithoutCredentialsSucceedsAndNamesTheCluster() {
    TestOutcome outcome = test(spec("127.0.0.1", kafka.plainPort()), Credentials.NONE);
    assertThat(outcome.reason()).isEqualTo(TestReason.Succeeded);
    assertThat(outcome.message()).matches("Kafka cluster \\S+ with 1 broker answered in \\d+ ms");
  }

  @Test
  void saslPlainAndScramSucceed() {
    assertThat(test(sasl("PLAIN"), user(LocalKafka.PLAIN_USER, PASSWORD)).reason())
        .isEqualTo(TestReason.Succeeded);
    assertThat(test(sasl("SCRAM-SHA-512"), user(LocalKafka.SCRAM_USER, PASSWORD)).reason())
        .isEqualTo(TestReason.Succeeded);
  }

  @Test
  void wrongPasswordsAreAuthenticationFailed() {
    assertThat(test(sasl("PLAIN"), user(LocalKafka.PLAIN_USER, PASSWORD + "-wrong")).reason())
        .isEqualTo(TestReason.AuthenticationFailed);
    assertThat(
            test(sasl("SCRAM-SHA-512"), user(LocalKafka.SCRAM_USER, PASSWORD + "-wrong")).reason())
        .isEqualTo(TestReason.AuthenticationFailed);
  }

  @Test
  void theFirstBrokerThatAnswersOfSeveralIsUsed() {
    ConnectionSpec spec = spec("127.0.0.1", kafka.plainPort());
    spec.setParameters(
        Map.of("servers", "127.0.0.1:" + Processes.freePort() + ",127.0.0.1:" + kafka.plainPort()));
    assertThat(test(spec, Credentials.NONE).reason()).isEqualTo(TestReason.Succeeded);
  }

  @Test
  void tlsVerifiedAgainstTheRightCaSucceeds() {
    assertThat(
            test(
                    spec("127.0.0.1", kafka.tlsPort()),
                    Credentials.NONE,
                    new TlsSettings(true, kafka.caPem(), false))
                .reason())
        .isEqualTo(TestReason.Succeeded);
  }

  @Test
  void tlsWithAnotherCaIsTLSHandshakeFailed() {
    assertThat(
            test(
                    spec("127.0.0.1", kafka.tlsPort()),
                    Credentials.NONE,
                    new TlsSettings(true, TestCertificates.authority("other").pem(), false))
                .reason())
        .isEqualTo(TestReason.TLSHandshakeFailed);
  }
}
