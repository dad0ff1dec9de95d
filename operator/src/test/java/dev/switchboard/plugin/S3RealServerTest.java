package dev.switchboard.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.v1alpha1.ConnectionSpec;
import dev.switchboard.testing.LocalS3;
import dev.switchboard.testing.RealServerTest;
import dev.switchboard.testing.TestCertificates;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@RealServerTest
class S3RealServerTest extends PluginRealServerTest {
  private static LocalS3 s3;

  @BeforeAll
  static void start() {
    s3 = new LocalS3(PASSWORD);
  }

  @AfterAll
  static void stop() {
    s3.close();
  }

  @Override
  String type() {
    return "s3";
  }

  @Override
  ConnectionSpec spec(String host, int port) {
    return bucket("http://" + host + ":" + port, LocalS3.BUCKET);
  }

  private static ConnectionSpec bucket(String url, String bucket) {
    ConnectionSpec spec = new ConnectionSpec();
    spec.setType("s3");
    spec.setUrl(url);
    spec.setParameters(bucket == null ? Map.of() : Map.of("bucket", bucket));
    return spec;
  }

  private static Credentials key(String id, String secret) {
    return user(id, secret);
  }

  @Test
  void theBucketWithTheRightKeySucceeds() {
    TestOutcome outcome = test(bucket(s3.url(), LocalS3.BUCKET), key(LocalS3.ACCESS_KEY, PASSWORD));
    assertThat(outcome.reason()).isEqualTo(TestReason.Succeeded);
    assertThat(outcome.message()).startsWith("S3 bucket orders-archive answered in");
  }

  @Test
  void withoutABucketTheBucketsAreListed() {
    TestOutcome outcome = test(bucket(s3.url(), null), key(LocalS3.ACCESS_KEY, PASSWORD));
    assertThat(outcome.reason()).isEqualTo(TestReason.Succeeded);
    assertThat(outcome.message()).startsWith("S3 with 1 bucket answered in");
  }

  @Test
  void aWrongAccessKeyOrSecretIsAuthenticationFailed() {
    assertThat(test(bucket(s3.url(), LocalS3.BUCKET), key("AKIAOTHER", PASSWORD)).reason())
        .isEqualTo(TestReason.AuthenticationFailed);
    assertThat(
            test(bucket(s3.url(), LocalS3.BUCKET), key(LocalS3.ACCESS_KEY, PASSWORD + "-wrong"))
                .reason())
        .isEqualTo(TestReason.AuthenticationFailed);
  }

  @Test
  void aMissingBucketIsDatabaseNotFound() {
    TestOutcome outcome =
        test(bucket(s3.url(), "no-such-bucket"), key(LocalS3.ACCESS_KEY, PASSWORD));
    assertThat(outcome.reason()).isEqualTo(TestReason.DatabaseNotFound);
    assertThat(outcome.message()).contains("no-such-bucket");
  }

  @Test
  void httpsVerifiedAgainstTheRightCaSucceeds() {
    assertThat(
            test(
                    bucket(s3.tlsUrl(), LocalS3.BUCKET),
                    key(LocalS3.ACCESS_KEY, PASSWORD),
                    new TlsSettings(true, s3.caPem(), false))
                .reason())
        .isEqualTo(TestReason.Succeeded);
  }

  @Test
  void httpsWithAnotherCaIsTLSHandshakeFailed() {
    assertThat(
            test(
                    bucket(s3.tlsUrl(), LocalS3.BUCKET),
                    key(LocalS3.ACCESS_KEY, PASSWORD),
                    new TlsSettings(true, TestCertificates.authority("other").pem(), false))
                .reason())
        .isEqualTo(TestReason.TLSHandshakeFailed);
  }
}
