package dev.switchboard.provision;

import static dev.switchboard.testing.Fixtures.binding;
import static dev.switchboard.testing.Fixtures.connection;
import static dev.switchboard.testing.Fixtures.credentials;
import static dev.switchboard.testing.Fixtures.decoded;
import static dev.switchboard.testing.Fixtures.namespace;
import static dev.switchboard.testing.Fixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.v1alpha1.Connection;
import dev.switchboard.api.v1alpha1.ConnectionAccess;
import dev.switchboard.api.v1alpha1.ConnectionCredentials;
import dev.switchboard.api.v1alpha1.ConnectionTestPolicy;
import dev.switchboard.api.v1alpha1.SecretRef;
import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.testing.LogCapture;
import dev.switchboard.testing.OperatorMockServerTest;
import dev.switchboard.testing.Ready;
import dev.switchboard.testing.RealServerTest;
import dev.switchboard.testing.provision.ProvisioningSource;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Per-binding credentials against real servers of each type, the operator on the strict API server
 * with the chart's RBAC: every workspace its own user, allowed exactly its role, revoked at the
 * source.
 */
@RealServerTest
class PerBindingCredentialsRealServerTest extends OperatorMockServerTest {
  private ProvisioningSource source;

  static Stream<String> types() {
    return ProvisioningSource.TYPES.stream();
  }

  @AfterEach
  void stopSource() {
    if (source != null) {
      source.close();
    }
  }

  @ParameterizedTest
  @MethodSource("types")
  void eachWorkspaceHasItsOwnUserThatLivesAndDiesWithItsAccess(String type) throws Exception {
    // Set up first: the test's own statements that create the provisioner account are not the
    // operator's logs.
    stage(type, source -> source.provisionerUser(), source -> source.provisionerPassword());
    // With exactly the documented privileges, which give none on the Connection's database.
    eventually()
        .until(
            () ->
                Ready.isTrue(fetchConnection("platform", "orders-db").getStatus().getConditions()));
    try (LogCapture logs = new LogCapture()) {
      create(binding("team-a", "orders", "platform", "orders-db"));
      create(binding("team-b", "orders", "platform", "orders-db"));
      Map<String, String> a = boundData("team-a");
      Map<String, String> b = boundData("team-b");

      assertThat(a.get("username"))
          .startsWith("sb_")
          .hasSizeLessThanOrEqualTo(32)
          .isNotEqualTo(b.get("username"));
      assertThat(a.get("password")).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo(b.get("password"));
      assertThat(fetchBinding("team-a", "orders").getStatus().getProvisionedUser())
          .isEqualTo(a.get("username"));
      for (Map<String, String> user : List.of(a, b)) {
        assertThat(source.readsGranted(user.get("username"), user.get("password")))
            .as("granted read")
            .isTrue();
        assertThat(source.refusedUngranted(user.get("username"), user.get("password")))
            .as("other read refused")
            .isTrue();
      }

      // Rotation on request: the old password stops working, the new one works, and the hash says
      // so.
      String hashBefore = fetchBinding("team-b", "orders").getStatus().getDataHash();
      annotate("team-b", BindingUsers.ROTATE_REQUESTED_ANNOTATION, "1");
      eventually().until(() -> !b.get("password").equals(boundData("team-b").get("password")));
      Map<String, String> rotated = boundData("team-b");
      assertThat(source.readsGranted(b.get("username"), b.get("password")))
          .as("old password")
          .isFalse();
      assertThat(source.readsGranted(rotated.get("username"), rotated.get("password")))
          .as("new password")
          .isTrue();
      eventually()
          .until(
              () -> !hashBefore.equals(fetchBinding("team-b", "orders").getStatus().getDataHash()));

      // Drift: a user dropped behind the operator's back comes back at the next check (the test
      // interval).
      source.dropOutOfBand(a.get("username"));
      assertThat(source.readsGranted(a.get("username"), a.get("password"))).isFalse();
      eventually().until(() -> source.readsGranted(a.get("username"), a.get("password")));

      // Withdrawing team-a's access ends its user and its open session; team-b keeps working.
      try (var session = source.openSession(a.get("username"), a.get("password"))) {
        assertThat(session.alive()).isTrue();
        edit(
            Connection.class,
            "platform",
            "orders-db",
            c -> {
              c.getSpec().getAccess().setNamespaces(List.of("team-b"));
              return c;
            });
        eventually().until(() -> !source.userExists(a.get("username")) && !session.alive());
      }
      assertThat(source.readsGranted(a.get("username"), a.get("password"))).isFalse();
      eventually()
          .until(
              () ->
                  client.secrets().inNamespace("team-a").withName("orders").get() == null
                      && "NotPermitted".equals(Ready.reason(fetchBinding("team-a", "orders")))
                      && fetchBinding("team-a", "orders").getStatus().getProvisionedUser() == null);
      assertThat(source.readsGranted(rotated.get("username"), rotated.get("password"))).isTrue();
      assertThat(client.v1().events().inNamespace("team-a").list().getItems())
          .filteredOn(e -> "Revoked".equals(e.getReason()))
          .singleElement()
          .satisfies(e -> assertThat(e.getMessage()).contains("Secret orders"));

      // Deleting team-b's binding drops its user before the binding goes.
      client.resources(WorkspaceBinding.class).inNamespace("team-b").withName("orders").delete();
      eventually().until(() -> fetchBinding("team-b", "orders") == null);
      assertThat(source.userExists(rotated.get("username"))).isFalse();

      assertThat(everythingAWorkspaceOrObserverSees() + logs.text())
          .doesNotContain(source.provisionerPassword());
    }
  }

  @ParameterizedTest
  @MethodSource("types")
  void aBindingWhoseSecretNameIsTakenHasNoUserAtTheSource(String type) {
    stage(type, source -> source.provisionerUser(), source -> source.provisionerPassword());
    create(credentials("team-a", "orders", "kept", "as it is"));
    create(credentials("team-a", "taken", "kept", "as it is"));
    create(binding("team-a", "orders", "platform", "orders-db"));
    eventually()
        .until(() -> "SecretConflict".equals(Ready.reason(fetchBinding("team-a", "orders"))));
    String user = BindingUsers.userName(fetchBinding("team-a", "orders"));
    assertThat(source.userExists(user)).as("a user for a binding that cannot bind").isFalse();
    assertThat(fetchBinding("team-a", "orders").getStatus().getProvisionedUser()).isNull();

    // Bound under another name, then moved onto a name that is taken: its user is dropped.
    edit(
        WorkspaceBinding.class,
        "team-a",
        "orders",
        wb -> {
          wb.getSpec().setSecretName("orders-db");
          return wb;
        });
    eventually()
        .until(() -> Ready.isTrue(fetchBinding("team-a", "orders").getStatus().getConditions()));
    assertThat(source.userExists(user)).isTrue();
    edit(
        WorkspaceBinding.class,
        "team-a",
        "orders",
        wb -> {
          wb.getSpec().setSecretName("taken");
          return wb;
        });
    eventually()
        .until(
            () ->
                "SecretConflict".equals(Ready.reason(fetchBinding("team-a", "orders")))
                    && !source.userExists(user));
    assertThat(decoded(client.secrets().inNamespace("team-a").withName("taken").get()))
        .containsExactly(Map.entry("kept", "as it is"));
  }

  @ParameterizedTest
  @MethodSource("types")
  void deletionWaitsForTheDataSourceUnlessAnAdminGivesUp(String type) {
    stage(type, source -> source.provisionerUser(), source -> source.provisionerPassword());
    create(binding("team-a", "orders", "platform", "orders-db"));
    create(binding("team-b", "orders", "platform", "orders-db"));
    String userA = boundData("team-a").get("username");
    boundData("team-b");

    source.stop();
    client.resources(WorkspaceBinding.class).inNamespace("team-a").withName("orders").delete();
    client.resources(WorkspaceBinding.class).inNamespace("team-b").withName("orders").delete();
    eventually()
        .until(
            () ->
                "CleanupPending".equals(Ready.reason(fetchBinding("team-a", "orders")))
                    && "CleanupPending".equals(Ready.reason(fetchBinding("team-b", "orders"))));
    assertThat(
            condition(fetchBinding("team-a", "orders").getStatus().getConditions(), "Ready")
                .getMessage())
        .contains(userA)
        .contains(BindingUsers.SKIP_CLEANUP_ANNOTATION);

    annotate("team-b", BindingUsers.SKIP_CLEANUP_ANNOTATION, "true");
    eventually().until(() -> fetchBinding("team-b", "orders") == null);
    assertThat(fetchBinding("team-a", "orders"))
        .as("still waiting for its data source")
        .isNotNull();

    source.start();
    eventually().until(() -> fetchBinding("team-a", "orders") == null);
    assertThat(source.userExists(userA)).isFalse();
  }

  @ParameterizedTest
  @MethodSource("types")
  void aProvisionerWithoutPrivilegeIsReportedAndNothingIsBound(String type) {
    stage(type, source -> source.unprivilegedUser(), source -> source.unprivilegedPassword());
    create(binding("team-a", "orders", "platform", "orders-db"));
    eventually()
        .until(() -> "ProvisioningFailed".equals(Ready.reason(fetchBinding("team-a", "orders"))));
    String message =
        condition(fetchBinding("team-a", "orders").getStatus().getConditions(), "Ready")
            .getMessage();
    assertThat(message).contains("privilege").doesNotContain(source.unprivilegedPassword());
    assertThat(client.secrets().inNamespace("team-a").withName("orders").get()).isNull();
    assertThat(client.v1().events().inNamespace("team-a").list().getItems())
        .anyMatch(e -> "ProvisioningFailed".equals(e.getReason()));
  }

  @ParameterizedTest
  @MethodSource("types")
  void deletingTheConnectionDropsEveryUserBeforeItGoes(String type) {
    stage(type, source -> source.provisionerUser(), source -> source.provisionerPassword());
    create(binding("team-a", "orders", "platform", "orders-db"));
    String user = boundData("team-a").get("username");

    client.resources(Connection.class).inNamespace("platform").withName("orders-db").delete();
    eventually().until(() -> fetchConnection("platform", "orders-db") == null);
    assertThat(source.userExists(user)).isFalse();
    assertThat(client.secrets().inNamespace("team-a").withName("orders").get()).isNull();
    eventually().until(() -> "NotPermitted".equals(Ready.reason(fetchBinding("team-a", "orders"))));
  }

  /**
   * Namespaces, the provisioner's credential Secret and a PerBinding Connection that team-a and
   * team-b may bind.
   */
  private void stage(
      String type,
      Function<ProvisioningSource, String> user,
      Function<ProvisioningSource, String> password) {
    source = ProvisioningSource.start(type);
    create(namespace("platform"));
    create(namespace("team-a"));
    create(namespace("team-b"));
    create(
        credentials(
            "platform",
            "provisioner",
            "username",
            user.apply(source),
            "password",
            password.apply(source)));
    var spec = spec(type, "127.0.0.1", source.port(), source.database());
    var creds = new ConnectionCredentials();
    creds.setSecretRef(new SecretRef("provisioner"));
    spec.setCredentials(creds);
    var access = new ConnectionAccess();
    access.setNamespaces(List.of("team-a", "team-b"));
    spec.setAccess(access);
    var test = new ConnectionTestPolicy();
    // Also how often each user is checked at the source: short, so that drift is repaired within
    // the test.
    test.setInterval("2s");
    spec.setTest(test);
    spec.setProvisioning(source.provisioning());
    create(connection("platform", "orders-db", spec));
  }

  private void annotate(String namespace, String key, String value) {
    edit(
        WorkspaceBinding.class,
        namespace,
        "orders",
        wb -> {
          wb.getMetadata()
              .setAnnotations(
                  new TreeMap<>(
                      wb.getMetadata().getAnnotations() == null
                          ? Map.of()
                          : wb.getMetadata().getAnnotations()));
          wb.getMetadata().getAnnotations().put(key, value);
          return wb;
        });
  }

  /** The bound Secret's data once the binding is Ready. */
  private Map<String, String> boundData(String namespace) {
    eventually()
        .until(() -> Ready.isTrue(fetchBinding(namespace, "orders").getStatus().getConditions()));
    Secret secret = client.secrets().inNamespace(namespace).withName("orders").get();
    return decoded(secret);
  }

  private String everythingAWorkspaceOrObserverSees() {
    StringBuilder all = new StringBuilder();
    for (String ns : List.of("team-a", "team-b")) {
      client.secrets().inNamespace(ns).list().getItems().forEach(s -> all.append(decoded(s)));
      client
          .v1()
          .events()
          .inNamespace(ns)
          .list()
          .getItems()
          .forEach(e -> all.append(e.getMessage()));
      client
          .resources(WorkspaceBinding.class)
          .inNamespace(ns)
          .list()
          .getItems()
          .forEach(
              b ->
                  all.append(
                      String.valueOf(b.getStatus() == null ? "" : b.getStatus().getConditions())));
    }
    client
        .v1()
        .events()
        .inNamespace("platform")
        .list()
        .getItems()
        .forEach(e -> all.append(e.getMessage()));
    var conn = fetchConnection("platform", "orders-db");
    if (conn != null && conn.getStatus() != null) {
      all.append(conn.getStatus().getConditions()).append(conn.getStatus().getLastTest());
    }
    return all.toString();
  }
}
