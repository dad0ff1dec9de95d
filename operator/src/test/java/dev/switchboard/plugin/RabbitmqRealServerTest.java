package dev.switchboard.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.v1alpha1.ConnectionSpec;
import dev.switchboard.apiserver.Processes;
import dev.switchboard.testing.LocalRabbitmq;
import dev.switchboard.testing.RealServerTest;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@RealServerTest
class RabbitmqRealServerTest extends PluginRealServerTest {
  private static LocalRabbitmq rabbit;

  @BeforeAll
  static void addUser() {
    rabbit = new LocalRabbitmq(PASSWORD);
  }

  @AfterAll
  static void removeUser() {
    rabbit.close();
  }

  @Override
  String type() {
    return "rabbitmq";
  }

  @Override
  ConnectionSpec spec(String host, int port) {
    return vhost(host, port, rabbit.vhost);
  }

  private static ConnectionSpec vhost(String host, int port, String vhost) {
    ConnectionSpec spec = baseSpec("rabbitmq", host, port, null);
    spec.setParameters(Map.of("virtual-host", vhost));
    return spec;
  }

  @Test
  void itsOwnUserOnItsVirtualHostSucceedsAndReportsTheVersion() {
    TestOutcome outcome = test(spec("127.0.0.1", LocalRabbitmq.PORT), user(rabbit.user, PASSWORD));
    assertThat(outcome.reason()).isEqualTo(TestReason.Succeeded);
    assertThat(outcome.message()).matches("RabbitMQ \\d+\\.\\d+\\.\\d+ answered in \\d+ ms");
  }

  @Test
  void theFirstServerThatAnswersOfSeveralIsUsed() {
    ConnectionSpec spec = spec("127.0.0.1", LocalRabbitmq.PORT);
    spec.setParameters(
        Map.of(
            "virtual-host",
            rabbit.vhost,
            "servers",
            "127.0.0.1:" + Processes.freePort() + ",127.0.0.1:" + LocalRabbitmq.PORT));
    assertThat(test(spec, user(rabbit.user, PASSWORD)).reason()).isEqualTo(TestReason.Succeeded);
  }

  @Test
  void wrongPasswordIsAuthenticationFailed() {
    assertThat(
            test(spec("127.0.0.1", LocalRabbitmq.PORT), user(rabbit.user, PASSWORD + "-wrong"))
                .reason())
        .isEqualTo(TestReason.AuthenticationFailed);
    assertThat(test(spec("127.0.0.1", LocalRabbitmq.PORT), user("no-such-user", PASSWORD)).reason())
        .isEqualTo(TestReason.AuthenticationFailed);
  }

  @Test
  void aMissingVirtualHostIsDatabaseNotFound() {
    TestOutcome outcome =
        test(vhost("127.0.0.1", LocalRabbitmq.PORT, "no-such-vhost"), user(rabbit.user, PASSWORD));
    assertThat(outcome.reason()).isEqualTo(TestReason.DatabaseNotFound);
    assertThat(outcome.message()).contains("no-such-vhost");
  }

  @Test
  void aVirtualHostTheUserMayNotUseIsPermissionDenied() {
    assertThat(
            test(
                    vhost("127.0.0.1", LocalRabbitmq.PORT, rabbit.forbiddenVhost),
                    user(rabbit.user, PASSWORD))
                .reason())
        .isEqualTo(TestReason.PermissionDenied);
  }
}
