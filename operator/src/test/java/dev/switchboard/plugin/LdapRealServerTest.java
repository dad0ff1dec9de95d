package dev.switchboard.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.v1alpha1.ConnectionSpec;
import dev.switchboard.testing.PrivateSlapd;
import dev.switchboard.testing.RealServerTest;
import dev.switchboard.testing.TestCertificates;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@RealServerTest
class LdapRealServerTest extends PluginRealServerTest {
  private static PrivateSlapd slapd;

  @BeforeAll
  static void start() {
    slapd = new PrivateSlapd(PASSWORD);
  }

  @AfterAll
  static void stop() {
    slapd.close();
  }

  @Override
  String type() {
    return "ldap";
  }

  @Override
  ConnectionSpec spec(String host, int port) {
    return base(host, port, PrivateSlapd.SUFFIX);
  }

  private static ConnectionSpec base(String host, int port, String base) {
    ConnectionSpec spec = baseSpec("ldap", host, port, null);
    spec.setParameters(Map.of("base", base));
    return spec;
  }

  @Test
  void theBindDnWithItsPasswordSucceeds() {
    TestOutcome outcome =
        test(spec("127.0.0.1", slapd.port()), user(PrivateSlapd.USER_DN, PASSWORD));
    assertThat(outcome.reason()).isEqualTo(TestReason.Succeeded);
    assertThat(outcome.message()).matches("LDAPv3 directory answered in \\d+ ms");
  }

  @Test
  void aWrongPasswordOrAnUnknownBindDnIsAuthenticationFailed() {
    assertThat(
            test(spec("127.0.0.1", slapd.port()), user(PrivateSlapd.USER_DN, PASSWORD + "-wrong"))
                .reason())
        .isEqualTo(TestReason.AuthenticationFailed);
    assertThat(
            test(
                    spec("127.0.0.1", slapd.port()),
                    user("cn=nobody,ou=people," + PrivateSlapd.SUFFIX, PASSWORD))
                .reason())
        .isEqualTo(TestReason.AuthenticationFailed);
  }

  @Test
  void aBaseThatDoesNotExistIsDatabaseNotFound() {
    TestOutcome outcome =
        test(
            base("127.0.0.1", slapd.port(), "ou=missing," + PrivateSlapd.SUFFIX),
            user(PrivateSlapd.USER_DN, PASSWORD));
    assertThat(outcome.reason()).isEqualTo(TestReason.DatabaseNotFound);
    assertThat(outcome.message()).contains("ou=missing");
  }

  @Test
  void ldapsVerifiedAgainstTheRightCaSucceeds() {
    assertThat(
            test(
                    spec("127.0.0.1", slapd.tlsPort()),
                    user(PrivateSlapd.USER_DN, PASSWORD),
                    new TlsSettings(true, slapd.caPem(), false))
                .reason())
        .isEqualTo(TestReason.Succeeded);
  }

  @Test
  void ldapsWithAnotherCaIsTLSHandshakeFailed() {
    assertThat(
            test(
                    spec("127.0.0.1", slapd.tlsPort()),
                    user(PrivateSlapd.USER_DN, PASSWORD),
                    new TlsSettings(true, TestCertificates.authority("other").pem(), false))
                .reason())
        .isEqualTo(TestReason.TLSHandshakeFailed);
  }
}
