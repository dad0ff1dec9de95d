package dev.switchboard.testing;

import dev.switchboard.api.v1alpha1.ConnectionProvisioning;
import dev.switchboard.plugin.PostgresqlPlugin;
import dev.switchboard.plugin.ProbeTarget;
import dev.switchboard.provision.PostgresqlProvisioner;
import dev.switchboard.provision.Provisioner;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-binding users at the shared test database ({@link StandInPostgresql}'s address) kept in this
 * JVM, so that the apiserver tier exercises the binding's user lifecycle (finalizer, drop on
 * revocation and deletion) without a PostgreSQL; any other address gets the real provisioner. The
 * realserver tier checks the real users in pg_roles.
 */
public final class StandInPostgresqlUsers implements Provisioner {
  private final Provisioner real = new PostgresqlProvisioner(new PostgresqlPlugin());
  private final Map<String, String> passwords = new ConcurrentHashMap<>();

  @Override
  public String type() {
    return real.type();
  }

  @Override
  public ProbeTarget accountTarget(ProbeTarget connection) {
    return real.accountTarget(connection);
  }

  @Override
  public List<String> validate(ConnectionProvisioning provisioning) {
    return real.validate(provisioning);
  }

  @Override
  public void ensureUser(
      ProbeTarget source, String user, String password, ConnectionProvisioning provisioning)
      throws Exception {
    if (StandInPostgresql.SHARED_ADDRESS.equals(source.address())) {
      passwords.put(user, password);
    } else {
      real.ensureUser(source, user, password, provisioning);
    }
  }

  @Override
  public void dropUser(ProbeTarget source, String user) throws Exception {
    if (StandInPostgresql.SHARED_ADDRESS.equals(source.address())) {
      passwords.remove(user);
    } else {
      real.dropUser(source, user);
    }
  }
}
