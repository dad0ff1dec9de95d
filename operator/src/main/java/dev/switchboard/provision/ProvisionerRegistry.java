package dev.switchboard.provision;

import dev.switchboard.plugin.MariadbPlugin;
import dev.switchboard.plugin.MysqlPlugin;
import dev.switchboard.plugin.PluginRegistry;
import dev.switchboard.plugin.PostgresqlPlugin;
import dev.switchboard.plugin.RedisPlugin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The types that can give each binding a user of its own. */
public class ProvisionerRegistry {
  private final Map<String, Provisioner> byType = new TreeMap<>();

  public ProvisionerRegistry(List<Provisioner> provisioners) {
    provisioners.forEach(p -> byType.put(p.type(), p));
  }

  /** A provisioner for each built-in type that has users, working through that type's plugin. */
  public static ProvisionerRegistry builtIn(PluginRegistry plugins) {
    return new ProvisionerRegistry(
        List.of(
            new PostgresqlProvisioner(plugin(plugins, "postgresql", PostgresqlPlugin.class)),
            new MysqlProvisioner(plugin(plugins, "mysql", MysqlPlugin.class)),
            new MariadbProvisioner(plugin(plugins, "mariadb", MariadbPlugin.class)),
            new RedisProvisioner(plugin(plugins, "redis", RedisPlugin.class))));
  }

  /** The same provisioners, with this one in place of the one of its type. */
  public ProvisionerRegistry with(Provisioner replacement) {
    List<Provisioner> provisioners = new ArrayList<>(byType.values());
    provisioners.removeIf(p -> p.type().equals(replacement.type()));
    provisioners.add(replacement);
    return new ProvisionerRegistry(provisioners);
  }

  public Optional<Provisioner> find(String type) {
    return Optional.ofNullable(type).map(byType::get);
  }

  public List<String> types() {
    return List.copyOf(byType.keySet());
  }

  private static <T> T plugin(PluginRegistry plugins, String type, Class<T> kind) {
    return plugins.find(type).filter(kind::isInstance).map(kind::cast).orElseThrow();
  }
}
