package dev.switchboard.testing;

import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sits in front of the CRUD mock server and fails a fraction of the operator's requests (test code
 * is never failed): HTTP 500, 409 Conflict on writes, 429 with Retry-After, slow answers, and
 * refused watches, which make informers re-list. Seeded, so a run can be repeated.
 */
public class FaultInjectingDispatcher extends Dispatcher {
  private final Dispatcher crud;
  private final double rate;
  private final Random random;
  private final Map<String, AtomicInteger> injected = new ConcurrentHashMap<>();
  private final AtomicInteger operatorRequests = new AtomicInteger();
  private volatile boolean enabled = true;

  public FaultInjectingDispatcher(Dispatcher crud, double rate, long seed) {
    this.crud = crud;
    this.rate = rate;
    this.random = new Random(seed);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String agent = request.getHeader("User-Agent");
    boolean fromOperator = agent != null && agent.startsWith(ApiAudit.OPERATOR_USER_AGENT);
    if (!fromOperator) {
      return crud.dispatch(request);
    }
    operatorRequests.incrementAndGet();
    double roll;
    int kind;
    synchronized (random) {
      roll = random.nextDouble();
      kind = random.nextInt(4);
    }
    if (!enabled || roll >= rate) {
      return crud.dispatch(request);
    }
    boolean watch = request.getPath().contains("watch=true");
    boolean write = !"GET".equals(request.getMethod());
    if (watch) {
      return count("refused watch", status(500, "watch refused"));
    }
    return switch (kind) {
      case 0 -> count("500", status(500, "injected failure"));
      case 1 ->
          write
              ? count("409", status(409, "injected conflict"))
              : count("500", status(500, "injected failure"));
      case 2 -> count("429", status(429, "injected throttling").setHeader("Retry-After", "1"));
      default -> count("slow", crud.dispatch(request).setBodyDelay(Duration.ofMillis(300)));
    };
  }

  private MockResponse count(String kind, MockResponse response) {
    injected.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
    return response;
  }

  private static MockResponse status(int code, String message) {
    return new MockResponse()
        .setResponseCode(code)
        .setHeader("Content-Type", "application/json")
        .setBody(
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":"
                + code
                + ",\"message\":\""
                + message
                + "\",\"reason\":\""
                + (code == 409 ? "Conflict" : "InternalError")
                + "\"}");
  }

  public void disable() {
    enabled = false;
  }

  public Map<String, Integer> injected() {
    Map<String, Integer> out = new TreeMap<>();
    injected.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  public int operatorRequests() {
    return operatorRequests.get();
  }

  @Override
  public void shutdown() {
    crud.shutdown();
  }
}
