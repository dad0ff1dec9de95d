package dev.switchboard.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.v1alpha1.ConnectionSpec;
import dev.switchboard.testing.LocalHttpServers;
import dev.switchboard.testing.RealServerTest;
import dev.switchboard.testing.TestCertificates;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@RealServerTest
class HttpRealServerTest extends PluginRealServerTest {
  private static LocalHttpServers servers;

  @BeforeAll
  static void start() {
    servers = new LocalHttpServers(PASSWORD);
  }

  @AfterAll
  static void stop() {
    servers.close();
  }

  @Override
  String type() {
    return "http";
  }

  @Override
  ConnectionSpec spec(String host, int port) {
    return url("http://" + host + ":" + port + "/ok");
  }

  private static ConnectionSpec url(String url) {
    ConnectionSpec s = new ConnectionSpec();
    s.setType("http");
    s.setUrl(url);
    return s;
  }

  private static Credentials token(String token) {
    return new Credentials(null, null, Map.of("token", token));
  }

  @Test
  void okAnswerSucceeds() {
    TestOutcome outcome =
        test(url("http://127.0.0.1:" + servers.httpPort() + "/ok"), Credentials.NONE);
    assertThat(outcome.reason()).isEqualTo(TestReason.Succeeded);
    assertThat(outcome.message()).startsWith("HTTP 200 (switchboard-test) answered in");
  }

  @Test
  void serverErrorIsUnexpectedResponseUnlessExpected() {
    var spec = url("http://127.0.0.1:" + servers.httpPort() + "/unavailable");
    TestOutcome outcome = test(spec, Credentials.NONE);
    assertThat(outcome.reason()).isEqualTo(TestReason.UnexpectedResponse);
    assertThat(outcome.message()).contains("HTTP 503");
    spec.setParameters(Map.of("expectedStatus", "200, 503"));
    assertThat(test(spec, Credentials.NONE).reason()).isEqualTo(TestReason.Succeeded);
  }

  @Test
  void bearerTokenIsSentAndAWrongOneIsAuthenticationFailed() {
    var spec = url("http://127.0.0.1:" + servers.httpPort() + "/private");
    assertThat(test(spec, token(PASSWORD)).reason()).isEqualTo(TestReason.Succeeded);
    assertThat(test(spec, token(PASSWORD + "-wrong")).reason())
        .isEqualTo(TestReason.AuthenticationFailed);
  }

  @Test
  void httpsVerifiedAgainstTheRightCaSucceeds() {
    var spec = url("https://127.0.0.1:" + servers.httpsPort() + "/ok");
    assertThat(test(spec, Credentials.NONE, new TlsSettings(true, servers.caPem(), false)).reason())
        .isEqualTo(TestReason.Succeeded);
  }

  @Test
  void untrustedServerCertificateIsTLSHandshakeFailed() {
    var spec = url("https://127.0.0.1:" + servers.httpsPort() + "/ok");
    assertThat(test(spec, Credentials.NONE, new TlsSettings(true, null, false)).reason())
        .isEqualTo(TestReason.TLSHandshakeFailed);
    assertThat(
            test(
                    spec,
                    Credentials.NONE,
                    new TlsSettings(true, TestCertificates.authority("other").pem(), false))
                .reason())
        .isEqualTo(TestReason.TLSHandshakeFailed);
    assertThat(test(spec, Credentials.NONE, new TlsSettings(true, null, true)).reason())
        .as("insecureSkipVerify")
        .isEqualTo(TestReason.Succeeded);
  }
}
