package dev.switchboard.provision;

import dev.switchboard.api.v1alpha1.ConnectionProvisioning;
import dev.switchboard.plugin.PostgresqlPlugin;
import dev.switchboard.plugin.ProbeTarget;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.postgresql.PGConnection;

/**
 * PostgreSQL users: {@code CREATE ROLE … LOGIN IN ROLE …}, the password set as a SCRAM verifier
 * computed here (the plain password never reaches the server or its statement log), and on
 * revocation {@code NOLOGIN}, the user's sessions terminated, {@code DROP ROLE}.
 */
public class PostgresqlProvisioner extends SqlProvisioner<PostgresqlPlugin> {
  static final String APPLICATION_NAME = "switchboard-provisioner";

  public PostgresqlProvisioner(PostgresqlPlugin plugin) {
    super(plugin);
  }

  @Override
  public void ensureUser(
      ProbeTarget source, String user, String password, ConnectionProvisioning provisioning)
      throws Exception {
    try (Connection c = plugin.connect(source, APPLICATION_NAME);
        Statement st = c.createStatement()) {
      st.setQueryTimeout(source.timeoutSeconds());
      PGConnection pg = c.unwrap(PGConnection.class);
      List<String> wanted = SqlNames.roles(provisioning);
      if (!exists(c, user)) {
        StringBuilder create =
            new StringBuilder("CREATE ROLE ").append(pg.escapeIdentifier(user)).append(" LOGIN");
        if (!wanted.isEmpty()) {
          create.append(" IN ROLE ").append(identifiers(pg, wanted));
        }
        st.execute(create.toString());
      } else {
        st.execute("ALTER ROLE " + pg.escapeIdentifier(user) + " LOGIN");
        Set<String> held = memberships(c, user);
        List<String> missing = wanted.stream().filter(r -> !held.contains(r)).toList();
        List<String> extra = held.stream().filter(r -> !wanted.contains(r)).toList();
        if (!missing.isEmpty()) {
          st.execute("GRANT " + identifiers(pg, missing) + " TO " + pg.escapeIdentifier(user));
        }
        if (!extra.isEmpty()) {
          st.execute("REVOKE " + identifiers(pg, extra) + " FROM " + pg.escapeIdentifier(user));
        }
      }
      pg.alterUserPassword(user, password.toCharArray(), "scram-sha-256");
    }
  }

  @Override
  public void dropUser(ProbeTarget source, String user) throws Exception {
    try (Connection c = plugin.connect(source, APPLICATION_NAME);
        Statement st = c.createStatement()) {
      st.setQueryTimeout(source.timeoutSeconds());
      if (!exists(c, user)) {
        return;
      }
      PGConnection pg = c.unwrap(PGConnection.class);
      // First no new logins, then no open sessions: a session started in between would outlive the
      // revocation.
      st.execute("ALTER ROLE " + pg.escapeIdentifier(user) + " NOLOGIN");
      try (PreparedStatement kill =
          c.prepareStatement(
              "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = ?")) {
        kill.setString(1, user);
        kill.executeQuery().close();
      }
      st.execute("DROP ROLE " + pg.escapeIdentifier(user));
    }
  }

  private static boolean exists(Connection c, String user) throws SQLException {
    try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
      q.setString(1, user);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static Set<String> memberships(Connection c, String user) throws SQLException {
    Set<String> held = new TreeSet<>();
    try (PreparedStatement q =
        c.prepareStatement(
            "SELECT r.rolname FROM pg_auth_members m"
                + " JOIN pg_roles r ON r.oid = m.roleid JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = ?")) {
      q.setString(1, user);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          held.add(rs.getString(1));
        }
      }
    }
    return held;
  }

  private static String identifiers(PGConnection pg, List<String> names) throws SQLException {
    List<String> quoted = new ArrayList<>();
    for (String name : names) {
      quoted.add(pg.escapeIdentifier(name));
    }
    return String.join(", ", quoted);
  }
}
