package dev.switchboard.testing.provision;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** An administrator's look at a SQL server, from outside the operator. */
final class SqlChecks {
  private SqlChecks() {}

  interface Admin {
    Connection open() throws SQLException;
  }

  static boolean exists(Admin admin, String query, String parameter) {
    try (Connection c = admin.open();
        PreparedStatement q = c.prepareStatement(query)) {
      q.setString(1, parameter);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static void run(Admin admin, String statement) {
    try (Connection c = admin.open();
        Statement st = c.createStatement()) {
      st.execute(statement);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
