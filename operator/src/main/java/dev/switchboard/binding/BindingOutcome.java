package dev.switchboard.binding;

import dev.switchboard.api.v1alpha1.BoundConnection;
import dev.switchboard.kube.WriteRejection;
import java.time.Duration;

/**
 * What one reconcile (or deletion) of a binding decided. {@link Bound} and {@link Failed} are
 * reported the same way, whichever path made them: status, an Event on a change of reason, and when
 * to look again. {@link Waiting} reports nothing.
 */
public sealed interface BindingOutcome {
  String READY = "Ready";
  String NOT_PERMITTED = "NotPermitted";
  String CREDENTIALS_UNAVAILABLE = "CredentialsUnavailable";
  String SECRET_CONFLICT = "SecretConflict";
  String INVALID_SPEC = "InvalidSpec";

  /**
   * The binding's own user could not be made or changed at the data source; the last good Secret
   * stays.
   */
  String PROVISIONING_FAILED = "ProvisioningFailed";

  /**
   * The binding's user could not be dropped yet (the data source is unreachable, say); tried again
   * with backoff.
   */
  String CLEANUP_PENDING = "CleanupPending";

  /** The API server refused a write for good (RBAC, an admission policy or webhook, validation). */
  String WRITE_REJECTED = WriteRejection.REASON;

  /** The Ready reason this outcome stands for (for a {@link Waiting}, what it waits for). */
  String reason();

  /**
   * The bound Secret holds the Connection's data.
   *
   * @param provisionedUser the binding's own user at the data source, if it has one
   * @param recheckAfter when that user's password is due for rotation, if it is
   */
  record Bound(
      String secretName,
      BoundConnection connection,
      String dataHash,
      String provisionedUser,
      Duration recheckAfter)
      implements BindingOutcome {
    @Override
    public String reason() {
      return READY;
    }
  }

  /**
   * The binding cannot be bound as it should; what exists stays (the last good Secret keeps serving
   * the workload).
   *
   * @param reason one of the failure reasons (README, Troubleshooting)
   * @param secretPresent whether the binding's Secret exists (it may hold last good data)
   * @param provisionedUser a user of the binding's that still exists at the data source
   */
  record Failed(
      String reason,
      String message,
      boolean secretPresent,
      String secretName,
      BoundConnection connection,
      String dataHash,
      String provisionedUser)
      implements BindingOutcome {

    /** The same failure of a binding whose own user still exists at the data source. */
    public Failed holdingUser(String user) {
      return new Failed(reason, message, secretPresent, secretName, connection, dataHash, user);
    }
  }

  /**
   * Nothing is decided, so nothing is written and no Event recorded: what the binding waits for
   * brings it back, or it is going anyway.
   */
  record Waiting(Why why) implements BindingOutcome {
    @Override
    public String reason() {
      return why.name();
    }
  }

  enum Why {
    /** The Connection has not been evaluated yet: its first status brings the binding back. */
    CONNECTION_NOT_EVALUATED,
    /** The binding's namespace is being deleted and takes the binding with it. */
    NAMESPACE_TERMINATING,
    /** The binding is gone at the API server though still cached; nothing of it is made again. */
    GONE
  }
}
