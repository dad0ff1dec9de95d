package dev.switchboard.plugin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The last line of defence: removes every secret value (password, token, key) from a text before it
 * leaves the operator. Messages are built from templates and should never hold one; this makes sure
 * of it. It never alters what names the failure: the user name, and the names the caller keeps
 * (host, URL, database, namespaces), stay as they are even where a secret happens to occur inside
 * one, so that "Could not resolve host catalog-db.platform.svc" still names the host.
 */
public final class Redactor {
  static final String MASK = "***";

  private Redactor() {}

  /** Keeps the user name, the target's host, URL, database and address, and the names given. */
  public static String redact(String text, ProbeTarget target, String... names) {
    var endpoint = target.endpoint();
    return redact(
        text,
        target.credentials(),
        Stream.concat(
                Stream.of(endpoint.host(), endpoint.url(), endpoint.database(), target.address()),
                Stream.of(names))
            .filter(Objects::nonNull)
            .toList());
  }

  /** Keeps the user name. */
  public static String redact(String text, Credentials credentials) {
    return redact(text, credentials, List.of());
  }

  public static String redact(String text, Credentials credentials, Collection<String> names) {
    if (text == null) {
      return null;
    }
    List<String> secrets = new ArrayList<>();
    if (credentials.password() != null) {
      secrets.add(credentials.password());
    }
    secrets.addAll(credentials.extra().values());
    // Longest first, so that a secret containing another is removed whole.
    List<String> ordered =
        secrets.stream()
            .filter(s -> s != null && s.length() >= 2)
            .distinct()
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList();
    if (ordered.isEmpty()) {
      return text;
    }
    List<String> kept = new ArrayList<>(names);
    kept.add(credentials.username());
    boolean[] named = namedPositions(text, kept);
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      String found = secretAt(text, i, ordered, named);
      if (found != null) {
        out.append(MASK);
        i += found.length();
      } else {
        out.append(text.charAt(i++));
      }
    }
    return out.toString();
  }

  /** The secret that starts at {@code i} and is not wholly part of a kept name, if any. */
  private static String secretAt(String text, int i, List<String> secrets, boolean[] named) {
    for (String s : secrets) {
      if (text.startsWith(s, i) && !allNamed(named, i, i + s.length())) {
        return s;
      }
    }
    return null;
  }

  private static boolean[] namedPositions(String text, List<String> names) {
    boolean[] named = new boolean[text.length()];
    for (String name : names) {
      if (name == null || name.isEmpty()) {
        continue;
      }
      for (int at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
        for (int k = at; k < at + name.length(); k++) {
          named[k] = true;
        }
      }
    }
    return named;
  }

  private static boolean allNamed(boolean[] named, int from, int to) {
    for (int k = from; k < to; k++) {
      if (!named[k]) {
        return false;
      }
    }
    return true;
  }
}
