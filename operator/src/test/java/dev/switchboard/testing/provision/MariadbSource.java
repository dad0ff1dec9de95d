package dev.switchboard.testing.provision;

import dev.switchboard.api.v1alpha1.ConnectionProvisioning;
import dev.switchboard.testing.PrivateMariadb;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.mariadb.jdbc.Driver;

/**
 * MariaDB with a provisioner that may create users, see and end their sessions, grant one role and
 * set it as the default (MariaDB wants UPDATE on the mysql schema for that), and nothing else.
 */
final class MariadbSource extends SqlSource {
  private final String type;
  private final PrivateMariadb server = new PrivateMariadb("app-password-1");

  MariadbSource(String type) {
    super("SELECT count(*) FROM shop.orders", "SELECT count(*) FROM shop.salaries");
    this.type = type;
    try (Connection c = server.root();
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE shop");
      st.execute("CREATE TABLE shop.orders (id int)");
      st.execute("INSERT INTO shop.orders VALUES (1)");
      st.execute("CREATE TABLE shop.salaries (id int)");
      st.execute("CREATE ROLE orders_readonly");
      st.execute("GRANT SELECT ON shop.orders TO orders_readonly");
      st.execute("CREATE USER 'provisioner'@'%' IDENTIFIED BY 'prov-Secret-7731'");
      st.execute("GRANT CREATE USER, PROCESS, CONNECTION ADMIN ON *.* TO 'provisioner'@'%'");
      st.execute("GRANT SELECT, UPDATE ON mysql.* TO 'provisioner'@'%'");
      st.execute("GRANT orders_readonly TO 'provisioner'@'%' WITH ADMIN OPTION");
      st.execute("CREATE USER 'weak'@'%' IDENTIFIED BY 'weak-Secret-7731'");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String type() {
    return type;
  }

  @Override
  public int port() {
    return server.port();
  }

  /**
   * The Connection names the database its bindings use, as the docs' example does; the provisioner
   * holds no privilege on it.
   */
  @Override
  public String database() {
    return "shop";
  }

  @Override
  public ConnectionProvisioning provisioning() {
    return ProvisioningSource.perBinding(List.of("orders_readonly"), null);
  }

  @Override
  protected boolean isPermissionDenied(SQLException e) {
    return e.getErrorCode() == 1142;
  }

  @Override
  public boolean userExists(String user) {
    return SqlChecks.exists(server::root, "SELECT 1 FROM mysql.user WHERE User = ?", user);
  }

  @Override
  public void dropOutOfBand(String user) {
    SqlChecks.run(server::root, "DROP USER '" + user + "'@'%'");
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
    p.setProperty("connectTimeout", "5000");
    return new Driver().connect("jdbc:mariadb://127.0.0.1:" + server.port() + "/", p);
  }
}
