package dev.switchboard.binding;

import static dev.switchboard.testing.Fixtures.binding;
import static dev.switchboard.testing.Fixtures.credentials;
import static dev.switchboard.testing.Fixtures.namespace;
import static dev.switchboard.testing.Fixtures.postgres;
import static dev.switchboard.testing.Fixtures.serviceAccount;
import static org.awaitility.Awaitility.await;

import dev.switchboard.api.v1alpha1.Connection;
import dev.switchboard.api.v1alpha1.ConnectionProvisioning;
import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.testing.ApiAudit;
import dev.switchboard.testing.ApiServerTest;
import dev.switchboard.testing.OperatorMockServerTest;
import dev.switchboard.testing.Ready;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The Secret, Role and RoleBinding a binding writes come back through the watches; they must not
 * reconcile the binding again (nor its status write): one reconcile per new binding.
 */
@ApiServerTest
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

    // The counter counts finished reconciles, and the last one finishes after its write is seen:
    // wait for the count, then check that it stays.
    eventually().until(() -> reconciles.total("WorkspaceBinding") >= BINDINGS + 1);
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(3))
        .until(() -> reconciles.total("WorkspaceBinding") == BINDINGS + 1);
  }

  /**
   * A PerBinding binding gets a finalizer before its user is made; its status is then written
   * against the binding as that left it, once, not refused as stale and written again. Many at
   * once, as a stale write shows only when the finalizer's own watch event is not in yet.
   */
  @Test
  void bindingsWithAUserOfTheirOwnWriteTheirStatusOnce() {
    create(namespace("platform"));
    create(credentials("platform", "pg", "username", "postgres", "password", "x"));
    List<String> workspaces = IntStream.range(0, BINDINGS).mapToObj(i -> "ws-" + i).toList();
    workspaces.forEach(ns -> create(namespace(ns)));
    Connection perBinding =
        postgres("platform", "orders-db", "pg", workspaces.toArray(String[]::new));
    var provisioning = new ConnectionProvisioning();
    provisioning.setMode(ConnectionProvisioning.PER_BINDING);
    perBinding.getSpec().setProvisioning(provisioning);
    create(perBinding);
    eventually().until(() -> Ready.isTrue(fetchConnection("platform", "orders-db")));
    statusWrites();

    workspaces.forEach(ns -> create(binding(ns, "own", "platform", "orders-db")));
    eventually()
        .until(
            () ->
                workspaces.stream()
                    .map(ns -> fetchBinding(ns, "own"))
                    .allMatch(
                        b ->
                            b.getStatus() != null
                                && Ready.isTrue(b.getStatus().getConditions())
                                && b.getStatus().getProvisionedUser() != null));
    eventually().until(() -> statusWrites() >= BINDINGS);
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(3))
        .until(() -> statusWrites() == BINDINGS);
  }

  private final List<String> writesSeen = new ArrayList<>();

  /** The operator's status writes of bindings since the test started. */
  private long statusWrites() {
    drainRequests().stream()
        .filter(
            r -> String.valueOf(r.getHeader("User-Agent")).startsWith(ApiAudit.OPERATOR_USER_AGENT))
        .forEach(r -> writesSeen.add(r.getMethod() + " " + r.getPath()));
    return writesSeen.stream()
        .filter(w -> w.startsWith("PUT ") && w.matches(".*/workspacebindings/[^/]+/status.*"))
        .count();
  }
}
