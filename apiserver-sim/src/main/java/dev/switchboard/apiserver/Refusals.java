package dev.switchboard.apiserver;

import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Requests the server refused for good (400, 403, 415, 422) or failed on (500), by caller: an
 * operator that meets one has a bug or a chart that lacks a rule. Conflicts (409) and not-found
 * answers (404) are part of normal operation and not kept.
 */
public final class Refusals {
  /** One refusal: who, what request, and the server's answer. */
  public record Refusal(String user, String request, int code, String message) {
    @Override
    public String toString() {
      return code + " " + request + ": " + message;
    }
  }

  private final Queue<Refusal> refusals = new ConcurrentLinkedQueue<>();

  void record(Caller caller, ApiError error, RecordedRequest request) {
    if (error.code() != 404 && error.code() != 409 && error.code() != 401) {
      refusals.add(
          new Refusal(
              caller.name(),
              request.getMethod() + " " + request.getPath(),
              error.code(),
              error.getMessage()));
    }
  }

  public List<Refusal> of(String user) {
    return refusals.stream().filter(r -> r.user().equals(user)).toList();
  }
}
