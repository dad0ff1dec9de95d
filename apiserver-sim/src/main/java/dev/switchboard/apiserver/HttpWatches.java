package dev.switchboard.apiserver;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Watches over plain HTTP, as kubectl (client-go) makes them; the store serves WebSocket watches
 * only. Each is answered as a short watch: the changes after the client's resourceVersion at once
 * if there are any, else an empty watch that ends after two seconds. client-go takes a watch that
 * ends as the server's timeout and watches again from where it was, so {@code kubectl wait} and
 * {@code kubectl delete} see every change, a second or two late at most.
 */
final class HttpWatches {
  /** Long enough that client-go does not take an empty watch for a broken one (1 s). */
  static final Duration QUIET_WATCH = Duration.ofSeconds(2);

  private static final int REMEMBERED_DELETIONS = 1_000;

  private final Store store;
  private final Deque<Tombstone> deleted = new ConcurrentLinkedDeque<>();

  /** A deleted object, kept so that a watch that began before the deletion reports it. */
  private record Tombstone(String path, ObjectNode object) {
    String parent() {
      return path.substring(0, path.lastIndexOf('/'));
    }
  }

  HttpWatches(Store store) {
    this.store = store;
  }

  /** WebSocket watches (Fabric8's) go to the store; the rest are answered here. */
  static boolean isPlainHttp(RecordedRequest recorded) {
    String upgrade = recorded.getHeader("Upgrade");
    return upgrade == null || !upgrade.equalsIgnoreCase("websocket");
  }

  void deleted(String path, ObjectNode object) {
    deleted.addLast(new Tombstone(path, object));
    while (deleted.size() > REMEMBERED_DELETIONS) {
      deleted.pollFirst();
    }
  }

  MockResponse answer(ApiRequest request) {
    String since = request.query().get("resourceVersion");
    long from = since == null || since.isEmpty() ? 0 : Long.parseLong(since);
    Predicate<ObjectNode> fields = FieldSelectors.parse(request.query().get("fieldSelector"));
    String labels = request.query().get("labelSelector");
    String listPath =
        labels == null
            ? request.collectionPath()
            : request.collectionPath()
                + "?labelSelector="
                + URLEncoder.encode(labels, StandardCharsets.UTF_8);
    List<ObjectNode> live = store.list(listPath).stream().filter(fields).toList();
    List<String> events = new ArrayList<>();
    long newest = from;
    // Without a resourceVersion a watch starts with every object as ADDED; with one, after it.
    List<ObjectNode> changed =
        live.stream()
            .filter(o -> from == 0 || resourceVersion(o) > from)
            .sorted(Comparator.comparingLong(HttpWatches::resourceVersion))
            .toList();
    for (ObjectNode o : changed) {
      events.add(event(from == 0 ? "ADDED" : "MODIFIED", o));
      newest = Math.max(newest, resourceVersion(o));
    }
    if (from != 0) {
      Set<String> names =
          live.stream().map(o -> o.at("/metadata/name").asText()).collect(Collectors.toSet());
      for (Tombstone t : deleted) {
        if (watches(request, t)
            && fields.test(t.object())
            && !names.contains(t.object().at("/metadata/name").asText())) {
          // A client ignores the deletion of an object it never had; the version never goes back.
          ObjectNode gone = t.object().deepCopy();
          StrictDispatcher.metadata(gone).put("resourceVersion", String.valueOf(newest));
          events.add(event("DELETED", gone));
        }
      }
    }
    MockResponse response =
        new MockResponse()
            .setResponseCode(200)
            .setHeader("Content-Type", "application/json")
            // An empty watch still sends a byte (a newline, which the stream skips): the mock
            // server ends an empty body at once, whatever its delay.
            .setBody(String.join("\n", events) + "\n");
    return events.isEmpty() ? response.setBodyDelay(QUIET_WATCH) : response;
  }

  private static boolean watches(ApiRequest request, Tombstone t) {
    String collection = request.collectionPath();
    return t.parent().equals(collection)
        || t.parent().replaceFirst("/namespaces/[^/]+/", "/").equals(collection);
  }

  private static String event(String type, ObjectNode object) {
    ObjectNode e = JsonNodeFactory.instance.objectNode();
    e.put("type", type);
    e.set("object", object);
    return Store.write(e);
  }

  private static long resourceVersion(ObjectNode o) {
    try {
      return Long.parseLong(o.at("/metadata/resourceVersion").asText("0"));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
