package dev.switchboard.plugin;

import dev.switchboard.api.v1alpha1.ConnectionSpec;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3-compatible object store at {@code spec.url}: a signed (SigV4) request with the access key.
 * With a bucket, a one-key listing of it (what HeadBucket checks, needing the same s3:ListBucket
 * right, but with an error code in its answer); without one, the list of buckets.
 */
public class S3Plugin extends UrlAddressedPlugin {
  static final String REGION = "region";
  static final String BUCKET = "bucket";

  @Override
  public String type() {
    return "s3";
  }

  @Override
  public Set<String> requiredCredentials() {
    return Set.of("username", "password");
  }

  @Override
  public List<String> validate(ConnectionSpec spec) {
    return HttpUrls.problem(spec, "type s3 needs spec.url (the endpoint)")
        .map(List::of)
        .orElse(List.of());
  }

  static String region(Endpoint endpoint) {
    return endpoint.parameters().getOrDefault(REGION, "us-east-1");
  }

  @Override
  public Map<String, String> bindingData(Endpoint endpoint, Credentials credentials) {
    return BindingData.common(endpoint, credentials)
        .put("endpoint", endpoint.url())
        .put("uri", endpoint.url())
        .put(REGION, region(endpoint))
        .put(BUCKET, endpoint.parameters().get(BUCKET))
        .put("access-key-id", credentials.username())
        .put("secret-access-key", credentials.password())
        .build();
  }

  @Override
  public String probe(ProbeTarget target) throws Exception {
    Duration timeout = Duration.ofMillis(target.timeoutMillis());
    var http = UrlConnectionHttpClient.builder().connectionTimeout(timeout).socketTimeout(timeout);
    TlsSettings tls = target.tls();
    if (tls.enabled() && (tls.caPem() != null || tls.insecureSkipVerify())) {
      var trustManagers = tls.trustManagers();
      http.tlsTrustManagersProvider(() -> trustManagers);
    }
    String bucket = target.endpoint().parameters().get(BUCKET);
    try (S3Client s3 =
        S3Client.builder()
            .endpointOverride(URI.create(target.endpoint().url()))
            .region(Region.of(region(target.endpoint())))
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(
                        target.credentials().username(), target.credentials().password())))
            .httpClient(http.build())
            .overrideConfiguration(
                c -> c.apiCallTimeout(timeout).retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build()) {
      if (bucket != null) {
        s3.listObjectsV2(r -> r.bucket(bucket).maxKeys(1));
        return "S3 bucket " + bucket;
      }
      int buckets = s3.listBuckets().buckets().size();
      return "S3 with " + buckets + " bucket" + (buckets == 1 ? "" : "s");
    }
  }

  @Override
  public Optional<Failure> classify(Throwable error, ProbeTarget target) {
    String bucket = target.endpoint().parameters().get(BUCKET);
    for (Throwable t : Throwables.chain(error)) {
      if (t instanceof ApiCallTimeoutException || t instanceof ApiCallAttemptTimeoutException) {
        return Optional.of(NetworkFailures.timeout(target));
      }
      if (t instanceof AwsServiceException e) {
        String code =
            e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
        switch (code) {
          case "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidSecurity", "InvalidToken" -> {
            return Optional.of(
                new Failure(
                    TestReason.AuthenticationFailed,
                    target.address() + " rejected the access key (" + code + ")"));
          }
          case "NoSuchBucket" -> {
            return Optional.of(
                new Failure(
                    TestReason.DatabaseNotFound, target.address() + " has no bucket " + bucket));
          }
          case "AccessDenied", "AllAccessDisabled" -> {
            return Optional.of(
                new Failure(
                    TestReason.PermissionDenied,
                    "The access key may not "
                        + (bucket != null ? "list bucket " + bucket : "list the buckets")
                        + " on "
                        + target.address()));
          }
          default -> {
            return Optional.of(
                new Failure(
                    TestReason.UnexpectedResponse,
                    target.address()
                        + " answered HTTP "
                        + e.statusCode()
                        + (code.isEmpty() ? "" : " (" + code + ")")));
          }
        }
      }
    }
    return Optional.empty();
  }
}
