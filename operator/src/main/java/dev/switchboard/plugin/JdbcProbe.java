package dev.switchboard.plugin;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The JDBC part every SQL plugin shares: connect, {@code SELECT 1}, report the server, classify by
 * error code.
 */
public final class JdbcProbe {
  private JdbcProbe() {}

  /**
   * Uses the driver directly rather than DriverManager, so a URL can never reach another driver.
   */
  public static Connection connect(Driver driver, String url, Properties properties)
      throws SQLException {
    Connection c = driver.connect(url, properties);
    if (c == null) {
      throw new SQLException("The driver does not accept the URL", "08001");
    }
    return c;
  }

  /** Runs {@code SELECT 1} and names the server and its version. */
  public static String describe(Connection c, int timeoutSeconds) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.setQueryTimeout(timeoutSeconds);
      try (ResultSet rs = st.executeQuery("SELECT 1")) {
        rs.next();
      }
    }
    var meta = c.getMetaData();
    return meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
  }

  /**
   * User, password and the driver's connect and read timeouts in milliseconds (MySQL and MariaDB
   * drivers).
   */
  public static Properties withMillisTimeouts(ProbeTarget target) {
    Properties p = credentials(target.credentials());
    p.setProperty("connectTimeout", Integer.toString(target.timeoutMillis()));
    p.setProperty("socketTimeout", Integer.toString(target.timeoutMillis()));
    return p;
  }

  public static Properties credentials(Credentials credentials) {
    Properties p = new Properties();
    if (credentials.username() != null) {
      p.setProperty("user", credentials.username());
    }
    if (credentials.password() != null) {
      p.setProperty("password", credentials.password());
    }
    return p;
  }

  /**
   * Maps a SQL error, found along the cause chain, by SQLState or vendor code; the driver's message
   * is never used.
   *
   * @param byState reasons by SQLState (PostgreSQL names its errors that way)
   * @param byCode reasons by vendor error code (MySQL and MariaDB do)
   */
  public static Optional<Failure> classify(
      Throwable error,
      ProbeTarget target,
      Map<String, TestReason> byState,
      Map<Integer, TestReason> byCode) {
    for (Throwable t : Throwables.chain(error)) {
      if (t instanceof SQLException sql) {
        TestReason reason = sql.getSQLState() == null ? null : byState.get(sql.getSQLState());
        if (reason == null) {
          reason = byCode.get(sql.getErrorCode());
        }
        if (reason != null) {
          return Optional.of(new Failure(reason, message(reason, target)));
        }
      }
    }
    return Optional.empty();
  }

  private static String message(TestReason reason, ProbeTarget target) {
    String db =
        target.endpoint().database() == null
            ? "the default database"
            : "database " + target.endpoint().database();
    return switch (reason) {
      case AuthenticationFailed -> target.address() + " rejected the credentials";
      case DatabaseNotFound -> target.address() + " has no " + db;
      case PermissionDenied -> "The user may not connect to " + db + " on " + target.address();
      default -> target.address() + " failed the test (" + reason + ")";
    };
  }

  /** A last resort that keeps the driver's words out: SQLState and code are safe to show. */
  public static Optional<Failure> unexpected(Throwable error, ProbeTarget target) {
    for (Throwable t : Throwables.chain(error)) {
      if (t instanceof SQLException sql) {
        return Optional.of(
            new Failure(
                TestReason.UnexpectedResponse,
                target.address()
                    + " answered with an error (SQLState "
                    + sql.getSQLState()
                    + ", code "
                    + sql.getErrorCode()
                    + ")"));
      }
    }
    return Optional.empty();
  }
}
