package dev.switchboard.binding;

import static dev.switchboard.testing.Fixtures.binding;
import static dev.switchboard.testing.Fixtures.namespace;
import static dev.switchboard.testing.Fixtures.serviceAccount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.testing.ApiServerTest;
import dev.switchboard.testing.LogCapture;
import dev.switchboard.testing.OperatorMockServerTest;
import io.fabric8.kubernetes.api.model.Event;
import org.junit.jupiter.api.Test;

/**
 * A workspace namespace being deleted refuses every new object in it (403, cause
 * NamespaceTerminating) while its content goes, in whatever order the namespace controller deletes
 * it. That is the namespace going, not a refused write: the binding says nothing about it.
 */
@ApiServerTest
class NamespaceDeletionMockServerTest extends OperatorMockServerTest {

  @Override
  protected boolean expectsRefusedWrites() {
    // Creates in the terminating namespace are refused; each is checked below to be only that.
    return true;
  }

  @Test
  void aBindingInATerminatingNamespaceIsNotAWriteRejectionAndStopsWhenTheNamespaceGoes() {
    sharedOrdersDb();
    create(binding("team-a", "orders-db", "platform", "orders-db", serviceAccount("orders-api")));
    // Settled: the binding also reports its Connection's test, which finishes on its own time.
    eventually()
        .untilAsserted(
            () -> {
              assertThat(bindingReady("team-a", "orders-db")).isEqualTo("True");
              assertThat(fetchBinding("team-a", "orders-db").getStatus().getConnection().getReady())
                  .isTrue();
            });
    WorkspaceBinding bound = fetchBinding("team-a", "orders-db");

    try (LogCapture logs = new LogCapture()) {
      // The bindings outlive the Secrets, Roles and RoleBindings they own, as when the namespace
      // controller cannot delete a custom resource for a while: the operator sees its objects go.
      cluster.namespaceDeletionFailsFor("workspacebindings");
      client.namespaces().withName("team-a").delete();
      eventually()
          .untilAsserted(
              () -> {
                assertThat(client.secrets().inNamespace("team-a").withName("orders-db").get())
                    .isNull();
                assertThat(
                        cluster.operatorRefusals().stream()
                            .filter(r -> r.message().contains("being terminated")))
                    .as("the operator tried to create what its binding lacks")
                    .isNotEmpty();
              });
      drainRequests();

      WorkspaceBinding terminating = fetchBinding("team-a", "orders-db");
      assertThat(json(terminating.getStatus()))
          .as("no status churn while the namespace goes")
          .isEqualTo(json(bound.getStatus()));
      assertThat(client.v1().events().inNamespace("team-a").list().getItems())
          .extracting(Event::getReason)
          .doesNotContain("WriteRejected");
      assertThat(logs.warnings()).as("warnings while the namespace goes").isEmpty();

      cluster.namespaceDeletionRecovers();
      eventually().until(() -> client.namespaces().withName("team-a").get() == null);
      assertThat(cluster.operatorRefusals())
          .as("every refused request was a create in the terminating namespace")
          .allSatisfy(r -> assertThat(r.message()).contains("because it is being terminated"));
      assertThat(logs.warnings()).isEmpty();
    }
    eventually()
        .untilAsserted(
            () ->
                assertThat(
                        fetchConnection("platform", "orders-db")
                            .getStatus()
                            .getBindings()
                            .getCount())
                    .as("the Connection no longer counts the binding")
                    .isZero());
  }

  private String json(Object status) {
    return client.getKubernetesSerialization().asJson(status);
  }

  private String bindingReady(String namespace, String name) {
    WorkspaceBinding found = fetchBinding(namespace, name);
    return found == null || found.getStatus() == null
        ? null
        : condition(found.getStatus().getConditions(), "Ready").getStatus();
  }
}
