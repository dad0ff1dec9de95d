package dev.switchboard.plugin;

public class MariadbPlugin extends MysqlPlugin {
  @Override public String type() { return "mariadb"; }
  @Override protected String scheme() { return "mariadb"; }
}
