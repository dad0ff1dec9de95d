package dev.switchboard.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.v1alpha1.ConnectionSpec;
import dev.switchboard.testing.RealServerTest;
import dev.switchboard.testing.TestCertificates;
import org.junit.jupiter.api.Test;

/**
 * What every SQL type must report the same way, each against its own private server with TLS from a
 * test CA: a wrong password, a database the user may not use, and TLS trusted, untrusted or not
 * verified.
 */
@RealServerTest
abstract class SqlPluginRealServerTest extends PluginRealServerTest {

  /** The private server, its database, no TLS. */
  abstract ConnectionSpec local();

  /** The private server's application user. */
  abstract String appUser();

  /** The CA that signed the private server's certificate. */
  abstract String caPem();

  @Test
  void wrongPasswordIsAuthenticationFailed() {
    TestOutcome outcome = test(local(), user(appUser(), PASSWORD + "-wrong"));
    assertThat(outcome.reason()).isEqualTo(TestReason.AuthenticationFailed);
    assertThat(outcome.message()).doesNotContain(PASSWORD + "-wrong");
  }

  @Test
  void databaseWithoutTheRightIsPermissionDenied() {
    var spec = local();
    spec.setDatabase("locked");
    assertThat(test(spec, user(appUser(), PASSWORD)).reason())
        .isEqualTo(TestReason.PermissionDenied);
  }

  @Test
  void tlsVerifiedAgainstTheRightCaSucceeds() {
    var outcome = test(local(), user(appUser(), PASSWORD), new TlsSettings(true, caPem(), false));
    assertThat(outcome.reason()).isEqualTo(TestReason.Succeeded);
  }

  @Test
  void untrustedServerCertificateIsTLSHandshakeFailed() {
    String otherCa = TestCertificates.authority("some other CA").pem();
    var outcome = test(local(), user(appUser(), PASSWORD), new TlsSettings(true, otherCa, false));
    assertThat(outcome.reason()).isEqualTo(TestReason.TLSHandshakeFailed);
  }

  @Test
  void insecureSkipVerifyAcceptsTheUntrustedCertificate() {
    var outcome = test(local(), user(appUser(), PASSWORD), new TlsSettings(true, null, true));
    assertThat(outcome.reason()).isEqualTo(TestReason.Succeeded);
  }
}
