package dev.switchboard.plugin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Everything behind an exception: its causes and what it suppressed (some clients hide the real
 * cause there).
 */
public final class Throwables {
  private Throwables() {}

  public static List<Throwable> chain(Throwable error) {
    List<Throwable> out = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    collect(error, out, seen);
    return out;
  }

  private static void collect(Throwable t, List<Throwable> out, Set<Throwable> seen) {
    if (t == null || !seen.add(t)) {
      return;
    }
    out.add(t);
    for (Throwable s : t.getSuppressed()) {
      collect(s, out, seen);
    }
    collect(t.getCause(), out, seen);
  }
}
