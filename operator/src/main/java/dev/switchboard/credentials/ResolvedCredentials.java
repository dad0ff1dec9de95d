package dev.switchboard.credentials;

import dev.switchboard.api.v1alpha1.ConnectionSpec;
import dev.switchboard.plugin.ConnectionPlugin;
import dev.switchboard.plugin.Credentials;
import dev.switchboard.plugin.Endpoint;
import dev.switchboard.plugin.HostAliases;
import dev.switchboard.plugin.ProbeTarget;
import dev.switchboard.plugin.TlsSettings;
import dev.switchboard.support.DataHash;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of reading a Connection's credentials. {@code reason} is the CredentialsResolved
 * condition's reason; the message names Secrets and keys, never values.
 */
public record ResolvedCredentials(
    boolean resolved,
    String reason,
    String message,
    Credentials credentials,
    Secret secret,
    String caPem,
    Secret caSecret) {

  public static final String RESOLVED = "Resolved";
  public static final String NOT_REQUIRED = "NotRequired";
  public static final String SECRET_NOT_FOUND = "SecretNotFound";
  public static final String MISSING_KEYS = "MissingKeys";

  public static ResolvedCredentials ok(
      String reason, String message, Credentials credentials, Secret secret) {
    return new ResolvedCredentials(true, reason, message, credentials, secret, null, null);
  }

  public static ResolvedCredentials failed(String reason, String message, Secret secret) {
    return new ResolvedCredentials(false, reason, message, null, secret, null, null);
  }

  /**
   * Whether a Secret the Connection names does not exist. No watch sees it arrive: the operator
   * watches only labelled Secrets, and a Secret is labelled when a Connection first reads it.
   */
  public boolean secretMissing() {
    return SECRET_NOT_FOUND.equals(reason);
  }

  ResolvedCredentials withCa(String pem, Secret ca) {
    return new ResolvedCredentials(resolved, reason, message, credentials, secret, pem, ca);
  }

  /** Changes whenever what a test would use changes; held in memory only, never shown. */
  public String fingerprint(long generation) {
    Map<String, String> inputs = new TreeMap<>();
    inputs.put("generation", Long.toString(generation));
    if (credentials != null) {
      if (credentials.username() != null) {
        inputs.put("username", credentials.username());
      }
      if (credentials.password() != null) {
        inputs.put("password", credentials.password());
      }
      credentials.extra().forEach((k, v) -> inputs.put("extra." + k, v));
    }
    if (caPem != null) {
      inputs.put("ca", caPem);
    }
    return DataHash.of(inputs, "test-inputs");
  }

  /**
   * Stable per credential Secret and unknown to workspace users: the key of the bound data's hash.
   */
  public String hashKey() {
    return secret == null || secret.getMetadata().getUid() == null
        ? ""
        : secret.getMetadata().getUid();
  }

  /**
   * Where and as whom to connect for this Connection: its endpoint, these credentials, TLS as its
   * spec says with the resolved CA, and the given timeout, reached through the aliases. Tests and
   * provisioners connect alike.
   */
  public ProbeTarget target(
      ConnectionSpec spec, ConnectionPlugin plugin, Duration timeout, HostAliases aliases) {
    var tls =
        spec.getTls() == null || !Boolean.TRUE.equals(spec.getTls().getEnabled())
            ? TlsSettings.DISABLED
            : new TlsSettings(
                true, caPem(), Boolean.TRUE.equals(spec.getTls().getInsecureSkipVerify()));
    Endpoint endpoint = Endpoint.of(spec, plugin);
    return new ProbeTarget(endpoint.reachedThrough(aliases), credentials(), tls, timeout);
  }
}
