package dev.switchboard.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.v1alpha1.ConnectionSpec;
import dev.switchboard.testing.LocalHttpServers;
import dev.switchboard.testing.RealServerTest;
import dev.switchboard.testing.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@RealServerTest
class TcpRealServerTest extends PluginRealServerTest {
  private static LocalHttpServers servers;

  @BeforeAll
  static void start() {
    servers = new LocalHttpServers("unused");
  }

  @AfterAll
  static void stop() {
    servers.close();
  }

  @Override
  String type() {
    return "tcp";
  }

  @Override
  ConnectionSpec spec(String host, int port) {
    return baseSpec("tcp", host, port, null);
  }

  @Override
  TlsSettings silentListenerTls() {
    return new TlsSettings(true, null, false);
  }

  @Test
  void openPortSucceeds() {
    TestOutcome outcome = test(spec("127.0.0.1", 6379), Credentials.NONE);
    assertThat(outcome.reason()).isEqualTo(TestReason.Succeeded);
    assertThat(outcome.message()).startsWith("TCP port open");
  }

  @Test
  void tlsHandshakeWithTheRightCaSucceeds() {
    var outcome =
        test(
            spec("127.0.0.1", servers.httpsPort()),
            Credentials.NONE,
            new TlsSettings(true, servers.caPem(), false));
    assertThat(outcome.reason()).isEqualTo(TestReason.Succeeded);
    assertThat(outcome.message()).startsWith("TLS (TLSv1.");
  }

  @Test
  void untrustedServerCertificateIsTLSHandshakeFailed() {
    var outcome =
        test(
            spec("127.0.0.1", servers.httpsPort()),
            Credentials.NONE,
            new TlsSettings(true, TestCertificates.authority("other").pem(), false));
    assertThat(outcome.reason()).isEqualTo(TestReason.TLSHandshakeFailed);
  }
}
