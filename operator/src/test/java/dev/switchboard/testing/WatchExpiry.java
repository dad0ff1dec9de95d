package dev.switchboard.testing;

import io.fabric8.mockwebserver.http.ByteString;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in front of the strict API server and plays what etcd compaction does to the operator: its
 * watches of one resource end with {@code 410 Gone}, and the relist that follows fails until the
 * test lets it through (a large custom-resource list taking longer than the other kinds'), so the
 * operator's cache of that resource stays as it was while the other kinds' events keep coming.
 * Every write of the operator's is recorded.
 */
public final class WatchExpiry extends Dispatcher {
  private static final String GONE =
      "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\","
          + "\"metadata\":{},\"status\":\"Failure\",\"message\":\"too old resource version: 1 (2)\","
          + "\"reason\":\"Expired\",\"code\":410}}";

  private final Dispatcher strict;
  private final String resource;
  private final Set<WebSocket> watches = ConcurrentHashMap.newKeySet();
  private final List<String> operatorWrites = new CopyOnWriteArrayList<>();
  private volatile boolean relistFails;

  /**
   * @param resource the plural name whose watches expire, e.g. {@code workspacebindings}
   */
  public WatchExpiry(Dispatcher strict, String resource) {
    this.strict = strict;
    this.resource = resource;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String agent = request.getHeader("User-Agent");
    boolean fromOperator = agent != null && agent.startsWith(ApiAudit.OPERATOR_USER_AGENT);
    String path = request.getPath();
    boolean ofResource = path.contains("/" + resource + "?") || path.endsWith("/" + resource);
    if (!fromOperator) {
      return strict.dispatch(request);
    }
    if (!"GET".equals(request.getMethod())) {
      operatorWrites.add(request.getMethod() + " " + path);
      return strict.dispatch(request);
    }
    if (ofResource && path.contains("watch=true")) {
      MockResponse answer = strict.dispatch(request);
      WebSocketListener served = answer.getWebSocketListener();
      return served == null ? answer : answer.withWebSocketUpgrade(new Tracked(served));
    }
    if (ofResource && relistFails) {
      return new MockResponse()
          .setResponseCode(500)
          .setHeader("Content-Type", "application/json")
          .setBody(
              "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                  + "\"message\":\"the list is taking too long\",\"reason\":\"Timeout\",\"code\":500}");
    }
    return strict.dispatch(request);
  }

  /** Ends every open watch of the resource with 410 Gone; relists fail until {@link #relist()}. */
  public void expire() {
    relistFails = true;
    for (WebSocket ws : List.copyOf(watches)) {
      ws.send(GONE);
      ws.close(1000, "");
    }
  }

  /** The relist goes through from now on. */
  public void relist() {
    relistFails = false;
  }

  public int openWatches() {
    return watches.size();
  }

  /** The operator's writes (method and path), in order. */
  public List<String> operatorWrites() {
    return List.copyOf(operatorWrites);
  }

  @Override
  public void shutdown() {
    strict.shutdown();
  }

  /** The store's watch, remembered while it is open so that it can be ended. */
  private final class Tracked extends WebSocketListener {
    private final WebSocketListener served;

    Tracked(WebSocketListener served) {
      this.served = served;
    }

    @Override
    public void onBeforeAccept(WebSocket ws, Response response) {
      served.onBeforeAccept(ws, response);
    }

    @Override
    public void onOpen(WebSocket ws, Response response) {
      watches.add(ws);
      served.onOpen(ws, response);
    }

    @Override
    public void onMessage(WebSocket ws, String text) {
      served.onMessage(ws, text);
    }

    @Override
    public void onMessage(WebSocket ws, ByteString bytes) {
      served.onMessage(ws, bytes);
    }

    @Override
    public void onMessage(WebSocket ws, byte[] bytes) {
      served.onMessage(ws, bytes);
    }

    @Override
    public void onClosing(WebSocket ws, int code, String reason) {
      watches.remove(ws);
      served.onClosing(ws, code, reason);
    }

    @Override
    public void onClosed(WebSocket ws, int code, String reason) {
      watches.remove(ws);
      served.onClosed(ws, code, reason);
    }

    @Override
    public void onFailure(WebSocket ws, Throwable failure, Response response) {
      watches.remove(ws);
      served.onFailure(ws, failure, response);
    }
  }
}
