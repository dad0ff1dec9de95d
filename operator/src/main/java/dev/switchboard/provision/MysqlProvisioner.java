package dev.switchboard.provision;

import dev.switchboard.api.v1alpha1.ConnectionProvisioning;
import dev.switchboard.plugin.MysqlPlugin;
import dev.switchboard.plugin.ProbeTarget;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * MySQL users ({@code 'sb_…'@'%'}): {@code CREATE USER}, {@code GRANT} of the roles, the roles made
 * default, and on revocation {@code ACCOUNT LOCK}, {@code KILL} of its connections, {@code DROP
 * USER}. The server says whether it is MySQL or MariaDB, whose default-role statement differs; the
 * rest is common to both.
 */
public class MysqlProvisioner extends SqlProvisioner<MysqlPlugin> {
  public MysqlProvisioner(MysqlPlugin plugin) {
    super(plugin);
  }

  /** Users are server-wide: no database, which the account need not be allowed to use. */
  @Override
  public ProbeTarget accountTarget(ProbeTarget connection) {
    return connection.withoutDatabase();
  }

  @Override
  public void ensureUser(
      ProbeTarget source, String user, String password, ConnectionProvisioning provisioning)
      throws Exception {
    List<String> roles = SqlNames.roles(provisioning);
    try (Connection c = plugin.connect(accountTarget(source));
        Statement st = c.createStatement()) {
      st.setQueryTimeout(source.timeoutSeconds());
      String account = account(user);
      st.execute("CREATE USER IF NOT EXISTS " + account + " IDENTIFIED BY " + literal(password));
      st.execute(
          "ALTER USER " + account + " IDENTIFIED BY " + literal(password) + " ACCOUNT UNLOCK");
      for (String role : roles) {
        st.execute("GRANT " + identifier(role) + " TO " + account);
      }
      if (!roles.isEmpty()) {
        st.execute(
            isMariadb(c)
                // MariaDB has one default role per user: the first one listed.
                ? "SET DEFAULT ROLE " + identifier(roles.get(0)) + " FOR " + account
                : "SET DEFAULT ROLE ALL TO " + account);
      }
    }
  }

  @Override
  public void dropUser(ProbeTarget source, String user) throws Exception {
    try (Connection c = plugin.connect(accountTarget(source));
        Statement st = c.createStatement()) {
      st.setQueryTimeout(source.timeoutSeconds());
      if (!exists(c, user)) {
        return;
      }
      String account = account(user);
      // First no new logins, then no open sessions: a session started in between would outlive the
      // revocation.
      st.execute("ALTER USER " + account + " ACCOUNT LOCK");
      for (long id : sessions(c, user)) {
        try {
          st.execute("KILL CONNECTION " + id);
        } catch (SQLException ended) {
          // 1094 "Unknown thread id": the session ended by itself meanwhile.
          if (ended.getErrorCode() != 1094) {
            throw ended;
          }
        }
      }
      st.execute("DROP USER IF EXISTS " + account);
    }
  }

  private static boolean exists(Connection c, String user) throws SQLException {
    try (PreparedStatement q =
        c.prepareStatement("SELECT 1 FROM mysql.user WHERE User = ? AND Host = '%'")) {
      q.setString(1, user);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static List<Long> sessions(Connection c, String user) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement q =
        c.prepareStatement("SELECT ID FROM information_schema.PROCESSLIST WHERE USER = ?")) {
      q.setString(1, user);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
    }
    return ids;
  }

  private static boolean isMariadb(Connection c) throws SQLException {
    return c.getMetaData().getDatabaseProductVersion().contains("MariaDB");
  }

  static String account(String user) {
    return literal(user) + "@'%'";
  }

  /**
   * A string literal that reads the same whether or not the server treats backslashes as escapes:
   * only printable ASCII without a backslash is accepted, and quotes are doubled. User names and
   * passwords are made by Switchboard from a plain alphabet, so this never refuses one of them.
   */
  static String literal(String value) {
    for (char ch : value.toCharArray()) {
      if (ch < 0x20 || ch > 0x7e || ch == '\\') {
        throw new IllegalArgumentException("a value with characters that cannot be quoted safely");
      }
    }
    return "'" + value.replace("'", "''") + "'";
  }

  static String identifier(String name) {
    return "`" + name.replace("`", "``") + "`";
  }
}
