package dev.switchboard.testing;

import java.net.URI;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;

/**
 * Every request the operator (not the test code) sends to an API server during the test run, so that a test can
 * check the Helm chart's RBAC against what the operator really does.
 */
public final class ApiAudit implements Interceptor {
  /** One request: the HTTP method and the URI it went to. */
  public record Call(String method, URI uri) {}

  private static final Queue<Call> CALLS = new ConcurrentLinkedQueue<>();

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    CALLS.add(new Call(request.method(), request.uri()));
  }

  public static List<Call> calls() {
    return List.copyOf(CALLS);
  }
}
