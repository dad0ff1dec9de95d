package dev.switchboard.testing.provision;

import dev.switchboard.api.v1alpha1.ConnectionProvisioning;
import dev.switchboard.testing.PrivateRedis;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Redis with a provisioner that may run ACL and CLIENT commands (and everything else), and one that
 * may not.
 */
final class RedisSource implements ProvisioningSource {
  private final PrivateRedis server = new PrivateRedis("admin-Secret-7731");

  RedisSource() {
    setUp();
  }

  /** Redis keeps nothing on disk: the accounts are made again after each start. */
  private void setUp() {
    try (Jedis admin = admin()) {
      admin.aclSetUser("provisioner", "reset", "on", ">prov-Secret-7731", "~*", "&*", "+@all");
      admin.aclSetUser(
          "weak", "reset", "on", ">weak-Secret-7731", "~*", "+@all", "-@admin", "-acl", "-client");
      admin.set("orders:1", "one");
      admin.set("salaries:1", "secret");
    }
  }

  @Override
  public String type() {
    return "redis";
  }

  @Override
  public int port() {
    return server.port();
  }

  @Override
  public String database() {
    return null;
  }

  @Override
  public ConnectionProvisioning provisioning() {
    return ProvisioningSource.perBinding(null, "~orders:* +@read +ping");
  }

  @Override
  public boolean readsGranted(String user, String password) {
    try (Jedis j = login(user, password)) {
      return "one".equals(j.get("orders:1"));
    } catch (JedisException e) {
      return false;
    }
  }

  @Override
  public boolean refusedUngranted(String user, String password) {
    try (Jedis j = login(user, password)) {
      j.get("salaries:1");
      return false;
    } catch (JedisException e) {
      return String.valueOf(e.getMessage()).startsWith("NOPERM");
    }
  }

  @Override
  public Session openSession(String user, String password) {
    Jedis j = login(user, password);
    j.ping();
    return new Session() {
      @Override
      public boolean alive() {
        try {
          j.ping();
          return true;
        } catch (JedisException e) {
          return false;
        }
      }

      @Override
      public void close() {
        try {
          j.close();
        } catch (JedisException ignored) {
          // Already ended by the server.
        }
      }
    };
  }

  @Override
  public boolean userExists(String user) {
    try (Jedis admin = admin()) {
      return admin.aclGetUser(user) != null;
    }
  }

  @Override
  public void dropOutOfBand(String user) {
    try (Jedis admin = admin()) {
      admin.aclDelUser(user);
    }
  }

  @Override
  public void stop() {
    server.stop();
  }

  @Override
  public void start() {
    server.start();
    setUp();
  }

  @Override
  public void close() {
    server.close();
  }

  private Jedis admin() {
    return login("default", "admin-Secret-7731");
  }

  private Jedis login(String user, String password) {
    return new Jedis(
        new HostAndPort("127.0.0.1", server.port()),
        DefaultJedisClientConfig.builder()
            .user(user)
            .password(password)
            .connectionTimeoutMillis(5000)
            .socketTimeoutMillis(5000)
            .build());
  }
}
