package dev.switchboard.credentials;

import dev.switchboard.api.v1alpha1.Connection;
import dev.switchboard.api.v1alpha1.ConnectionCredentials;
import dev.switchboard.plugin.ConnectionPlugin;
import dev.switchboard.plugin.Credentials;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the credentials a Connection points at and checks that the keys its plugin needs are there.
 */
public class CredentialsResolver {
  private final CredentialSecretSource secrets;

  public CredentialsResolver(CredentialSecretSource secrets) {
    this.secrets = secrets;
  }

  /**
   * Credentials and, when TLS names one, the CA certificate: all the secret material a Connection
   * needs.
   */
  public ResolvedCredentials resolve(Connection connection, ConnectionPlugin plugin) {
    ResolvedCredentials credentials = credentials(connection, plugin);
    var tls = connection.getSpec().getTls();
    if (!credentials.resolved()
        || tls == null
        || !Boolean.TRUE.equals(tls.getEnabled())
        || tls.getCaSecretRef() == null
        || tls.getCaSecretRef().getName() == null) {
      return credentials;
    }
    String namespace = connection.getMetadata().getNamespace();
    String name = tls.getCaSecretRef().getName();
    String key = tls.getCaSecretRef().getKey() == null ? "ca.crt" : tls.getCaSecretRef().getKey();
    Optional<Secret> ca = secrets.get(namespace, name);
    if (ca.isEmpty()) {
      return ResolvedCredentials.failed(
          ResolvedCredentials.SECRET_NOT_FOUND,
          "CA Secret " + namespace + "/" + name + " not found",
          credentials.secret());
    }
    String pem = decode(ca.get()).get(key);
    if (pem == null) {
      // The CA Secret is labelled like the credential Secret, so that its missing key is noticed
      // the moment it is added.
      return ResolvedCredentials.failed(
              ResolvedCredentials.MISSING_KEYS,
              "CA Secret " + namespace + "/" + name + " lacks key " + key,
              credentials.secret())
          .withCa(null, ca.get());
    }
    return credentials.withCa(pem, ca.get());
  }

  private ResolvedCredentials credentials(Connection connection, ConnectionPlugin plugin) {
    ConnectionCredentials ref = connection.getSpec().getCredentials();
    if (ref == null) {
      return ResolvedCredentials.ok(
          ResolvedCredentials.NOT_REQUIRED,
          "No credentials are configured",
          Credentials.NONE,
          null);
    }
    String namespace = connection.getMetadata().getNamespace();
    String secretName = ref.getSecretRef().getName();
    Optional<Secret> secret = secrets.get(namespace, secretName);
    if (secret.isEmpty()) {
      return ResolvedCredentials.failed(
          ResolvedCredentials.SECRET_NOT_FOUND,
          "Secret " + namespace + "/" + secretName + " not found",
          null);
    }
    Map<String, String> data = decode(secret.get());
    String usernameKey = ref.getUsernameKey() == null ? "username" : ref.getUsernameKey();
    String passwordKey = ref.getPasswordKey() == null ? "password" : ref.getPasswordKey();
    List<String> missing = new ArrayList<>();
    if (plugin.requiredCredentials().contains("username") && !data.containsKey(usernameKey)) {
      missing.add(usernameKey);
    }
    if (plugin.requiredCredentials().contains("password") && !data.containsKey(passwordKey)) {
      missing.add(passwordKey);
    }
    if (!missing.isEmpty()) {
      return ResolvedCredentials.failed(
          ResolvedCredentials.MISSING_KEYS,
          "Secret " + namespace + "/" + secretName + " lacks key(s) " + String.join(", ", missing),
          secret.get());
    }
    Map<String, String> extra = new HashMap<>(data);
    String username = extra.remove(usernameKey);
    String password = extra.remove(passwordKey);
    return ResolvedCredentials.ok(
        ResolvedCredentials.RESOLVED,
        "Credentials read from Secret " + namespace + "/" + secretName,
        new Credentials(username, password, extra),
        secret.get());
  }

  private static Map<String, String> decode(Secret secret) {
    Map<String, String> out = new HashMap<>();
    if (secret.getData() != null) {
      secret
          .getData()
          .forEach(
              (k, v) -> {
                try {
                  out.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException | NullPointerException e) {
                  // The decoder's message quotes the offending byte: never pass it on. The key
                  // counts as missing.
                }
              });
    }
    // stringData only survives on servers that do not convert it (e.g. test servers); data wins
    // where both exist.
    if (secret.getStringData() != null) {
      secret.getStringData().forEach(out::putIfAbsent);
    }
    return out;
  }
}
