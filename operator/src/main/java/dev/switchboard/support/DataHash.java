package dev.switchboard.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A keyed hash (HMAC-SHA256) of the bound data. It is shown in status, which workspace members may
 * read even when they may not read the Secret: keying it with a value they cannot see stops them
 * from testing password guesses against it.
 */
public final class DataHash {
  private DataHash() {}

  public static String of(Map<String, String> data, String key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(
          new SecretKeySpec(("switchboard:" + key).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      new TreeMap<>(data)
          .forEach(
              (k, v) -> {
                mac.update(k.getBytes(StandardCharsets.UTF_8));
                mac.update((byte) 0);
                mac.update(v.getBytes(StandardCharsets.UTF_8));
                mac.update((byte) 0);
              });
      return "sha256:" + HexFormat.of().formatHex(mac.doFinal());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
