package dev.switchboard.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.UnitTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

@UnitTest
class RedactorTest {
  private static ProbeTarget target(String host, String username, String password) {
    return new ProbeTarget(
        new Endpoint("postgresql", host, 5432, "shop", null, Map.of(), false),
        new Credentials(username, password, Map.of()),
        TlsSettings.DISABLED,
        Duration.ofSeconds(1));
  }

  @Test
  void aUserNameInsideAHostNameLeavesTheHostNamed() {
    var target = target("catalog-db.platform.svc.cluster.local", "catalog", "s3cret-pw");
    assertThat(
            Redactor.redact("Could not resolve host catalog-db.platform.svc.cluster.local", target))
        .isEqualTo("Could not resolve host catalog-db.platform.svc.cluster.local");
  }

  @Test
  void userNamesAreNeverRedacted() {
    var target = target("db.internal", "catalog", "s3cret-pw");
    assertThat(Redactor.redact("password authentication failed for user \"catalog\"", target))
        .isEqualTo("password authentication failed for user \"catalog\"");
  }

  @Test
  void aPasswordThatOccursInsideTheHostNameLeavesTheHostAndGoesElsewhere() {
    var target = target("orders-db.platform.svc", "app", "orders");
    assertThat(Redactor.redact("orders-db.platform.svc refused login orders", target))
        .isEqualTo("orders-db.platform.svc refused login ***");
  }

  @Test
  void aPasswordThatContainsTheHostNameIsRedactedWhole() {
    var target = target("db", "app", "db-Sup3rS3cret");
    assertThat(Redactor.redact("jdbc:postgresql://app:db-Sup3rS3cret@db/x failed", target))
        .isEqualTo("jdbc:postgresql://app:***@db/x failed");
  }

  @Test
  void tokensAndOtherSecretValuesAreRedacted() {
    var credentials = new Credentials(null, null, Map.of("token", "tok-123456"));
    assertThat(Redactor.redact("bearer tok-123456 refused", credentials))
        .isEqualTo("bearer *** refused");
  }
}
