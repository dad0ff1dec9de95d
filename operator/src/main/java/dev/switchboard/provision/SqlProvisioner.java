package dev.switchboard.provision;

import dev.switchboard.api.v1alpha1.ConnectionProvisioning;
import dev.switchboard.plugin.ConnectionPlugin;
import java.util.List;

/**
 * What the SQL provisioners share: the type's plugin, through which they connect, and role names as
 * the spec.
 */
abstract class SqlProvisioner<P extends ConnectionPlugin> implements Provisioner {
  protected final P plugin;

  SqlProvisioner(P plugin) {
    this.plugin = plugin;
  }

  @Override
  public String type() {
    return plugin.type();
  }

  @Override
  public List<String> validate(ConnectionProvisioning provisioning) {
    return SqlNames.roleProblems(provisioning);
  }
}
