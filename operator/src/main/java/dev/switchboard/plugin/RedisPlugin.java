package dev.switchboard.plugin;

import dev.switchboard.api.v1alpha1.ConnectionSpec;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLParameters;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisDataException;

public class RedisPlugin implements ConnectionPlugin {
  @Override
  public String type() {
    return "redis";
  }

  @Override
  public int defaultPort() {
    return 6379;
  }

  @Override
  public Set<String> requiredCredentials() {
    return Set.of();
  }

  @Override
  public List<String> validate(ConnectionSpec spec) {
    if (spec.getDatabase() != null && !spec.getDatabase().matches("[0-9]{1,5}")) {
      return List.of("spec.database must be a Redis database number for type redis");
    }
    return List.of();
  }

  @Override
  public Map<String, String> bindingData(Endpoint endpoint, Credentials credentials) {
    String url =
        BindingData.uri(
            endpoint.tls() ? "rediss" : "redis", endpoint, credentials, endpoint.database());
    return BindingData.common(endpoint, credentials)
        .put("ssl", endpoint.tls() ? "true" : null)
        .put("uri", url)
        .put("url", url)
        .build();
  }

  @Override
  public String probe(ProbeTarget target) throws Exception {
    try (Jedis jedis = connect(target)) {
      jedis.ping();
      return "Redis " + version(jedis.info("server"));
    }
  }

  /**
   * A client with the target's credentials, TLS and timeouts; the provisioner works through one
   * too.
   */
  public Jedis connect(ProbeTarget target) throws GeneralSecurityException {
    var config =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(target.timeoutMillis())
            .socketTimeoutMillis(target.timeoutMillis())
            .clientSetInfoConfig(ClientSetInfoConfig.DISABLED)
            .database(
                target.endpoint().database() == null
                    ? 0
                    : Integer.parseInt(target.endpoint().database()));
    if (target.credentials().username() != null) {
      config.user(target.credentials().username());
    }
    if (target.credentials().password() != null) {
      config.password(target.credentials().password());
    }
    TlsSettings tls = target.tls();
    if (tls.enabled()) {
      config.ssl(true).sslSocketFactory(tls.sslContext().getSocketFactory());
      if (!tls.insecureSkipVerify()) {
        SSLParameters params = new SSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        config.sslParameters(params);
      }
    }
    return new Jedis(
        new HostAndPort(target.endpoint().host(), target.endpoint().port()), config.build());
  }

  private static String version(String info) {
    return info.lines()
        .filter(l -> l.startsWith("redis_version:"))
        .map(l -> l.substring("redis_version:".length()))
        .map(String::trim)
        .findFirst()
        .orElse("(version unknown)");
  }

  @Override
  public Optional<Failure> classify(Throwable error, ProbeTarget target) {
    for (Throwable t : Throwables.chain(error)) {
      if (t instanceof JedisAccessControlException) {
        return Optional.of(
            new Failure(
                TestReason.AuthenticationFailed, target.address() + " rejected the credentials"));
      }
      if (t instanceof JedisDataException) {
        // Redis error replies start with a code word; only the code is used, the rest is not shown.
        String text = String.valueOf(t.getMessage());
        if (text.startsWith("NOAUTH")
            || text.startsWith("WRONGPASS")
            || text.contains(" AUTH ")
            || text.startsWith("ERR AUTH")) {
          return Optional.of(
              new Failure(
                  TestReason.AuthenticationFailed,
                  target.address() + " requires other credentials"));
        }
        if (text.startsWith("NOPERM")) {
          return Optional.of(
              new Failure(
                  TestReason.PermissionDenied,
                  "The user may not run PING or INFO on " + target.address()));
        }
        if (text.contains("DB index")) {
          return Optional.of(
              new Failure(
                  TestReason.DatabaseNotFound,
                  target.address() + " has no database " + target.endpoint().database()));
        }
        return Optional.of(
            new Failure(
                TestReason.UnexpectedResponse, target.address() + " answered with an error"));
      }
    }
    return Optional.empty();
  }
}
