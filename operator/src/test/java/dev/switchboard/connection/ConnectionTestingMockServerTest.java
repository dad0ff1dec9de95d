package dev.switchboard.connection;

import static dev.switchboard.testing.Fixtures.binding;
import static dev.switchboard.testing.Fixtures.credentials;
import static dev.switchboard.testing.Fixtures.namespace;
import static dev.switchboard.testing.Fixtures.postgres;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.v1alpha1.Connection;
import dev.switchboard.api.v1alpha1.ConnectionTestPolicy;
import dev.switchboard.apiserver.Processes;
import dev.switchboard.testing.ApiServerTest;
import dev.switchboard.testing.LogCapture;
import dev.switchboard.testing.OperatorMockServerTest;
import dev.switchboard.testing.PrivatePostgres;
import io.fabric8.kubernetes.api.model.Event;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Connection tests as a user sees them: status, the on-demand annotation, Events, and bindings left
 * alone.
 */
@ApiServerTest
class ConnectionTestingMockServerTest extends OperatorMockServerTest {

  @BeforeEach
  void setUp() {
    create(namespace("platform"));
    create(namespace("team-a"));
    create(
        credentials(
            "platform", "pg", "username", "postgres", "password", "unused-with-trust-auth"));
  }

  @Test
  void testsTheConnectionAgainstTheRealServerAndReportsIt() {
    create(postgres("platform", "orders-db", "pg"));

    eventually()
        .untilAsserted(
            () -> {
              var status = fetchConnection("platform", "orders-db").getStatus();
              assertThat(condition(status.getConditions(), "Tested").getStatus()).isEqualTo("True");
              assertThat(status.getLastTest().getResult()).isEqualTo("Succeeded");
              assertThat(status.getLastTest().getReason()).isEqualTo("Succeeded");
              assertThat(status.getLastTest().getMessage()).startsWith("PostgreSQL ");
              assertThat(status.getLastTest().getLatencyMillis()).isNotNull();
              assertThat(status.getLastTest().getTime()).isNotBlank();
              assertThat(condition(status.getConditions(), "Ready").getStatus()).isEqualTo("True");
            });
  }

  @Test
  void aNewValueOfTheRequestAnnotationRunsATestAndIsEchoed() {
    create(postgres("platform", "orders-db", "pg"));
    eventually()
        .until(() -> fetchConnection("platform", "orders-db").getStatus().getLastTest() != null);

    requestTest("orders-db", "first");
    eventually()
        .untilAsserted(
            () ->
                assertThat(
                        fetchConnection("platform", "orders-db")
                            .getStatus()
                            .getLastTest()
                            .getRequest())
                    .isEqualTo("first"));
    requestTest("orders-db", "second");
    eventually()
        .untilAsserted(
            () ->
                assertThat(
                        fetchConnection("platform", "orders-db")
                            .getStatus()
                            .getLastTest()
                            .getRequest())
                    .isEqualTo("second"));
  }

  @Test
  void testsRepeatEveryInterval() {
    var conn = postgres("platform", "orders-db", "pg");
    conn.getSpec().setTest(new ConnectionTestPolicy());
    conn.getSpec().getTest().setInterval("2s");
    create(conn);
    eventually()
        .until(() -> fetchConnection("platform", "orders-db").getStatus().getLastTest() != null);
    String first = fetchConnection("platform", "orders-db").getStatus().getLastTest().getTime();

    eventually()
        .untilAsserted(
            () ->
                assertThat(
                        fetchConnection("platform", "orders-db")
                            .getStatus()
                            .getLastTest()
                            .getTime())
                    .isNotEqualTo(first));
  }

  @Test
  void aFailingTestMakesTheConnectionNotReadyButNeverRevokesBindings() {
    create(postgres("platform", "orders-db", "pg", "team-a"));
    create(binding("team-a", "orders-db", "platform", "orders-db"));
    eventually()
        .untilAsserted(
            () ->
                assertThat(
                        fetchBinding("team-a", "orders-db").getStatus().getConnection().getReady())
                    .isTrue());

    int closed = Processes.freePort();
    edit(
        Connection.class,
        "platform",
        "orders-db",
        c -> {
          c.getSpec().setPort(closed);
          return c;
        });

    eventually()
        .untilAsserted(
            () -> {
              var ready =
                  condition(
                      fetchConnection("platform", "orders-db").getStatus().getConditions(),
                      "Ready");
              assertThat(ready.getStatus()).isEqualTo("False");
              assertThat(ready.getReason()).isEqualTo("ConnectionRefused");
              assertThat(ready.getMessage()).contains("127.0.0.1:" + closed);
              var binding = fetchBinding("team-a", "orders-db").getStatus();
              assertThat(binding.getConnection().getReady()).isFalse();
              assertThat(condition(binding.getConditions(), "Ready").getStatus()).isEqualTo("True");
            });
    assertThat(client.secrets().inNamespace("team-a").withName("orders-db").get()).isNotNull();
  }

  @Test
  void oneEventPerTransitionNotPerTest() {
    create(postgres("platform", "orders-db", "pg"));
    eventually()
        .until(
            () ->
                "Ready"
                    .equals(
                        condition(
                                fetchConnection("platform", "orders-db")
                                    .getStatus()
                                    .getConditions(),
                                "Ready")
                            .getReason()));

    edit(
        Connection.class,
        "platform",
        "orders-db",
        c -> {
          c.getSpec().setPort(Processes.freePort());
          return c;
        });
    eventually().until(() -> reasons().contains("ConnectionRefused"));
    requestTest("orders-db", "again-1");
    eventually()
        .until(
            () ->
                "again-1"
                    .equals(
                        fetchConnection("platform", "orders-db")
                            .getStatus()
                            .getLastTest()
                            .getRequest()));
    requestTest("orders-db", "again-2");
    eventually()
        .until(
            () ->
                "again-2"
                    .equals(
                        fetchConnection("platform", "orders-db")
                            .getStatus()
                            .getLastTest()
                            .getRequest()));
    edit(
        Connection.class,
        "platform",
        "orders-db",
        c -> {
          c.getSpec().setPort(5432);
          return c;
        });
    // The first success is routine and quiet; the failure and the recovery are recorded once each.
    eventually()
        .untilAsserted(() -> assertThat(reasons()).containsExactly("ConnectionRefused", "Ready"));
  }

  @Test
  void disabledTestsLeaveTheConnectionReadyWithoutTesting() {
    var conn = postgres("platform", "orders-db", "pg");
    conn.getSpec().setPort(Processes.freePort());
    conn.getSpec().setTest(new ConnectionTestPolicy());
    conn.getSpec().getTest().setEnabled(false);
    create(conn);

    eventually()
        .untilAsserted(
            () -> {
              var status = fetchConnection("platform", "orders-db").getStatus();
              assertThat(condition(status.getConditions(), "Tested").getReason())
                  .isEqualTo("Disabled");
              assertThat(condition(status.getConditions(), "Ready").getStatus()).isEqualTo("True");
              assertThat(status.getLastTest()).isNull();
            });
  }

  @Test
  void aRejectedPasswordAppearsNowhere() throws Exception {
    String password = "Kx7-leak-canary-9Q";
    try (var pg = new PrivatePostgres(password);
        var logs = new LogCapture()) {
      create(
          credentials(
              "platform",
              "private-pg",
              "username",
              PrivatePostgres.USER,
              "password",
              password + "-wrong"));
      var conn = postgres("platform", "private", "private-pg");
      conn.getSpec().setPort(pg.port());
      conn.getSpec().setDatabase(PrivatePostgres.DATABASE);
      create(conn);

      eventually()
          .untilAsserted(
              () ->
                  assertThat(
                          condition(
                                  fetchConnection("platform", "private")
                                      .getStatus()
                                      .getConditions(),
                                  "Ready")
                              .getReason())
                      .isEqualTo("AuthenticationFailed"));

      String visible =
          client
                  .resources(Connection.class)
                  .inNamespace("platform")
                  .withName("private")
                  .get()
                  .getStatus()
                  .toString()
              + events()
              + logs.text();
      assertThat(visible).doesNotContain(password);
    }
  }

  private void requestTest(String name, String value) {
    edit(
        Connection.class,
        "platform",
        name,
        c -> {
          c.getMetadata().setAnnotations(Map.of("switchboard.dev/test-requested", value));
          return c;
        });
  }

  private List<Event> events() {
    return client.v1().events().inNamespace("platform").list().getItems();
  }

  private List<String> reasons() {
    return events().stream()
        .filter(e -> "Connection".equals(e.getInvolvedObject().getKind()))
        .sorted(
            Comparator.comparing(Event::getFirstTimestamp)
                .thenComparing(e -> e.getMetadata().getName()))
        .map(Event::getReason)
        .toList();
  }
}
