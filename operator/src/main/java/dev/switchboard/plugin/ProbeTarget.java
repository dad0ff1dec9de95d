package dev.switchboard.plugin;

import java.time.Duration;

/** Everything one test needs: where, as whom, how securely and how long it may take. */
public record ProbeTarget(
    Endpoint endpoint, Credentials credentials, TlsSettings tls, Duration timeout) {

  public String address() {
    return endpoint.host() + ":" + endpoint.port();
  }

  /**
   * The same target without a database: for work on server-wide objects such as users, which must
   * not depend on the account's access to one database.
   */
  public ProbeTarget withoutDatabase() {
    var e = endpoint;
    return new ProbeTarget(
        new Endpoint(e.type(), e.host(), e.port(), null, e.url(), e.parameters(), e.tls()),
        credentials,
        tls,
        timeout);
  }

  public int timeoutMillis() {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
  }

  /** Whole seconds, rounded up, for drivers that only take seconds. */
  public int timeoutSeconds() {
    return (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
  }
}
