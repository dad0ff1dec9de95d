package dev.switchboard.plugin;

/**
 * Thrown by a probe that reached the data source and judged its answer a failure (e.g. HTTP 503).
 */
public class ProbeFailure extends Exception {
  private final transient Failure failure;

  public ProbeFailure(Failure failure) {
    super(failure.reason() + ": " + failure.message(), null, false, false);
    this.failure = failure;
  }

  public Failure failure() {
    return failure;
  }
}
