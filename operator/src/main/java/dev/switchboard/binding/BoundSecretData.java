package dev.switchboard.binding;

import dev.switchboard.provision.BindingUsers;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the operator's cache keeps of a bound Secret's data: a digest, enough to tell whether the
 * data is what it should be (a workspace member's edit included), in place of the data itself,
 * which the operator writes but never reads back. A Secret holding a per-binding user's password
 * keeps its data: the password lives nowhere else.
 */
final class BoundSecretData {
  /**
   * The data key the digest is kept under: a Secret's own keys may hold only letters, digits, '-',
   * '_' and '.', so no real key can be taken for it.
   */
  static final String DIGEST_KEY = "#sha256";

  private BoundSecretData() {}

  /** Trims a bound Secret as it enters the cache. */
  static Secret trim(Secret secret) {
    var annotations = secret.getMetadata().getAnnotations();
    boolean holdsUserPassword =
        annotations != null && annotations.containsKey(BindingUsers.PASSWORD_SET_AT_ANNOTATION);
    if (!holdsUserPassword && secret.getData() != null && !secret.getData().isEmpty()) {
      secret.setData(Map.of(DIGEST_KEY, digest(secret)));
    }
    return secret;
  }

  /** Whether two bound Secrets, trimmed or not, hold the same data. */
  static boolean sameData(Secret a, Secret b) {
    return Objects.equals(digest(a), digest(b));
  }

  private static String digest(Secret secret) {
    Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
    if (data.size() == 1 && data.containsKey(DIGEST_KEY)) {
      return data.get(DIGEST_KEY);
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      new TreeMap<>(data)
          .forEach(
              (k, v) -> {
                sha.update(k.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(String.valueOf(v).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
              });
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
