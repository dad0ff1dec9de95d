package dev.switchboard.provision;

import dev.switchboard.api.v1alpha1.ConnectionProvisioning;
import dev.switchboard.plugin.ConnectionPlugin;
import java.util.List;

/** What the SQL provisioners share: role names, checked as plain identifiers. */
abstract class SqlProvisioner<P extends ConnectionPlugin> extends PluginProvisioner<P> {
  SqlProvisioner(P plugin) {
    super(plugin);
  }

  @Override
  public List<String> validate(ConnectionProvisioning provisioning) {
    return SqlNames.roleProblems(provisioning);
  }
}
