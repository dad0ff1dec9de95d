package dev.switchboard.plugin;

import dev.switchboard.api.v1alpha1.ConnectionSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An HTTP(S) endpoint, probed with a GET of {@code spec.url}. Success is a 2xx or 3xx answer, or
 * one of the codes in {@code parameters.expectedStatus} (comma-separated). A {@code token}
 * credential is sent as a bearer token, a username/password as basic authentication.
 */
public class HttpPlugin extends UrlAddressedPlugin {
  @Override
  public String type() {
    return "http";
  }

  @Override
  public Set<String> requiredCredentials() {
    return Set.of();
  }

  @Override
  public List<String> validate(ConnectionSpec spec) {
    Optional<String> url = HttpUrls.problem(spec, "type http needs spec.url");
    if (url.isPresent()) {
      return List.of(url.get());
    }
    String expected =
        spec.getParameters() == null ? null : spec.getParameters().get("expectedStatus");
    if (expected != null
        && !expected.matches("\\s*[1-5][0-9][0-9](\\s*,\\s*[1-5][0-9][0-9])*\\s*")) {
      return List.of("parameters.expectedStatus must be HTTP status codes separated by commas");
    }
    return List.of();
  }

  @Override
  public Map<String, String> bindingData(Endpoint endpoint, Credentials credentials) {
    BindingData data =
        BindingData.common(endpoint, credentials)
            .put("uri", endpoint.url())
            .put("url", endpoint.url());
    credentials.extra().forEach(data::put);
    return data.build();
  }

  @Override
  public String probe(ProbeTarget target) throws Exception {
    var builder =
        HttpClient.newBuilder()
            .connectTimeout(target.timeout())
            .followRedirects(HttpClient.Redirect.NEVER);
    if (target.tls().enabled()) {
      builder.sslContext(target.tls().sslContext());
    }
    HttpClient client = builder.build();
    var request =
        HttpRequest.newBuilder(URI.create(target.endpoint().url()))
            .timeout(target.timeout())
            .header("User-Agent", "switchboard-connection-test")
            .GET();
    authorization(target.credentials()).ifPresent(value -> request.header("Authorization", value));
    HttpResponse<Void> response =
        client.send(request.build(), HttpResponse.BodyHandlers.discarding());
    int status = response.statusCode();
    if (!expected(status, target.endpoint().parameters().get("expectedStatus"))) {
      String where = target.endpoint().url().replaceAll("\\?.*$", "");
      TestReason reason =
          switch (status) {
            case 401 -> TestReason.AuthenticationFailed;
            case 403 -> TestReason.PermissionDenied;
            default -> TestReason.UnexpectedResponse;
          };
      throw new ProbeFailure(new Failure(reason, where + " answered HTTP " + status));
    }
    return "HTTP "
        + status
        + response.headers().firstValue("Server").map(s -> " (" + abbreviate(s) + ")").orElse("");
  }

  private static Optional<String> authorization(Credentials c) {
    String token = c.extra().get("token");
    if (token != null) {
      return Optional.of("Bearer " + token);
    }
    if (c.username() != null && c.password() != null) {
      return Optional.of(
          "Basic "
              + Base64.getEncoder()
                  .encodeToString(
                      (c.username() + ":" + c.password()).getBytes(StandardCharsets.UTF_8)));
    }
    return Optional.empty();
  }

  private static boolean expected(int status, String expectedStatus) {
    if (expectedStatus == null || expectedStatus.isBlank()) {
      return status >= 200 && status < 400;
    }
    return Arrays.stream(expectedStatus.split(","))
        .map(String::trim)
        .anyMatch(s -> s.equals(Integer.toString(status)));
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) : s;
  }
}
