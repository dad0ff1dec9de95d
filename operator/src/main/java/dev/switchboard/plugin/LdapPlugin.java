package dev.switchboard.plugin;

import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.naming.AuthenticationException;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import javax.naming.NoPermissionException;
import javax.naming.directory.Attributes;
import javax.naming.directory.InitialDirContext;

/**
 * An LDAP directory: a simple bind as the credential's user (the bind DN), then read the root DSE
 * and the base.
 */
public class LdapPlugin implements ConnectionPlugin {
  static final String BASE = "base";

  @Override
  public String type() {
    return "ldap";
  }

  @Override
  public int defaultPort() {
    return 389;
  }

  @Override
  public int defaultPort(boolean tls) {
    return tls ? 636 : 389;
  }

  @Override
  public Set<String> requiredCredentials() {
    return Set.of();
  }

  private static String url(Endpoint endpoint, boolean tls) {
    return BindingData.uri(tls ? "ldaps" : "ldap", endpoint, Credentials.NONE, null);
  }

  @Override
  public Map<String, String> bindingData(Endpoint endpoint, Credentials credentials) {
    return BindingData.common(endpoint, credentials)
        .put("urls", url(endpoint, endpoint.tls()))
        .put("uri", url(endpoint, endpoint.tls()))
        .put(BASE, endpoint.parameters().get(BASE))
        .build();
  }

  @Override
  public String probe(ProbeTarget target) throws Exception {
    Hashtable<String, Object> env = new Hashtable<>();
    env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
    env.put(Context.PROVIDER_URL, url(target.endpoint(), target.tls().enabled()));
    env.put("com.sun.jndi.ldap.connect.timeout", String.valueOf(target.timeoutMillis()));
    env.put("com.sun.jndi.ldap.read.timeout", String.valueOf(target.timeoutMillis()));
    env.put("com.sun.jndi.ldap.connect.pool", "false");
    // Referrals would send the credentials to servers nobody configured.
    env.put(Context.REFERRAL, "ignore");
    Credentials credentials = target.credentials();
    if (credentials.username() != null) {
      env.put(Context.SECURITY_AUTHENTICATION, "simple");
      env.put(Context.SECURITY_PRINCIPAL, credentials.username());
      env.put(
          Context.SECURITY_CREDENTIALS,
          credentials.password() == null ? "" : credentials.password());
    } else {
      env.put(Context.SECURITY_AUTHENTICATION, "none");
    }
    if (target.tls().enabled()) {
      env.put("java.naming.ldap.factory.socket", LdapSocketFactory.class.getName());
    }
    InitialDirContext context =
        LdapSocketFactory.with(target.tls(), () -> new InitialDirContext(env));
    try {
      Attributes root =
          context.getAttributes("", new String[] {"supportedLDAPVersion", "vendorName"});
      String base = target.endpoint().parameters().get(BASE);
      if (base != null) {
        context.getAttributes(base, new String[] {"objectClass"});
      }
      Object vendor = root.get("vendorName") == null ? null : root.get("vendorName").get();
      Object version =
          root.get("supportedLDAPVersion") == null ? null : root.get("supportedLDAPVersion").get();
      return (vendor != null ? vendor + " " : "")
          + "LDAP"
          + (version != null ? "v" + version : "")
          + " directory";
    } finally {
      context.close();
    }
  }

  @Override
  public Optional<Failure> classify(Throwable error, ProbeTarget target) {
    for (Throwable t : Throwables.chain(error)) {
      if (t instanceof AuthenticationException) {
        return Optional.of(
            new Failure(TestReason.AuthenticationFailed, target.address() + " rejected the bind"));
      }
      if (t instanceof NameNotFoundException) {
        return Optional.of(
            new Failure(
                TestReason.DatabaseNotFound,
                target.address() + " has no entry " + target.endpoint().parameters().get(BASE)));
      }
      if (t instanceof NoPermissionException) {
        return Optional.of(
            new Failure(
                TestReason.PermissionDenied,
                "The bind DN may not read "
                    + target.endpoint().parameters().get(BASE)
                    + " on "
                    + target.address()));
      }
      if (t instanceof NamingException && String.valueOf(t.getMessage()).contains("timed out")) {
        return Optional.of(NetworkFailures.timeout(target));
      }
    }
    return Optional.empty();
  }
}
