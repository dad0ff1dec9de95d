package dev.switchboard.api;

import static dev.switchboard.testing.Fixtures.connection;
import static dev.switchboard.testing.Fixtures.namespace;
import static dev.switchboard.testing.Fixtures.postgres;
import static dev.switchboard.testing.Fixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.switchboard.api.v1alpha1.Connection;
import dev.switchboard.api.v1alpha1.ConnectionProvisioning;
import dev.switchboard.apiserver.Profile;
import dev.switchboard.apiserver.StrictApiServer;
import dev.switchboard.plugin.PluginRegistry;
import dev.switchboard.testing.ApiServerTest;
import dev.switchboard.testing.StrictClusters;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the API server refuses because the CRD says so: a mistake is answered at {@code kubectl
 * apply}, not by a status condition a minute later.
 */
@ApiServerTest
class ConnectionCrdRulesMockServerTest {
  private final StrictApiServer server = StrictClusters.strict(Profile.KUBERNETES);
  private final KubernetesClient client = server.adminClient();

  @BeforeEach
  void platform() {
    client.resource(namespace("platform")).create();
  }

  @AfterEach
  void close() {
    server.close();
  }

  @Test
  void typesThatLogInNeedCredentialsAndTheOthersDoNot() {
    var plugins = PluginRegistry.builtIn();
    List<String> refused = new ArrayList<>();
    for (String type : plugins.types()) {
      var spec = spec(type, "db.internal", 1234, null);
      spec.setUrl("https://db.internal/health");
      try {
        client.resource(connection("platform", "no-credentials-" + type, spec)).create();
      } catch (KubernetesClientException e) {
        assertThat(e.getCode()).as(type).isEqualTo(422);
        assertThat(e.getStatus().getMessage()).as(type).contains("need spec.credentials");
        refused.add(type);
      }
    }
    assertThat(refused)
        .as("refused without credentials: exactly the types whose plugin needs a login")
        .containsExactlyInAnyOrderElementsOf(
            plugins.types().stream()
                .filter(t -> !plugins.find(t).orElseThrow().requiredCredentials().isEmpty())
                .toList());
  }

  @Test
  void perBindingProvisioningNeedsTheProvisionerCredentials() {
    var spec = spec("redis", "cache.internal", null, null);
    var provisioning = new ConnectionProvisioning();
    provisioning.setMode(ConnectionProvisioning.PER_BINDING);
    spec.setProvisioning(provisioning);
    var refusal = refusal(connection("platform", "cache", spec));
    assertThat(refusal.getStatus().getMessage())
        .contains("provisioning mode PerBinding needs spec.credentials");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1ms", "0s", "59s", "30s500ms"})
  void aRotationIntervalUnderOneMinuteIsRefusedNamingTheFloor(String interval) {
    var refusal = refusal(rotatingEvery(interval));
    assertThat(refusal.getCode()).isEqualTo(422);
    assertThat(refusal.getStatus().getMessage())
        .isEqualTo(
            "Connection.switchboard.dev \"orders-db\" is invalid: "
                + "spec.provisioning.passwordRotation.interval: Invalid value: \"object\": "
                + "interval must be at least 1m");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1m", "60s", "720h"})
  void aRotationIntervalOfAMinuteOrMoreIsAccepted(String interval) {
    assertThat(client.resource(rotatingEvery(interval)).create()).isNotNull();
  }

  /** kubectl prints "field: message" for each cause: the message must not name the field again. */
  @Test
  void causesCarryTheFieldOnce() {
    var spec = spec("postgresql", "db.internal", 70000, null);
    var refusal = refusal(connection("platform", "orders-db", spec));
    StatusCause cause = refusal.getStatus().getDetails().getCauses().get(0);
    assertThat(cause.getField()).isEqualTo("spec.port");
    assertThat(cause.getMessage()).startsWith("Invalid value: ").doesNotContain("spec.port:");
  }

  private Connection rotatingEvery(String interval) {
    Connection c = postgres("platform", "orders-db", "pg");
    var provisioning = new ConnectionProvisioning();
    provisioning.setMode(ConnectionProvisioning.PER_BINDING);
    var rotation = new ConnectionProvisioning.PasswordRotation();
    rotation.setInterval(interval);
    provisioning.setPasswordRotation(rotation);
    c.getSpec().setProvisioning(provisioning);
    return c;
  }

  private KubernetesClientException refusal(Connection connection) {
    var refusal =
        catchThrowableOfType(
            () -> client.resource(connection).create(), KubernetesClientException.class);
    assertThat(refusal).as("the API server refuses it").isNotNull();
    return refusal;
  }
}
