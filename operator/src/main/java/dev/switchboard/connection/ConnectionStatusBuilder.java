package dev.switchboard.connection;

import dev.switchboard.api.v1alpha1.Connection;
import dev.switchboard.api.v1alpha1.ConnectionStatus;
import dev.switchboard.api.v1alpha1.LastTest;
import dev.switchboard.credentials.ResolvedCredentials;
import dev.switchboard.kube.ConditionSet;
import dev.switchboard.kube.WriteRejection;
import dev.switchboard.plugin.TestReason;
import dev.switchboard.plugin.TestSettings;
import java.time.Clock;
import java.util.List;

/** Builds a Connection's status, every condition in one place. Pure apart from the clock. */
public class ConnectionStatusBuilder {
  public static final String CREDENTIALS_RESOLVED = "CredentialsResolved";
  public static final String TESTED = "Tested";
  public static final String READY = "Ready";
  public static final String INVALID_SPEC = "InvalidSpec";
  public static final String CREDENTIALS_UNAVAILABLE = "CredentialsUnavailable";
  public static final String IN_USE = "InUse";
  public static final String NOT_YET_TESTED = "NotYetTested";

  private final Clock clock;

  public ConnectionStatusBuilder(Clock clock) {
    this.clock = clock;
  }

  /**
   * @param problems spec problems; when not empty, nothing else was evaluated
   * @param credentials null when the spec is invalid
   * @param tests null when the spec is invalid
   * @param lastTest the newest finished test, or null
   * @param rejected the API server's refusal of a write this Connection needs, or null
   */
  public ConnectionStatus build(
      Connection connection,
      List<String> problems,
      ResolvedCredentials credentials,
      TestSettings tests,
      LastTest lastTest,
      BindingUsage usage,
      String rejected) {
    var previous = connection.getStatus();
    Long generation = connection.getMetadata().getGeneration();
    var conditions =
        new ConditionSet(previous == null ? null : previous.getConditions(), generation, clock);
    if (!problems.isEmpty()) {
      String message = String.join("; ", problems);
      conditions.put(CREDENTIALS_RESOLVED, ConditionSet.UNKNOWN, INVALID_SPEC, message);
      conditions.put(TESTED, ConditionSet.UNKNOWN, INVALID_SPEC, message);
      conditions.put(READY, ConditionSet.FALSE, INVALID_SPEC, message);
    } else {
      conditions.put(
          CREDENTIALS_RESOLVED,
          credentials.resolved() ? ConditionSet.TRUE : ConditionSet.FALSE,
          credentials.reason(),
          credentials.message());
      putTested(conditions, tests, lastTest);
      putReady(conditions, connection, credentials, tests, lastTest, usage, rejected);
    }
    var status = new ConnectionStatus();
    status.setObservedGeneration(generation);
    status.setConditions(conditions.toList());
    status.setLastTest(lastTest);
    status.setBindings(usage.summary());
    status.setDeniedBindings(usage.deniedListed());
    return status;
  }

  private static void putTested(ConditionSet conditions, TestSettings tests, LastTest last) {
    if (!tests.enabled()) {
      conditions.put(
          TESTED, ConditionSet.FALSE, TestReason.Disabled.name(), "Connection tests are disabled");
    } else if (last == null) {
      conditions.put(
          TESTED, ConditionSet.UNKNOWN, NOT_YET_TESTED, "The connection has not been tested yet");
    } else if (succeeded(last)) {
      conditions.put(TESTED, ConditionSet.TRUE, TestReason.Succeeded.name(), last.getMessage());
    } else {
      conditions.put(TESTED, ConditionSet.FALSE, last.getReason(), last.getMessage());
    }
  }

  private static void putReady(
      ConditionSet conditions,
      Connection connection,
      ResolvedCredentials credentials,
      TestSettings tests,
      LastTest last,
      BindingUsage usage,
      String rejected) {
    if (connection.getMetadata().getDeletionTimestamp() != null && usage.inUse()) {
      conditions.put(READY, ConditionSet.FALSE, IN_USE, inUseMessage(usage));
    } else if (rejected != null) {
      conditions.put(READY, ConditionSet.FALSE, WriteRejection.REASON, rejected);
    } else if (!credentials.resolved()) {
      conditions.put(READY, ConditionSet.FALSE, CREDENTIALS_UNAVAILABLE, credentials.message());
    } else if (!tests.enabled()) {
      conditions.put(
          READY, ConditionSet.TRUE, READY, "Credentials resolved; connection tests are disabled");
    } else if (last == null) {
      conditions.put(
          READY, ConditionSet.UNKNOWN, NOT_YET_TESTED, "Waiting for the first connection test");
    } else if (succeeded(last)) {
      conditions.put(READY, ConditionSet.TRUE, READY, last.getMessage());
    } else {
      conditions.put(READY, ConditionSet.FALSE, last.getReason(), last.getMessage());
    }
  }

  private static boolean succeeded(LastTest last) {
    return TestReason.Succeeded.name().equals(last.getReason());
  }

  public static String inUseMessage(BindingUsage usage) {
    var listed = usage.permitted().stream().limit(10).toList();
    String more =
        usage.permitted().size() > listed.size()
            ? " and " + (usage.permitted().size() - listed.size()) + " more"
            : "";
    return "Deletion waits until no binding uses this Connection; in use by "
        + String.join(", ", listed)
        + more;
  }
}
