package dev.switchboard.testing.provision;

import dev.switchboard.api.v1alpha1.ConnectionProvisioning;
import dev.switchboard.testing.PrivatePostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/** PostgreSQL with a provisioner that has CREATEROLE and pg_signal_backend, and nothing else. */
final class PostgresSource extends SqlSource {
  private final PrivatePostgres server = new PrivatePostgres("app-password-1");

  PostgresSource() {
    super("SELECT count(*) FROM orders", "SELECT count(*) FROM salaries");
    try (Connection c = server.superuser();
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE orders (id int)");
      st.execute("INSERT INTO orders VALUES (1)");
      st.execute("CREATE TABLE salaries (id int)");
      st.execute("CREATE ROLE orders_readonly NOLOGIN");
      st.execute("GRANT SELECT ON orders TO orders_readonly");
      st.execute("CREATE ROLE provisioner LOGIN CREATEROLE PASSWORD 'prov-Secret-7731'");
      st.execute("GRANT pg_signal_backend TO provisioner");
      st.execute("CREATE ROLE weak LOGIN PASSWORD 'weak-Secret-7731'");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String type() {
    return "postgresql";
  }

  @Override
  public int port() {
    return server.port();
  }

  @Override
  public String database() {
    return "postgres";
  }

  @Override
  public ConnectionProvisioning provisioning() {
    return ProvisioningSource.perBinding(List.of("orders_readonly"), null);
  }

  @Override
  protected boolean isPermissionDenied(SQLException e) {
    return "42501".equals(e.getSQLState());
  }

  @Override
  public boolean userExists(String user) {
    return SqlChecks.exists(server::superuser, "SELECT 1 FROM pg_roles WHERE rolname = ?", user);
  }

  @Override
  public void dropOutOfBand(String user) {
    SqlChecks.run(server::superuser, "DROP ROLE \"" + user + "\"");
  }

  @Override
  public void stop() {
    server.stop();
  }

  @Override
  public void start() {
    server.start();
  }

  @Override
  public void close() {
    server.close();
  }

  @Override
  protected Connection login(String user, String password) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", user);
    p.setProperty("password", password);
    p.setProperty("connectTimeout", "5");
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres", p);
  }
}
