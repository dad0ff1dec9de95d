package dev.switchboard.provision;

import dev.switchboard.plugin.ConnectionPlugin;

/** A provisioner that connects through its type's plugin, and serves that plugin's type. */
abstract class PluginProvisioner<P extends ConnectionPlugin> implements Provisioner {
  protected final P plugin;

  PluginProvisioner(P plugin) {
    this.plugin = plugin;
  }

  @Override
  public String type() {
    return plugin.type();
  }
}
