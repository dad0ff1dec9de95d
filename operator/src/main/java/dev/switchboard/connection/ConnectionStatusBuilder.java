package dev.switchboard.connection;

import java.time.Clock;
import java.util.List;

import dev.switchboard.api.v1alpha1.Connection;
import dev.switchboard.api.v1alpha1.ConnectionStatus;
import dev.switchboard.support.ConditionSet;

/** Builds a Connection's status, every condition in one place. Pure apart from the clock. */
public class ConnectionStatusBuilder {
  public static final String CREDENTIALS_RESOLVED = "CredentialsResolved";
  public static final String TESTED = "Tested";
  public static final String READY = "Ready";
  public static final String INVALID_SPEC = "InvalidSpec";
  public static final String CREDENTIALS_UNAVAILABLE = "CredentialsUnavailable";
  public static final String IN_USE = "InUse";

  private final Clock clock;

  public ConnectionStatusBuilder(Clock clock) {
    this.clock = clock;
  }

  /**
   * @param problems spec problems; when not empty, nothing else was evaluated
   * @param credentials null when the spec is invalid
   */
  public ConnectionStatus build(Connection connection, List<String> problems, ResolvedCredentials credentials,
      BindingUsage usage) {
    var previous = connection.getStatus();
    Long generation = connection.getMetadata().getGeneration();
    var conditions = new ConditionSet(previous == null ? null : previous.getConditions(), generation, clock);
    if (!problems.isEmpty()) {
      String message = String.join("; ", problems);
      conditions.put(CREDENTIALS_RESOLVED, ConditionSet.UNKNOWN, INVALID_SPEC, message);
      conditions.put(TESTED, ConditionSet.UNKNOWN, INVALID_SPEC, message);
      conditions.put(READY, ConditionSet.FALSE, INVALID_SPEC, message);
    } else {
      conditions.put(CREDENTIALS_RESOLVED, credentials.resolved() ? ConditionSet.TRUE : ConditionSet.FALSE,
          credentials.reason(), credentials.message());
      if (testsDisabled(connection)) {
        conditions.put(TESTED, ConditionSet.FALSE, "Disabled", "Connection tests are disabled");
      } else {
        conditions.put(TESTED, ConditionSet.UNKNOWN, "NotYetTested", "The connection has not been tested yet");
      }
      if (isDeleting(connection) && usage.inUse()) {
        conditions.put(READY, ConditionSet.FALSE, IN_USE, inUseMessage(usage));
      } else if (credentials.resolved()) {
        conditions.put(READY, ConditionSet.TRUE, READY, "Credentials resolved");
      } else {
        conditions.put(READY, ConditionSet.FALSE, CREDENTIALS_UNAVAILABLE, credentials.message());
      }
    }
    var status = new ConnectionStatus();
    status.setObservedGeneration(generation);
    status.setConditions(conditions.toList());
    status.setLastTest(previous == null ? null : previous.getLastTest());
    status.setBindings(usage.summary());
    status.setDeniedBindings(usage.deniedListed());
    return status;
  }

  public static String inUseMessage(BindingUsage usage) {
    var listed = usage.permitted().stream().limit(10).toList();
    String more = usage.permitted().size() > listed.size()
        ? " and " + (usage.permitted().size() - listed.size()) + " more" : "";
    return "Deletion waits until no binding uses this Connection; in use by " + String.join(", ", listed) + more;
  }

  private static boolean testsDisabled(Connection connection) {
    var test = connection.getSpec().getTest();
    return test != null && Boolean.FALSE.equals(test.getEnabled());
  }

  private static boolean isDeleting(Connection connection) {
    return connection.getMetadata().getDeletionTimestamp() != null;
  }
}
