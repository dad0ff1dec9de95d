package dev.switchboard.kube;

/** Text from a user's spec quoted in a status message: cut short, so status stays small. */
public final class UserText {
  private static final int MAX = 64;

  private UserText() {}

  public static String abbreviate(String s) {
    if (s == null) {
      return "";
    }
    return s.length() > MAX ? s.substring(0, MAX) + "…" : s;
  }
}
