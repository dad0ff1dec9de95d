package dev.switchboard.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.v1alpha1.ConnectionSpec;
import dev.switchboard.testing.PrivateMariadb;
import dev.switchboard.testing.RealServerTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MariaDB Connector/J against a real MariaDB server; {@link MysqlRealServerTest} runs the same with
 * Connector/J.
 */
@RealServerTest
class MariadbRealServerTest extends SqlPluginRealServerTest {
  static PrivateMariadb db;

  @BeforeAll
  static void start() {
    db = new PrivateMariadb(PASSWORD);
  }

  @AfterAll
  static void stop() {
    db.close();
  }

  @Override
  String type() {
    return "mariadb";
  }

  @Override
  ConnectionSpec spec(String host, int port) {
    return baseSpec(type(), host, port, PrivateMariadb.DATABASE);
  }

  @Override
  ConnectionSpec local() {
    return spec("127.0.0.1", db.port());
  }

  @Override
  String appUser() {
    return PrivateMariadb.USER;
  }

  @Override
  String caPem() {
    return db.caPem();
  }

  @Test
  void succeedsAndReportsTheServerVersion() {
    TestOutcome outcome = test(local(), user(PrivateMariadb.USER, PASSWORD));
    assertThat(outcome.reason()).isEqualTo(TestReason.Succeeded);
    assertThat(outcome.message()).containsPattern("\\d+\\.\\d+\\.\\d+").contains("answered in");
  }

  @Test
  void theMachinesSharedServerAnswersToo() {
    assertThat(test(baseSpec(type(), "127.0.0.1", 3306, "test"), user("root", "")).reason())
        .isEqualTo(TestReason.Succeeded);
  }

  @Test
  void unknownDatabaseIsDatabaseNotFound() {
    var spec = local();
    spec.setDatabase("nope");
    // MariaDB answers "access denied" rather than "unknown database" to a user without global
    // privileges, so as not to reveal which databases exist; as root it says the database is
    // missing.
    var asRoot = spec("127.0.0.1", 3306);
    asRoot.setDatabase("nope_" + type());
    assertThat(test(asRoot, user("root", "")).reason()).isEqualTo(TestReason.DatabaseNotFound);
    assertThat(test(spec, user(PrivateMariadb.USER, PASSWORD)).reason())
        .isIn(TestReason.DatabaseNotFound, TestReason.PermissionDenied);
  }
}
