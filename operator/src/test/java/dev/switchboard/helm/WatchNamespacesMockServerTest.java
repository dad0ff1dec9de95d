package dev.switchboard.helm;

import static dev.switchboard.testing.Fixtures.binding;
import static dev.switchboard.testing.Fixtures.credentials;
import static dev.switchboard.testing.Fixtures.namespace;
import static dev.switchboard.testing.Fixtures.postgres;
import static dev.switchboard.testing.Fixtures.serviceAccount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.OperatorSettings;
import dev.switchboard.testing.ApiServerTest;
import dev.switchboard.testing.OperatorMockServerTest;
import dev.switchboard.testing.Ready;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Installed with watchNamespaces, the chart grants the operator Secret access in those namespaces
 * only, and the operator works within them: every request it makes is allowed (the fixture fails
 * the test on any refusal).
 */
@ApiServerTest
class WatchNamespacesMockServerTest extends OperatorMockServerTest {
  @Override
  protected Map<String, Object> chartValues() {
    return Map.of("watchNamespaces[0]", "platform", "watchNamespaces[1]", "team-a");
  }

  @Override
  protected OperatorSettings settings() {
    var all = super.settings();
    return new OperatorSettings(
        all.testConcurrency(),
        all.defaultTestInterval(),
        all.defaultTestTimeout(),
        all.slowTestAfter(),
        Set.of("platform", "team-a"),
        all.leaderElection());
  }

  @Test
  void bindsInWatchedNamespacesWithNamespacedRolesOnly() {
    // platform and team-a exist already: the chart was installed into them.
    create(namespace("team-b"));
    create(credentials("platform", "pg", "username", "postgres", "password", "one"));
    create(postgres("platform", "orders-db", "pg", "team-a", "team-b"));
    create(binding("team-a", "orders-db", "platform", "orders-db", serviceAccount("app")));
    create(binding("team-b", "orders-db", "platform", "orders-db", serviceAccount("app")));

    eventually()
        .until(() -> Ready.isTrue(fetchBinding("team-a", "orders-db").getStatus().getConditions()));
    assertThat(client.secrets().inNamespace("team-a").withName("orders-db").get()).isNotNull();
    // The Connection permits team-b, but the operator does not watch it: that binding is left
    // alone.
    assertThat(fetchBinding("team-b", "orders-db").getStatus()).isNull();
    assertThat(client.secrets().inNamespace("team-b").withName("orders-db").get()).isNull();
  }
}
