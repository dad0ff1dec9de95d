package dev.switchboard.runtime;

/**
 * Something that keeps the operator from starting and that the user fixes outside it (no cluster,
 * no CRDs, a busy port). Reported as one line that names the fix, never as a stack trace.
 */
public final class StartupProblem extends Exception {
  public StartupProblem(String message) {
    super(message, null, false, false);
  }
}
