package dev.switchboard.connection;

import static dev.switchboard.testing.Fixtures.b64;
import static dev.switchboard.testing.Fixtures.binding;
import static dev.switchboard.testing.Fixtures.credentials;
import static dev.switchboard.testing.Fixtures.namespace;
import static dev.switchboard.testing.Fixtures.postgres;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.api.v1alpha1.Connection;
import dev.switchboard.api.v1alpha1.ConnectionTls;
import dev.switchboard.api.v1alpha1.SecretKeyRef;
import dev.switchboard.testing.ApiServerTest;
import dev.switchboard.testing.OperatorMockServerTest;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Duration;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Order never matters: a Connection and its bindings applied before their Secrets (as GitOps tools,
 * External Secrets and Sealed Secrets do) turn Ready once the Secrets arrive, without a nudge.
 */
@ApiServerTest
class LateSecretMockServerTest extends OperatorMockServerTest {

  @BeforeEach
  void namespaces() {
    create(namespace("platform"));
    create(namespace("team-a"));
  }

  @Test
  void connectionAndBindingCreatedBeforeTheirSecretTurnReadyWhenItArrives() {
    create(postgres("platform", "orders-db", "pg", "team-a"));
    create(binding("team-a", "orders-db", "platform", "orders-db"));
    eventually()
        .untilAsserted(
            () ->
                assertThat(readyReason(fetchConnection("platform", "orders-db")))
                    .isEqualTo("CredentialsUnavailable"));

    create(credentials("platform", "pg", "username", "postgres", "password", "x"));

    withinTenSeconds()
        .untilAsserted(
            () -> {
              assertThat(readyReason(fetchConnection("platform", "orders-db"))).isEqualTo("Ready");
              var bound = fetchBinding("team-a", "orders-db").getStatus();
              assertThat(condition(bound.getConditions(), "Ready").getStatus()).isEqualTo("True");
              assertThat(client.secrets().inNamespace("team-a").withName("orders-db").get())
                  .isNotNull();
            });
  }

  @Test
  void credentialSecretGivenItsMissingKeyLaterIsPickedUp() {
    create(credentials("platform", "pg", "username", "postgres"));
    create(postgres("platform", "orders-db", "pg"));
    eventually()
        .untilAsserted(
            () ->
                assertThat(credentialsReason(fetchConnection("platform", "orders-db")))
                    .isEqualTo("MissingKeys"));

    edit(
        Secret.class,
        "platform",
        "pg",
        s -> {
          s.getData().put("password", b64("x"));
          return s;
        });

    withinTenSeconds()
        .untilAsserted(
            () ->
                assertThat(readyReason(fetchConnection("platform", "orders-db")))
                    .isEqualTo("Ready"));
  }

  @Test
  void caSecretCreatedAfterTheConnectionIsPickedUp() {
    create(credentials("platform", "pg", "username", "postgres", "password", "x"));
    create(withCa(postgres("platform", "orders-db", "pg")));
    eventually()
        .untilAsserted(
            () ->
                assertThat(credentialsMessage(fetchConnection("platform", "orders-db")))
                    .contains("CA Secret platform/orders-ca not found"));

    create(credentials("platform", "orders-ca", "ca.crt", "-----BEGIN CERTIFICATE-----"));

    withinTenSeconds()
        .untilAsserted(
            () ->
                assertThat(credentialsReason(fetchConnection("platform", "orders-db")))
                    .isEqualTo("Resolved"));
  }

  @Test
  void caSecretGivenItsMissingKeyLaterIsPickedUp() {
    create(credentials("platform", "pg", "username", "postgres", "password", "x"));
    create(credentials("platform", "orders-ca", "other", "x"));
    create(withCa(postgres("platform", "orders-db", "pg")));
    eventually()
        .untilAsserted(
            () ->
                assertThat(credentialsMessage(fetchConnection("platform", "orders-db")))
                    .contains("lacks key ca.crt"));

    edit(
        Secret.class,
        "platform",
        "orders-ca",
        s -> {
          s.getData().put("ca.crt", b64("-----BEGIN CERTIFICATE-----"));
          return s;
        });

    withinTenSeconds()
        .untilAsserted(
            () ->
                assertThat(credentialsReason(fetchConnection("platform", "orders-db")))
                    .isEqualTo("Resolved"));
  }

  /** DESIGN §2's promise: a late Secret is picked up within 10 s. */
  private static ConditionFactory withinTenSeconds() {
    return await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions();
  }

  private static Connection withCa(Connection connection) {
    var ca = new SecretKeyRef();
    ca.setName("orders-ca");
    var tls = new ConnectionTls();
    tls.setEnabled(true);
    tls.setCaSecretRef(ca);
    connection.getSpec().setTls(tls);
    return connection;
  }

  private static String readyReason(Connection connection) {
    return condition(connection.getStatus().getConditions(), "Ready").getReason();
  }

  private static String credentialsReason(Connection connection) {
    return condition(connection.getStatus().getConditions(), "CredentialsResolved").getReason();
  }

  private static String credentialsMessage(Connection connection) {
    return condition(connection.getStatus().getConditions(), "CredentialsResolved").getMessage();
  }
}
