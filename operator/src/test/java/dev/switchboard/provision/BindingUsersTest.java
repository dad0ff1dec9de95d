package dev.switchboard.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.v1alpha1.Connection;
import dev.switchboard.api.v1alpha1.ConnectionProvisioning;
import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.plugin.Credentials;
import dev.switchboard.plugin.Endpoint;
import dev.switchboard.plugin.HostAliases;
import dev.switchboard.plugin.PostgresqlPlugin;
import dev.switchboard.plugin.ProbeTarget;
import dev.switchboard.plugin.TlsSettings;
import dev.switchboard.testing.Fixtures;
import dev.switchboard.testing.UnitTest;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * When a binding's user is made right at the source, which password the bound Secret carries, and
 * when next.
 */
@UnitTest
class BindingUsersTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final MutableClock clock = new MutableClock(T0);
  private final BindingUsers users =
      new BindingUsers(clock, Duration.ofMinutes(5), Duration.ofSeconds(10), HostAliases.NONE);
  private final RecordingProvisioner provisioner = new RecordingProvisioner();
  private final PostgresqlPlugin plugin = new PostgresqlPlugin();
  private final ProbeTarget source =
      new ProbeTarget(
          new Endpoint("postgresql", "db", 5432, null, null, Map.of(), false),
          new Credentials("provisioner", "prov-Secret-7731", Map.of()),
          TlsSettings.DISABLED,
          Duration.ofSeconds(10));

  @Test
  void userNamesAreShortPlainIdentifiersThatDifferPerBindingAndNeverChange() {
    var a = binding("00000000-0000-0000-0000-000000000001");
    var b = binding("00000000-0000-0000-0000-000000000002");
    assertThat(BindingUsers.userName(a))
        .matches("sb_[0-9a-f]{29}")
        .isEqualTo(BindingUsers.userName(a))
        .isNotEqualTo(BindingUsers.userName(b));
  }

  @Test
  void aNewUserGetsALongRandomPasswordAndIsCheckedAgainOnlyAfterTheTestInterval() throws Exception {
    var binding = binding("u-1");
    var first =
        users.ensure(binding, connection(null), plugin, provisioner, source, Optional.empty());
    assertThat(first.credentials().password())
        .hasSizeGreaterThanOrEqualTo(32)
        .matches("[A-Za-z0-9]+");
    assertThat(first.recheckAfter()).isEqualTo(Duration.ofMinutes(5));
    assertThat(provisioner.ensured).containsExactly(BindingUsers.userName(binding));

    var secret = Optional.of(boundSecret(first));
    clock.advance(Duration.ofMinutes(1));
    var again = users.ensure(binding, connection(null), plugin, provisioner, source, secret);
    assertThat(again.credentials().password())
        .as("kept from the bound Secret")
        .isEqualTo(first.credentials().password());
    assertThat(provisioner.ensured).as("not asked again within the interval").hasSize(1);
    assertThat(again.recheckAfter()).isEqualTo(Duration.ofMinutes(4));

    clock.advance(Duration.ofMinutes(4));
    users.ensure(binding, connection(null), plugin, provisioner, source, secret);
    assertThat(provisioner.ensured).as("checked again: drift is repaired").hasSize(2);
  }

  @Test
  void aRotationRequestOrTheRotationIntervalGivesANewPasswordOnce() throws Exception {
    var binding = binding("u-1");
    var first =
        users.ensure(binding, connection("720h"), plugin, provisioner, source, Optional.empty());
    binding.getMetadata().setAnnotations(Map.of(BindingUsers.ROTATE_REQUESTED_ANNOTATION, "1"));
    var requested =
        users.ensure(
            binding,
            connection("720h"),
            plugin,
            provisioner,
            source,
            Optional.of(boundSecret(first)));
    assertThat(requested.credentials().password()).isNotEqualTo(first.credentials().password());
    assertThat(requested.secretAnnotations())
        .containsEntry(BindingUsers.ROTATE_HANDLED_ANNOTATION, "1");
    var handled =
        users.ensure(
            binding,
            connection("720h"),
            plugin,
            provisioner,
            source,
            Optional.of(boundSecret(requested)));
    assertThat(handled.credentials().password())
        .as("the same request is answered once")
        .isEqualTo(requested.credentials().password());

    clock.advance(Duration.ofHours(720));
    var due =
        users.ensure(
            binding,
            connection("720h"),
            plugin,
            provisioner,
            source,
            Optional.of(boundSecret(handled)));
    assertThat(due.credentials().password()).isNotEqualTo(handled.credentials().password());
    assertThat(due.secretAnnotations())
        .containsEntry(
            BindingUsers.PASSWORD_SET_AT_ANNOTATION, T0.plus(Duration.ofHours(720)).toString());
  }

  @Test
  void aFailureIsDescribedInSwitchboardsWordsWithoutTheProvisionersCredentials() {
    provisioner.failWith =
        new SQLException("permission denied to create role, password prov-Secret-7731", "42501");
    assertThatThrownBy(
            () ->
                users.ensure(
                    binding("u-1"),
                    connection(null),
                    plugin,
                    provisioner,
                    source,
                    Optional.empty()))
        .isInstanceOf(ProvisioningException.class)
        .hasMessageContaining("lacks the privilege")
        .hasMessageNotContaining("prov-Secret-7731")
        .hasMessageNotContaining("permission denied");
  }

  private static WorkspaceBinding binding(String uid) {
    var b = Fixtures.binding("team-a", "orders", "platform", "orders-db");
    b.getMetadata().setUid(uid);
    return b;
  }

  private static Connection connection(String rotation) {
    var c = Fixtures.postgres("platform", "orders-db", "provisioner", "team-a");
    c.getMetadata().setUid("c-1");
    var p = new ConnectionProvisioning();
    p.setMode(ConnectionProvisioning.PER_BINDING);
    p.setRoles(List.of("orders_readonly"));
    if (rotation != null) {
      var r = new ConnectionProvisioning.PasswordRotation();
      r.setInterval(rotation);
      p.setPasswordRotation(r);
    }
    c.getSpec().setProvisioning(p);
    return c;
  }

  private static Secret boundSecret(BindingUsers.Grant grant) {
    Map<String, String> data = new TreeMap<>();
    data.put("username", b64(grant.credentials().username()));
    data.put("password", b64(grant.credentials().password()));
    return new SecretBuilder()
        .withNewMetadata()
        .withName("orders")
        .withAnnotations(grant.secretAnnotations())
        .endMetadata()
        .withData(data)
        .build();
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static final class RecordingProvisioner implements Provisioner {
    final List<String> ensured = new ArrayList<>();
    Exception failWith;

    @Override
    public String type() {
      return "postgresql";
    }

    @Override
    public List<String> validate(ConnectionProvisioning provisioning) {
      return List.of();
    }

    @Override
    public void ensureUser(
        ProbeTarget source, String user, String password, ConnectionProvisioning p)
        throws Exception {
      if (failWith != null) {
        throw failWith;
      }
      ensured.add(user);
    }

    @Override
    public void dropUser(ProbeTarget source, String user) {}
  }

  private static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
