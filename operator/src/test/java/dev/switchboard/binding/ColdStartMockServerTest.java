package dev.switchboard.binding;

import static dev.switchboard.testing.Fixtures.binding;
import static dev.switchboard.testing.Fixtures.credentials;
import static dev.switchboard.testing.Fixtures.namespace;
import static dev.switchboard.testing.Fixtures.postgres;
import static dev.switchboard.testing.Fixtures.serviceAccount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.v1alpha1.ConnectionTestPolicy;
import dev.switchboard.testing.ApiServerTest;
import dev.switchboard.testing.OperatorMockServerTest;
import dev.switchboard.testing.Ready;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The operator starting on a cluster where bindings already wait for a Connection it has never
 * evaluated (a first install over existing objects, or a restore): each such binding is reconciled
 * once, when its Connection's first status arrives, not also on arrival to find it must wait.
 */
@ApiServerTest
class ColdStartMockServerTest extends OperatorMockServerTest {
  private static final int BINDINGS = 20;

  @Override
  protected boolean startsOperator() {
    return false;
  }

  @Test
  void bindingsOfAConnectionNotEvaluatedYetAreReconciledOnceEach() {
    create(namespace("platform"));
    create(namespace("team-a"));
    create(credentials("platform", "pg", "username", "postgres", "password", "x"));
    // Untested, so that its one status write is all the bindings wait for.
    var ordersDb = postgres("platform", "orders-db", "pg", "team-a");
    ordersDb.getSpec().setTest(new ConnectionTestPolicy());
    ordersDb.getSpec().getTest().setEnabled(false);
    create(ordersDb);
    List<String> names = IntStream.range(0, BINDINGS).mapToObj(i -> "b-" + i).toList();
    names.forEach(
        n -> create(binding("team-a", n, "platform", "orders-db", serviceAccount("app"))));
    // A binding whose Connection does not exist is not held back: it is told so at once.
    create(binding("team-a", "orphan", "platform", "no-such-db"));

    startNewOperator();

    eventually()
        .until(
            () ->
                names.stream()
                    .map(n -> fetchBinding("team-a", n))
                    .allMatch(
                        b -> b.getStatus() != null && Ready.isTrue(b.getStatus().getConditions())));
    eventually()
        .until(
            () -> {
              var orphan = fetchBinding("team-a", "orphan");
              return orphan.getStatus() != null
                  && "NotPermitted"
                      .equals(condition(orphan.getStatus().getConditions(), "Ready").getReason());
            });
    assertThat(reconciles.total("WorkspaceBinding"))
        .as("binding reconciles: %s", reconciles)
        // The orphan once, each other binding once; a binding listed just after its Connection's
        // first status may be reconciled twice.
        .isLessThanOrEqualTo(BINDINGS + 1 + 2);
  }
}
