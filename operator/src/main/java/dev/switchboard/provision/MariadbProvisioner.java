package dev.switchboard.provision;

import dev.switchboard.plugin.MariadbPlugin;

/** MariaDB users: the statements of {@link MysqlProvisioner}, through MariaDB Connector/J. */
public class MariadbProvisioner extends MysqlProvisioner {
  public MariadbProvisioner(MariadbPlugin plugin) {
    super(plugin);
  }
}
