package dev.switchboard.plugin;

/**
 * MySQL Connector/J against the machine's real MariaDB server (it speaks the MySQL protocol; there
 * is no MySQL server here): the same cases as {@link MariadbRealServerTest}.
 */
class MysqlRealServerTest extends MariadbRealServerTest {
  @Override
  String type() {
    return "mysql";
  }
}
