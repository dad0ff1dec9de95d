package dev.switchboard.provision;

import dev.switchboard.api.v1alpha1.Connection;
import dev.switchboard.api.v1alpha1.ConnectionProvisioning;
import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.credentials.ResolvedCredentials;
import dev.switchboard.kube.DurationParser;
import dev.switchboard.plugin.ConnectionPlugin;
import dev.switchboard.plugin.Credentials;
import dev.switchboard.plugin.HostAliases;
import dev.switchboard.plugin.ProbeTarget;
import dev.switchboard.plugin.TestSettings;
import dev.switchboard.support.DataHash;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The user each binding of a PerBinding Connection has at the data source: named from the binding's
 * UID, given a random password kept only in the bound Secret, checked again at the Connection's
 * test interval (a user dropped or altered out of band comes back), rotated on the interval or on
 * request, and dropped when access ends.
 */
public class BindingUsers {
  /** On a binding whose user may exist: its deletion waits until the user is dropped. */
  public static final String FINALIZER = "switchboard.dev/user-cleanup";

  /** On a binding, "true": give up dropping the user (the data source is gone for good, say). */
  public static final String SKIP_CLEANUP_ANNOTATION = "switchboard.dev/skip-cleanup";

  /** On a binding: a new value asks for a new password now. */
  public static final String ROTATE_REQUESTED_ANNOTATION = "switchboard.dev/rotate-requested";

  /** On the bound Secret: when its password was set at the data source. */
  public static final String PASSWORD_SET_AT_ANNOTATION = "switchboard.dev/password-set-at";

  /** On the bound Secret: the rotation request the password answers. */
  public static final String ROTATE_HANDLED_ANNOTATION = "switchboard.dev/rotate-handled";

  static final String PREFIX = "sb_";

  /** MySQL's limit on user names. */
  static final int MAX_NAME = 32;

  private static final int PASSWORD_LENGTH = 40;
  private static final char[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  private final SecureRandom random = new SecureRandom();
  private final Clock clock;
  private final Duration defaultCheckInterval;
  private final Duration defaultTimeout;

  /**
   * When each binding's user was last made right at the source, and for which inputs; by binding
   * UID.
   */
  private final Map<String, Checked> checked = new ConcurrentHashMap<>();

  private record Checked(String inputs, Instant at) {}

  /** What the bound Secret carries for a provisioned user, and when to look at the user again. */
  public record Grant(
      Credentials credentials, Map<String, String> secretAnnotations, Duration recheckAfter) {}

  private final HostAliases hostAliases;

  /**
   * @param hostAliases where the provisioner connects for the hosts Connections name
   */
  public BindingUsers(
      Clock clock,
      Duration defaultCheckInterval,
      Duration defaultTimeout,
      HostAliases hostAliases) {
    this.hostAliases = hostAliases;
    this.clock = clock;
    this.defaultCheckInterval = defaultCheckInterval;
    this.defaultTimeout = defaultTimeout;
  }

  /**
   * {@code sb_} and 29 hex digits of the SHA-256 of the binding's UID (MySQL allows 32 characters):
   * stable, unique in practice (116 bits), a plain identifier everywhere, and the same whatever
   * form the UID has.
   */
  public static String userName(WorkspaceBinding binding) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(binding.getMetadata().getUid().getBytes(StandardCharsets.UTF_8));
      return PREFIX + HexFormat.of().formatHex(digest).substring(0, MAX_NAME - PREFIX.length());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  public static boolean holdsUser(WorkspaceBinding binding) {
    return binding.getMetadata().getFinalizers() != null
        && binding.getMetadata().getFinalizers().contains(FINALIZER);
  }

  public static boolean skipsCleanup(WorkspaceBinding binding) {
    return binding.getMetadata().getAnnotations() != null
        && "true".equals(binding.getMetadata().getAnnotations().get(SKIP_CLEANUP_ANNOTATION));
  }

  /**
   * Where and as whom the provisioner works: the Connection's endpoint and credentials, its test
   * timeout.
   */
  public ProbeTarget source(
      Connection connection, ConnectionPlugin plugin, ResolvedCredentials credentials) {
    var spec = connection.getSpec();
    Duration timeout = TestSettings.of(spec, defaultCheckInterval, defaultTimeout).timeout();
    return credentials.target(spec, plugin, timeout, hostAliases);
  }

  /**
   * Makes the binding's user right at the source when it is new, due for a new password, or not
   * checked within the Connection's test interval; otherwise reuses what the bound Secret holds
   * without asking the source.
   *
   * @param previous the binding's own bound Secret, when it exists
   */
  public Grant ensure(
      WorkspaceBinding binding,
      Connection connection,
      ConnectionPlugin plugin,
      Provisioner provisioner,
      ProbeTarget source,
      Optional<Secret> previous)
      throws ProvisioningException {
    Instant now = clock.instant();
    String user = userName(binding);
    ConnectionProvisioning provisioning = connection.getSpec().getProvisioning();
    Map<String, String> previousAnnotations =
        previous.map(s -> s.getMetadata().getAnnotations()).orElse(Map.of());
    String previousPassword =
        previous
            .filter(s -> user.equals(decoded(s, "username")))
            .map(s -> decoded(s, "password"))
            .filter(p -> p != null && p.length() >= PASSWORD_LENGTH)
            .orElse(null);
    Instant setAt = parseInstant(previousAnnotations.get(PASSWORD_SET_AT_ANNOTATION));
    String requested = annotation(binding, ROTATE_REQUESTED_ANNOTATION);
    String handled = previousAnnotations.get(ROTATE_HANDLED_ANNOTATION);
    Optional<Duration> rotation = rotationInterval(provisioning);
    boolean rotationDue =
        rotation.isPresent() && (setAt == null || !now.isBefore(setAt.plus(rotation.get())));
    boolean rotationRequested = requested != null && !requested.equals(handled);

    String password = previousPassword;
    if (password == null || rotationDue || rotationRequested) {
      password = newPassword();
      setAt = now;
    }
    String inputs = DataHash.of(inputs(connection, user, password), binding.getMetadata().getUid());
    Duration interval =
        TestSettings.of(connection.getSpec(), defaultCheckInterval, defaultTimeout).interval();
    String uid = binding.getMetadata().getUid();
    Checked last = checked.get(uid);
    if (last == null || !last.inputs().equals(inputs) || !now.isBefore(last.at().plus(interval))) {
      try {
        provisioner.ensureUser(source, user, password, provisioning);
      } catch (Exception e) {
        checked.remove(uid);
        throw ProvisioningErrors.describe("create or update", user, plugin, e, source);
      }
      last = new Checked(inputs, now);
      checked.put(uid, last);
    }
    Map<String, String> annotations = new TreeMap<>();
    annotations.put(PASSWORD_SET_AT_ANNOTATION, (setAt == null ? now : setAt).toString());
    if (requested != null) {
      annotations.put(ROTATE_HANDLED_ANNOTATION, requested);
    }
    Duration recheck = Duration.between(now, last.at().plus(interval));
    if (rotation.isPresent()) {
      Duration untilRotation =
          Duration.between(now, (setAt == null ? now : setAt).plus(rotation.get()));
      recheck = untilRotation.compareTo(recheck) < 0 ? untilRotation : recheck;
    }
    if (recheck.isNegative() || recheck.isZero()) {
      recheck = Duration.ofSeconds(1);
    }
    return new Grant(new Credentials(user, password, Map.of()), annotations, recheck);
  }

  /** Drops the binding's user, ending its sessions; nothing to do when it is already gone. */
  public void drop(
      WorkspaceBinding binding,
      ConnectionPlugin plugin,
      Provisioner provisioner,
      ProbeTarget source)
      throws ProvisioningException {
    String user = userName(binding);
    try {
      provisioner.dropUser(source, user);
    } catch (Exception e) {
      throw ProvisioningErrors.describe("drop", user, plugin, e, source);
    } finally {
      checked.remove(binding.getMetadata().getUid());
    }
  }

  /** The binding is gone: nothing about it stays in memory. */
  public void forget(String bindingUid) {
    checked.remove(bindingUid);
  }

  private String newPassword() {
    char[] out = new char[PASSWORD_LENGTH];
    for (int i = 0; i < out.length; i++) {
      out[i] = ALPHABET[random.nextInt(ALPHABET.length)];
    }
    return new String(out);
  }

  /** Everything that, when it changes, means the user must be made right at the source again. */
  private static Map<String, String> inputs(Connection connection, String user, String password) {
    var spec = connection.getSpec();
    var p = spec.getProvisioning();
    Map<String, String> inputs = new TreeMap<>();
    inputs.put("connection", connection.getMetadata().getUid());
    inputs.put(
        "host", Objects.toString(spec.getHost()) + ":" + spec.getPort() + "/" + spec.getDatabase());
    inputs.put("user", user);
    inputs.put("password", password);
    inputs.put("roles", Objects.toString(p.getRoles()));
    inputs.put("aclRules", Objects.toString(p.getAclRules()));
    return inputs;
  }

  private static Optional<Duration> rotationInterval(ConnectionProvisioning provisioning) {
    if (provisioning.getPasswordRotation() == null) {
      return Optional.empty();
    }
    return DurationParser.parse(provisioning.getPasswordRotation().getInterval())
        .filter(d -> !d.isZero());
  }

  private static String annotation(WorkspaceBinding binding, String key) {
    return binding.getMetadata().getAnnotations() == null
        ? null
        : binding.getMetadata().getAnnotations().get(key);
  }

  private static String decoded(Secret secret, String key) {
    String value = secret.getData() == null ? null : secret.getData().get(key);
    return value == null
        ? null
        : new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
  }

  private static Instant parseInstant(String text) {
    try {
      return text == null ? null : Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
