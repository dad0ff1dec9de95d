package dev.switchboard.plugin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The last line of defence: removes every credential value from a text before it leaves the tester.
 * Messages are built from templates and should never hold one; this makes sure of it.
 */
public final class Redactor {
  private Redactor() {}

  public static String redact(String text, Credentials credentials) {
    if (text == null) {
      return null;
    }
    List<String> secrets = new ArrayList<>();
    if (credentials.password() != null) {
      secrets.add(credentials.password());
    }
    if (credentials.username() != null) {
      secrets.add(credentials.username());
    }
    secrets.addAll(credentials.extra().values());
    String out = text;
    // Longest first, so that a secret containing another is removed whole.
    for (String s :
        secrets.stream()
            .filter(s -> s.length() >= 2)
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList()) {
      out = out.replace(s, "***");
    }
    return out;
  }
}
