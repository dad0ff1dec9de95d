package dev.switchboard.plugin;

import java.util.Map;

/**
 * Credentials read from a Connection's Secret. {@link #toString()} never shows a value, so that a
 * stray log line or exception message cannot leak one.
 */
public final class Credentials {
  public static final Credentials NONE = new Credentials(null, null, Map.of());

  private final String username;
  private final String password;
  private final Map<String, String> extra;

  public Credentials(String username, String password, Map<String, String> extra) {
    this.username = username;
    this.password = password;
    this.extra = Map.copyOf(extra);
  }

  public String username() {
    return username;
  }

  public String password() {
    return password;
  }

  /**
   * Further keys of the Secret that a plugin may use (e.g. {@code token}), by their key in the
   * Secret.
   */
  public Map<String, String> extra() {
    return extra;
  }

  @Override
  public String toString() {
    return "Credentials[username="
        + (username == null ? "none" : "***")
        + ", password="
        + (password == null ? "none" : "***")
        + ", extra keys="
        + extra.keySet()
        + "]";
  }
}
