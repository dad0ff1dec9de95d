package dev.switchboard.plugin;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.switchboard.api.v1alpha1.ConnectionSpec;

public class HttpPlugin implements ConnectionPlugin {
  @Override public String type() { return "http"; }
  @Override public int defaultPort() { return 0; }
  @Override public Set<String> requiredCredentials() { return Set.of(); }

  @Override
  public List<String> validate(ConnectionSpec spec) {
    if (spec.getUrl() == null || spec.getUrl().isBlank()) {
      return List.of("type http needs spec.url");
    }
    try {
      URI uri = new URI(spec.getUrl());
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        return List.of("spec.url must be an absolute http or https URL");
      }
    } catch (URISyntaxException e) {
      return List.of("spec.url is not a valid URL");
    }
    return List.of();
  }

  @Override
  public Map<String, String> bindingData(Endpoint endpoint, Credentials credentials) {
    URI uri = URI.create(endpoint.url());
    int port = uri.getPort() > 0 ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
    Endpoint resolved = new Endpoint(endpoint.type(), uri.getHost(), port, endpoint.database(), endpoint.url(),
        endpoint.parameters(), "https".equals(uri.getScheme()));
    BindingData data = BindingData.common(resolved, credentials)
        .put("uri", endpoint.url())
        .put("url", endpoint.url());
    credentials.extra().forEach(data::put);
    return data.build();
  }
}
