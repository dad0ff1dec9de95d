package dev.switchboard.plugin;

import dev.switchboard.api.v1alpha1.ConnectionSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * The check shared by the types named by {@code spec.url} (http, s3): an absolute http or https
 * URL.
 */
final class HttpUrls {
  private HttpUrls() {}

  /**
   * The problem with {@code spec.url}, if any; {@code missing} is what to say when there is none.
   */
  static Optional<String> problem(ConnectionSpec spec, String missing) {
    if (spec.getUrl() == null || spec.getUrl().isBlank()) {
      return Optional.of(missing);
    }
    try {
      URI uri = new URI(spec.getUrl());
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          || uri.getHost() == null) {
        return Optional.of("spec.url must be an absolute http or https URL");
      }
      return Optional.empty();
    } catch (URISyntaxException e) {
      return Optional.of("spec.url is not a valid URL");
    }
  }
}
