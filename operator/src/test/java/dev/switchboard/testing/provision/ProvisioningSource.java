package dev.switchboard.testing.provision;

import dev.switchboard.api.v1alpha1.ConnectionProvisioning;
import java.util.List;

/**
 * A data source of the tests' own for per-binding users: a provisioner account with the least
 * privilege the docs name, an account without it, a role (or ACL rules) that grants one thing and
 * not another, and ways to look at users and sessions from outside the operator.
 */
public interface ProvisioningSource extends AutoCloseable {
  /**
   * The Connection types these tests run on; mysql runs against the MariaDB server (the MySQL
   * protocol).
   */
  List<String> TYPES = List.of("postgresql", "mysql", "mariadb", "redis");

  static ProvisioningSource start(String type) {
    return switch (type) {
      case "postgresql" -> new PostgresSource();
      case "mysql", "mariadb" -> new MariadbSource(type);
      case "redis" -> new RedisSource();
      default -> throw new IllegalArgumentException(type);
    };
  }

  String type();

  int port();

  /** spec.database of the Connection, or null. */
  String database();

  /** The account with the least privilege the docs name for this type; every source makes it. */
  default String provisionerUser() {
    return "provisioner";
  }

  default String provisionerPassword() {
    return "prov-Secret-7731";
  }

  /** An account that may log in and do nothing about users. */
  default String unprivilegedUser() {
    return "weak";
  }

  default String unprivilegedPassword() {
    return "weak-Secret-7731";
  }

  /** spec.provisioning in PerBinding mode with this source's role or ACL rules. */
  ConnectionProvisioning provisioning();

  /**
   * Logs in as the user and reads what its role grants; false when the login or the read is
   * refused.
   */
  boolean readsGranted(String user, String password);

  /** Logs in as the user and tries what its role does not grant; true when that is refused. */
  boolean refusedUngranted(String user, String password);

  /** An open session of the user, as a workload that read the password holds one. */
  Session openSession(String user, String password) throws Exception;

  boolean userExists(String user);

  /** Drops the user behind the operator's back, as a DBA might. */
  void dropOutOfBand(String user);

  void stop();

  void start();

  @Override
  void close();

  interface Session extends AutoCloseable {
    /** Whether the session still answers. */
    boolean alive();

    @Override
    void close();
  }

  /** The Connection's spec.provisioning for PerBinding mode. */
  static ConnectionProvisioning perBinding(List<String> roles, String aclRules) {
    var p = new ConnectionProvisioning();
    p.setMode(ConnectionProvisioning.PER_BINDING);
    p.setRoles(roles);
    p.setAclRules(aclRules);
    return p;
  }
}
