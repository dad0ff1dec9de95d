package dev.switchboard.provision;

import dev.switchboard.plugin.ConnectionPlugin;
import dev.switchboard.plugin.ConnectionTester;
import dev.switchboard.plugin.ProbeTarget;
import dev.switchboard.plugin.Redactor;
import dev.switchboard.plugin.Throwables;
import java.sql.SQLException;
import java.util.Set;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Names why a provisioning step failed without the driver's words (which may quote statements and
 * so passwords): by SQLState, vendor code or Redis error code, else as a connection test would.
 */
final class ProvisioningErrors {
  /**
   * insufficient_privilege (PostgreSQL); access denied for an operation or a table (MySQL,
   * MariaDB).
   */
  private static final Set<String> PRIVILEGE_STATES = Set.of("42501");

  private static final Set<Integer> PRIVILEGE_CODES = Set.of(1044, 1142, 1227, 1410);

  /** undefined_object (PostgreSQL); unknown role (MySQL 3523, 3530; MariaDB 1959). */
  private static final Set<String> UNKNOWN_ROLE_STATES = Set.of("42704");

  private static final Set<Integer> UNKNOWN_ROLE_CODES = Set.of(1959, 3523, 3530);

  /** MySQL and MariaDB: access denied to the database named at login. */
  private static final int DATABASE_ACCESS_DENIED = 1044;

  private ProvisioningErrors() {}

  static ProvisioningException describe(
      String action, String user, ConnectionPlugin plugin, Throwable error, ProbeTarget target) {
    String why = null;
    for (Throwable t : Throwables.chain(error)) {
      if (t instanceof SQLException sql) {
        if (sql.getErrorCode() == DATABASE_ACCESS_DENIED && target.endpoint().database() != null) {
          why =
              "the Connection's account may not use database "
                  + target.endpoint().database()
                  + " (code 1044)";
        } else if (PRIVILEGE_STATES.contains(sql.getSQLState())
            || PRIVILEGE_CODES.contains(sql.getErrorCode())) {
          why =
              "the Connection's account lacks the privilege to manage users or grant the roles (SQLState "
                  + sql.getSQLState()
                  + ", code "
                  + sql.getErrorCode()
                  + ")";
        } else if (UNKNOWN_ROLE_STATES.contains(sql.getSQLState())
            || UNKNOWN_ROLE_CODES.contains(sql.getErrorCode())) {
          why =
              "a role named in spec.provisioning.roles does not exist (SQLState "
                  + sql.getSQLState()
                  + ", code "
                  + sql.getErrorCode()
                  + ")";
        }
      } else if (t instanceof JedisDataException redis
          && String.valueOf(redis.getMessage()).startsWith("NOPERM")) {
        why = "the Connection's account lacks the privilege to run ACL or CLIENT commands";
      } else if (t instanceof JedisDataException redis
          && String.valueOf(redis.getMessage()).startsWith("ERR")
          && String.valueOf(redis.getMessage()).contains("ACL")) {
        why = "the server refused the ACL rules in spec.provisioning.aclRules";
      }
      if (why != null) {
        break;
      }
    }
    if (why == null) {
      why = ConnectionTester.classify(plugin, error, target).message();
    }
    return new ProvisioningException(
        Redactor.redact(
            "Could not " + action + " user " + user + " at " + target.address() + ": " + why,
            target,
            user));
  }
}
