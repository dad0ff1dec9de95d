package dev.switchboard.binding;

import static dev.switchboard.testing.Fixtures.binding;
import static dev.switchboard.testing.Fixtures.serviceAccount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.testing.OperatorMockServerTest;
import dev.switchboard.testing.Ready;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Secret, Role and RoleBinding a binding writes come back through the watches; they must not
 * reconcile the binding again (nor its status write): one reconcile per new binding.
 */
@Tag("apiserver")
class OwnWritesMockServerTest extends OperatorMockServerTest {
  private static final int BINDINGS = 20;

  @Test
  void aNewBindingIsReconciledOnceWhateverItWrites() {
    sharedOrdersDb();
    eventually().until(() -> Ready.isTrue(fetchConnection("platform", "orders-db")));
    reconciles.reset();

    List<String> names = IntStream.range(0, BINDINGS).mapToObj(i -> "b-" + i).toList();
    names.forEach(
        n -> create(binding("team-a", n, "platform", "orders-db", serviceAccount("app"))));
    eventually()
        .until(
            () ->
                names.stream()
                    .map(n -> fetchBinding("team-a", n))
                    .allMatch(
                        b -> b.getStatus() != null && Ready.isTrue(b.getStatus().getConditions())));
    // A later change to one binding is reconciled after every event that came before it.
    edit(
        WorkspaceBinding.class,
        "team-a",
        "b-0",
        b -> {
          b.getSpec().setSubjects(List.of(serviceAccount("other")));
          return b;
        });
    eventually()
        .until(
            () ->
                client
                    .rbac()
                    .roleBindings()
                    .inNamespace("team-a")
                    .withName("b-0-switchboard-reader")
                    .get()
                    .getSubjects()
                    .get(0)
                    .getName()
                    .equals("other"));

    assertThat(reconciles.total("WorkspaceBinding")).isEqualTo(BINDINGS + 1);
  }
}
