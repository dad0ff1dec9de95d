package dev.switchboard.testing;

import dev.switchboard.apiserver.StrictApiServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URI;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Every request the operator (not the test code) sent to the mock API servers during the test run,
 * told apart by its User-Agent, so that a test can check the Helm chart's RBAC against what the
 * operator really does.
 */
public final class ApiAudit {
  public static final String OPERATOR_USER_AGENT = StrictApiServer.OPERATOR_USER_AGENT;

  /** One request: the HTTP method and the URI it went to. */
  public record Call(String method, URI uri) {}

  private static final Queue<Call> CALLS = new ConcurrentLinkedQueue<>();

  private ApiAudit() {}

  static void record(RecordedRequest request) {
    String agent = request.getHeader("User-Agent");
    if (agent != null && agent.startsWith(OPERATOR_USER_AGENT)) {
      CALLS.add(new Call(request.getMethod(), URI.create(request.getPath())));
    }
  }

  public static List<Call> calls() {
    return List.copyOf(CALLS);
  }
}
