package dev.switchboard.binding;

import dev.switchboard.api.v1alpha1.BoundConnection;
import dev.switchboard.kube.WriteRejection;
import java.time.Duration;

/**
 * What one reconcile of a binding decided, from which its status is built.
 *
 * @param reason the Ready reason: {@code Ready} or one of the failure reasons (README,
 *     Troubleshooting)
 * @param secretPresent whether the binding's Secret exists (it may hold last good data while Ready
 *     is False)
 */
public record BindingOutcome(
    String reason,
    String message,
    boolean secretPresent,
    String secretName,
    BoundConnection connection,
    String dataHash,
    String provisionedUser,
    Duration recheckAfter) {

  public static final String READY = "Ready";
  public static final String NOT_PERMITTED = "NotPermitted";
  public static final String CREDENTIALS_UNAVAILABLE = "CredentialsUnavailable";
  public static final String SECRET_CONFLICT = "SecretConflict";
  public static final String INVALID_SPEC = "InvalidSpec";

  /**
   * The binding's own user could not be made or changed at the data source; the last good Secret
   * stays.
   */
  public static final String PROVISIONING_FAILED = "ProvisioningFailed";

  /**
   * The binding's user could not be dropped yet (the data source is unreachable, say); tried again
   * with backoff.
   */
  public static final String CLEANUP_PENDING = "CleanupPending";

  /** The API server refused a write for good (RBAC, an admission policy or webhook, validation). */
  public static final String WRITE_REJECTED = WriteRejection.REASON;

  /**
   * Not a status reason: the Connection has not been evaluated yet, so nothing is decided and
   * nothing written.
   */
  static final String WAITING_FOR_CONNECTION = "WaitingForConnection";

  /**
   * Not a status reason: the binding's namespace is being deleted, so what it lacks cannot be
   * created there and nothing is written; the namespace's deletion takes the binding.
   */
  static final String NAMESPACE_TERMINATING = "NamespaceTerminating";

  /**
   * Not a status reason: the binding is gone at the API server though still cached; nothing of it
   * is created again.
   */
  static final String GONE = "Gone";

  public BindingOutcome(
      String reason,
      String message,
      boolean secretPresent,
      String secretName,
      BoundConnection connection,
      String dataHash) {
    this(reason, message, secretPresent, secretName, connection, dataHash, null, null);
  }

  /** The same outcome for a binding that holds a user of its own at the data source. */
  public BindingOutcome withProvisionedUser(String user, Duration recheck) {
    return new BindingOutcome(
        reason, message, secretPresent, secretName, connection, dataHash, user, recheck);
  }

  /** The Connection's first status is not there yet: its arrival brings the binding back. */
  public static BindingOutcome waitingForConnection(String secretName) {
    return new BindingOutcome(WAITING_FOR_CONNECTION, null, false, secretName, null, null);
  }

  /** The binding's namespace is being deleted: nothing is created, reported or retried. */
  public static BindingOutcome namespaceTerminating(String secretName) {
    return new BindingOutcome(NAMESPACE_TERMINATING, null, false, secretName, null, null);
  }

  /** The binding no longer exists at the API server: nothing is created, reported or retried. */
  public static BindingOutcome gone(String secretName) {
    return new BindingOutcome(GONE, null, false, secretName, null, null);
  }

  public boolean waiting() {
    return WAITING_FOR_CONNECTION.equals(reason);
  }

  /** Nothing is decided: the status stays as it is and no Event is recorded. */
  public boolean writesNothing() {
    return waiting() || NAMESPACE_TERMINATING.equals(reason) || GONE.equals(reason);
  }

  public boolean ready() {
    return READY.equals(reason);
  }
}
