package dev.switchboard.apiserver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The object store behind the strict server: Fabric8's CRUD mock dispatcher, which keeps objects,
 * numbers resourceVersions and serves watches. The strict server decides what may be stored; this
 * only stores it.
 */
final class Store {
  static final ObjectMapper JSON = new ObjectMapper();
  private final Dispatcher crud;
  private final HttpWatches httpWatches = new HttpWatches(this);

  /**
   * Set on the thread that handles a dry-run request: its writes are answered as they would be, and
   * nothing is stored. Other requests, handled on other threads meanwhile, store as usual.
   */
  private final ThreadLocal<Boolean> dryRun = ThreadLocal.withInitial(() -> false);

  Store(Dispatcher crud) {
    this.crud = crud;
  }

  /** Runs a request's handling with every write answered and none stored (?dryRun=All). */
  <T> T dryRun(Supplier<T> handling) {
    dryRun.set(true);
    try {
      return handling.get();
    } finally {
      dryRun.set(false);
    }
  }

  boolean isDryRun() {
    return dryRun.get();
  }

  MockResponse dispatch(RecordedRequest request) {
    return crud.dispatch(request);
  }

  Optional<ObjectNode> get(String path) {
    MockResponse r = call(HttpMethod.GET, path, null);
    return r.code() == 200 ? Optional.of((ObjectNode) read(body(r))) : Optional.empty();
  }

  /** The list as the store answers it (kind, resourceVersion), for a caller to fill with items. */
  ObjectNode listDocument(String collectionPath) {
    MockResponse r = call(HttpMethod.GET, collectionPath, null);
    if (r.code() != 200) {
      throw ApiError.internal("cannot list " + collectionPath);
    }
    return (ObjectNode) read(body(r));
  }

  List<ObjectNode> list(String collectionPath) {
    MockResponse r = call(HttpMethod.GET, collectionPath, null);
    List<ObjectNode> out = new ArrayList<>();
    if (r.code() == 200) {
      read(body(r)).path("items").forEach(i -> out.add((ObjectNode) i));
    }
    return out;
  }

  MockResponse create(String collectionPath, JsonNode object) {
    if (dryRun.get()) {
      // As the API server answers a dry-run create: a uid, no resourceVersion.
      ObjectNode would = object.deepCopy();
      ((ObjectNode) would.get("metadata")).put("uid", UUID.randomUUID().toString());
      return new MockResponse().setResponseCode(201).setBody(write(would));
    }
    return call(HttpMethod.POST, collectionPath, object);
  }

  MockResponse replace(String path, JsonNode object) {
    if (dryRun.get()) {
      return new MockResponse().setResponseCode(200).setBody(write(object));
    }
    return call(HttpMethod.PUT, path, object);
  }

  MockResponse delete(String path) {
    if (dryRun.get()) {
      return new MockResponse().setResponseCode(200);
    }
    Optional<ObjectNode> before = get(path);
    MockResponse response = call(HttpMethod.DELETE, path, null);
    before.ifPresent(o -> httpWatches.deleted(path, o));
    return response;
  }

  /** kubectl's watches, over plain HTTP; the store itself serves WebSocket ones. */
  HttpWatches httpWatches() {
    return httpWatches;
  }

  /** Removes an object for good, whatever finalizers the stored copy still lists. */
  void remove(String path, ObjectNode object) {
    if (dryRun.get()) {
      return;
    }
    ObjectNode done = object.deepCopy();
    ((ObjectNode) done.get("metadata")).putArray("finalizers");
    get(path)
        .ifPresent(
            stored -> {
              ((ObjectNode) done.get("metadata"))
                  .set("resourceVersion", stored.at("/metadata/resourceVersion"));
              replace(path, done);
            });
    if (get(path).isPresent()) {
      call(HttpMethod.DELETE, path, null);
    }
    httpWatches.deleted(path, done);
  }

  private MockResponse call(HttpMethod method, String path, JsonNode body) {
    Buffer buffer = new Buffer();
    Headers.Builder headers = Headers.builder();
    if (body != null) {
      buffer.write(write(body).getBytes(StandardCharsets.UTF_8));
      headers.add("Content-Type", "application/json");
    }
    return crud.dispatch(new RecordedRequest("HTTP/1.1", method, path, headers.build(), buffer));
  }

  static String body(MockResponse response) {
    Buffer b = response.getBody();
    return b == null ? "" : new String(b.getBytes(), StandardCharsets.UTF_8);
  }

  static JsonNode read(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw ApiError.badRequest(
          "the body of the request could not be decoded: " + e.getOriginalMessage());
    }
  }

  static String write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  void shutdown() {
    crud.shutdown();
  }
}
