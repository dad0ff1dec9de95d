package dev.switchboard.testing.provision;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What the SQL sources share: a login, a read the role grants and one it does not, sessions as JDBC
 * connections.
 */
abstract class SqlSource implements ProvisioningSource {
  private final String grantedQuery;
  private final String ungrantedQuery;

  /**
   * @param grantedQuery a query the role grants; {@code ungrantedQuery} one it does not
   */
  SqlSource(String grantedQuery, String ungrantedQuery) {
    this.grantedQuery = grantedQuery;
    this.ungrantedQuery = ungrantedQuery;
  }

  /** A session of that user, as a workload would open one. */
  protected abstract Connection login(String user, String password) throws SQLException;

  /** Whether the server's answer says "not allowed" (rather than, say, a failed login). */
  protected abstract boolean isPermissionDenied(SQLException e);

  @Override
  public boolean readsGranted(String user, String password) {
    try (Connection c = login(user, password);
        Statement st = c.createStatement()) {
      st.executeQuery(grantedQuery).close();
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  @Override
  public boolean refusedUngranted(String user, String password) {
    try (Connection c = login(user, password);
        Statement st = c.createStatement()) {
      st.executeQuery(ungrantedQuery).close();
      return false;
    } catch (SQLException e) {
      return isPermissionDenied(e);
    }
  }

  @Override
  public Session openSession(String user, String password) throws SQLException {
    Connection c = login(user, password);
    return new Session() {
      @Override
      public boolean alive() {
        try (Statement st = c.createStatement()) {
          st.executeQuery("SELECT 1").close();
          return true;
        } catch (SQLException e) {
          return false;
        }
      }

      @Override
      public void close() {
        try {
          c.close();
        } catch (SQLException ignored) {
          // Already ended by the server.
        }
      }
    };
  }
}
