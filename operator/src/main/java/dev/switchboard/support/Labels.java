package dev.switchboard.support;

import dev.switchboard.kube.ShortNames;

/** Label and annotation keys that Switchboard writes or reads. */
public final class Labels {
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String MANAGED_BY_VALUE = "switchboard";
  public static final String MANAGED_SELECTOR = MANAGED_BY + "=" + MANAGED_BY_VALUE;
  public static final String BINDING = "switchboard.dev/binding";

  /**
   * Put on credential Secrets that a Connection references, so the operator watches only those
   * Secrets.
   */
  public static final String CREDENTIALS = "switchboard.dev/credentials";

  public static final String CREDENTIALS_SELECTOR = CREDENTIALS;
  public static final String DATA_HASH_ANNOTATION = "switchboard.dev/data-hash";
  public static final String TEST_REQUESTED_ANNOTATION = "switchboard.dev/test-requested";
  public static final String IN_USE_FINALIZER = "switchboard.dev/in-use-protection";

  /** A label value holds at most 63 characters; resource names hold up to 253. */
  static final int MAX_VALUE_LENGTH = 63;

  private Labels() {}

  /**
   * A resource name as a label value: itself when it fits, else shortened with a hash ({@link
   * ShortNames}).
   */
  public static String asLabelValue(String name) {
    return ShortNames.fit(name, MAX_VALUE_LENGTH, "");
  }
}
