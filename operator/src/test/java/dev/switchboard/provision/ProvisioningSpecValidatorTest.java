package dev.switchboard.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.v1alpha1.ConnectionCredentials;
import dev.switchboard.api.v1alpha1.ConnectionProvisioning;
import dev.switchboard.api.v1alpha1.ConnectionSpec;
import dev.switchboard.api.v1alpha1.SecretRef;
import dev.switchboard.plugin.PluginRegistry;
import dev.switchboard.testing.Fixtures;
import dev.switchboard.testing.UnitTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What spec.provisioning accepts: nothing that could be spliced into a statement or undo the user's
 * password.
 */
@UnitTest
class ProvisioningSpecValidatorTest {
  private final ProvisionerRegistry provisioners =
      ProvisionerRegistry.builtIn(PluginRegistry.builtIn());

  @Test
  void sharedIsTheDefaultAndNeedsNothing() {
    var spec = spec("http", null, null);
    spec.setProvisioning(new ConnectionProvisioning());
    assertThat(ProvisioningSpecValidator.problems(spec, provisioners)).isEmpty();
  }

  @Test
  void perBindingIsForTypesWithUsers() {
    assertThat(ProvisioningSpecValidator.problems(spec("http", List.of(), null), provisioners))
        .singleElement()
        .asString()
        .contains("postgresql")
        .contains("not for type http");
  }

  @Test
  void roleNamesMustBePlainIdentifiers() {
    assertThat(
            ProvisioningSpecValidator.problems(
                spec("postgresql", List.of("orders_readonly", "x\"; DROP ROLE y"), null),
                provisioners))
        .singleElement()
        .asString()
        .contains("not a valid role name");
    assertThat(
            ProvisioningSpecValidator.problems(
                spec("mysql", List.of("r1", "R_2"), null), provisioners))
        .isEmpty();
  }

  @Test
  void redisRulesMayNotTouchThePasswordOrTheSwitch() {
    assertThat(
            ProvisioningSpecValidator.problems(
                spec("redis", null, "~orders:* +@read"), provisioners))
        .isEmpty();
    for (String rules : List.of("~* nopass", "~* >known", "~* resetpass", "~* off", "~* #abc")) {
      assertThat(ProvisioningSpecValidator.problems(spec("redis", null, rules), provisioners))
          .as(rules)
          .anyMatch(p -> p.contains("may not set passwords"));
    }
    assertThat(ProvisioningSpecValidator.problems(spec("redis", List.of("r"), null), provisioners))
        .anyMatch(p -> p.contains("roles does not apply"))
        .anyMatch(p -> p.contains("needs spec.provisioning.aclRules"));
  }

  @Test
  void mysqlLiteralsDoubleQuotesAndRefuseWhatCouldReadDifferently() {
    assertThat(MysqlProvisioner.literal("a'b")).isEqualTo("'a''b'");
    assertThat(MysqlProvisioner.identifier("a`b")).isEqualTo("`a``b`");
    assertThatThrownBy(() -> MysqlProvisioner.literal("a\\' OR 1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("OR 1");
  }

  private static ConnectionSpec spec(String type, List<String> roles, String aclRules) {
    var spec = Fixtures.spec(type, "db", null, null);
    var creds = new ConnectionCredentials();
    creds.setSecretRef(new SecretRef("provisioner"));
    spec.setCredentials(creds);
    var p = new ConnectionProvisioning();
    p.setMode(ConnectionProvisioning.PER_BINDING);
    p.setRoles(roles);
    p.setAclRules(aclRules);
    spec.setProvisioning(p);
    return spec;
  }
}
