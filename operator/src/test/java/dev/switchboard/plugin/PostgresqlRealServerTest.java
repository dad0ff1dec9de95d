package dev.switchboard.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.v1alpha1.ConnectionSpec;
import dev.switchboard.testing.PrivatePostgres;
import dev.switchboard.testing.RealServerTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@RealServerTest
class PostgresqlRealServerTest extends SqlPluginRealServerTest {
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

  @Override
  ConnectionSpec local() {
    return spec("127.0.0.1", pg.port());
  }

  @Override
  String appUser() {
    return PrivatePostgres.USER;
  }

  @Override
  String caPem() {
    return pg.caPem();
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
  void unknownDatabaseIsDatabaseNotFound() {
    var spec = local();
    spec.setDatabase("nope");
    TestOutcome outcome = test(spec, user(PrivatePostgres.USER, PASSWORD));
    assertThat(outcome.reason()).isEqualTo(TestReason.DatabaseNotFound);
    assertThat(outcome.message()).contains("nope");
  }

  @Test
  void theJvmsDefaultTrustStoreDoesNotKnowTheTestCa() {
    assertThat(
            test(local(), user(PrivatePostgres.USER, PASSWORD), new TlsSettings(true, null, false))
                .reason())
        .isEqualTo(TestReason.TLSHandshakeFailed);
  }
}
