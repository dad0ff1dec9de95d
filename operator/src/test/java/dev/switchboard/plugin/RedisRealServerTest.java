package dev.switchboard.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.v1alpha1.ConnectionSpec;
import dev.switchboard.testing.PrivateRedis;
import dev.switchboard.testing.RealServerTest;
import dev.switchboard.testing.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@RealServerTest
class RedisRealServerTest extends PluginRealServerTest {
  private static PrivateRedis redis;

  @BeforeAll
  static void start() {
    redis = new PrivateRedis(PASSWORD);
  }

  @AfterAll
  static void stop() {
    redis.close();
  }

  @Override
  String type() {
    return "redis";
  }

  @Override
  ConnectionSpec spec(String host, int port) {
    return baseSpec("redis", host, port, null);
  }

  @Test
  void passwordOnlySucceedsAndReportsTheServerVersion() {
    TestOutcome outcome = test(spec("127.0.0.1", redis.port()), user(null, PASSWORD));
    assertThat(outcome.reason()).isEqualTo(TestReason.Succeeded);
    assertThat(outcome.message()).matches("Redis \\d+\\.\\d+\\.\\d+ answered in \\d+ ms");
  }

  @Test
  void aclUserWithPasswordSucceeds() {
    assertThat(
            test(spec("127.0.0.1", redis.port()), user(PrivateRedis.ACL_USER, PASSWORD)).reason())
        .isEqualTo(TestReason.Succeeded);
  }

  @Test
  void theMachinesSharedServerWithoutPasswordSucceeds() {
    assertThat(test(spec("127.0.0.1", 6379), Credentials.NONE).reason())
        .isEqualTo(TestReason.Succeeded);
  }

  @Test
  void wrongPasswordIsAuthenticationFailed() {
    assertThat(test(spec("127.0.0.1", redis.port()), user(null, PASSWORD + "-wrong")).reason())
        .isEqualTo(TestReason.AuthenticationFailed);
    assertThat(
            test(spec("127.0.0.1", redis.port()), user(PrivateRedis.ACL_USER, PASSWORD + "-wrong"))
                .reason())
        .isEqualTo(TestReason.AuthenticationFailed);
  }

  @Test
  void missingPasswordIsAuthenticationFailed() {
    assertThat(test(spec("127.0.0.1", redis.port()), Credentials.NONE).reason())
        .isEqualTo(TestReason.AuthenticationFailed);
  }

  @Test
  void databaseNumberBeyondTheServersIsDatabaseNotFound() {
    var spec = spec("127.0.0.1", redis.port());
    spec.setDatabase("999");
    assertThat(test(spec, user(null, PASSWORD)).reason()).isEqualTo(TestReason.DatabaseNotFound);
  }

  @Test
  void tlsVerifiedAgainstTheRightCaSucceeds() {
    var outcome =
        test(
            spec("127.0.0.1", redis.tlsPort()),
            user(null, PASSWORD),
            new TlsSettings(true, redis.caPem(), false));
    assertThat(outcome.reason()).isEqualTo(TestReason.Succeeded);
  }

  @Test
  void untrustedServerCertificateIsTLSHandshakeFailed() {
    var outcome =
        test(
            spec("127.0.0.1", redis.tlsPort()),
            user(null, PASSWORD),
            new TlsSettings(true, TestCertificates.authority("other").pem(), false));
    assertThat(outcome.reason()).isEqualTo(TestReason.TLSHandshakeFailed);
  }
}
