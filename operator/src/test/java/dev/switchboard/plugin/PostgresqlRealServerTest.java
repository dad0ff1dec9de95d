package dev.switchboard.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.v1alpha1.ConnectionSpec;
import dev.switchboard.testing.PrivatePostgres;
import dev.switchboard.testing.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("realserver")
class PostgresqlRealServerTest extends PluginRealServerTest {
  private static PrivatePostgres pg;

  @BeforeAll
  static void start() {
    pg = new PrivatePostgres(PASSWORD);
  }

  @AfterAll
  static void stop() {
    pg.close();
  }

  @Override
  String type() {
    return "postgresql";
  }

  @Override
  ConnectionSpec spec(String host, int port) {
    return baseSpec("postgresql", host, port, PrivatePostgres.DATABASE);
  }

  private ConnectionSpec local() {
    return spec("127.0.0.1", pg.port());
  }

  @Test
  void succeedsAndReportsTheServerVersion() {
    TestOutcome outcome = test(local(), user(PrivatePostgres.USER, PASSWORD));
    assertThat(outcome.reason()).isEqualTo(TestReason.Succeeded);
    assertThat(outcome.message()).matches("PostgreSQL \\d+\\.\\d+.* answered in \\d+ ms");
  }

  @Test
  void theMachinesSharedServerAnswersToo() {
    TestOutcome outcome =
        test(baseSpec("postgresql", "127.0.0.1", 5432, "test"), user("postgres", "any"));
    assertThat(outcome.reason()).isEqualTo(TestReason.Succeeded);
  }

  @Test
  void wrongPasswordIsAuthenticationFailed() {
    TestOutcome outcome = test(local(), user(PrivatePostgres.USER, PASSWORD + "-wrong"));
    assertThat(outcome.reason()).isEqualTo(TestReason.AuthenticationFailed);
    assertThat(outcome.message()).doesNotContain(PASSWORD + "-wrong");
  }

  @Test
  void unknownDatabaseIsDatabaseNotFound() {
    var spec = local();
    spec.setDatabase("nope");
    TestOutcome outcome = test(spec, user(PrivatePostgres.USER, PASSWORD));
    assertThat(outcome.reason()).isEqualTo(TestReason.DatabaseNotFound);
    assertThat(outcome.message()).contains("nope");
  }

  @Test
  void databaseWithoutConnectPrivilegeIsPermissionDenied() {
    var spec = local();
    spec.setDatabase("locked");
    assertThat(test(spec, user(PrivatePostgres.USER, PASSWORD)).reason())
        .isEqualTo(TestReason.PermissionDenied);
  }

  @Test
  void tlsVerifiedAgainstTheRightCaSucceeds() {
    var outcome =
        test(
            local(),
            user(PrivatePostgres.USER, PASSWORD),
            new TlsSettings(true, pg.caPem(), false));
    assertThat(outcome.reason()).isEqualTo(TestReason.Succeeded);
  }

  @Test
  void untrustedServerCertificateIsTLSHandshakeFailed() {
    String otherCa = TestCertificates.authority("some other CA").pem();
    var outcome =
        test(local(), user(PrivatePostgres.USER, PASSWORD), new TlsSettings(true, otherCa, false));
    assertThat(outcome.reason()).isEqualTo(TestReason.TLSHandshakeFailed);
    assertThat(
            test(local(), user(PrivatePostgres.USER, PASSWORD), new TlsSettings(true, null, false))
                .reason())
        .as("the JVM's default trust store does not know the test CA either")
        .isEqualTo(TestReason.TLSHandshakeFailed);
  }

  @Test
  void insecureSkipVerifyAcceptsTheUntrustedCertificate() {
    var outcome =
        test(local(), user(PrivatePostgres.USER, PASSWORD), new TlsSettings(true, null, true));
    assertThat(outcome.reason()).isEqualTo(TestReason.Succeeded);
  }
}
