package dev.switchboard.kube;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names derived from a resource name that must fit a shorter limit (a label value's 63 characters,
 * a name's 253 with a suffix): the name itself when it fits, otherwise its start and a hash of the
 * whole, so that two long names that share a start still get different results.
 */
public final class ShortNames {
  private static final int HASH_LENGTH = 10;

  private ShortNames() {}

  /**
   * {@code name + suffix} when that fits in {@code max} characters, else the cut name, a hash, and
   * the suffix.
   */
  public static String fit(String name, int max, String suffix) {
    if (name.length() + suffix.length() <= max) {
      return name + suffix;
    }
    String start =
        name.substring(0, max - suffix.length() - HASH_LENGTH - 1).replaceAll("[^A-Za-z0-9]+$", "");
    return start + "-" + sha256Hex(name).substring(0, HASH_LENGTH) + suffix;
  }

  /** The SHA-256 of a text, in hex. */
  static String sha256Hex(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
