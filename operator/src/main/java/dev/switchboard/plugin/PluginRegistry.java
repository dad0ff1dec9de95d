package dev.switchboard.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The plugins the operator knows, by type id. */
public class PluginRegistry {
  private final Map<String, ConnectionPlugin> byType;

  public PluginRegistry(List<ConnectionPlugin> plugins) {
    this.byType =
        plugins.stream()
            .collect(Collectors.toUnmodifiableMap(ConnectionPlugin::type, Function.identity()));
  }

  public static PluginRegistry builtIn() {
    return new PluginRegistry(
        List.of(
            new PostgresqlPlugin(),
            new MysqlPlugin(),
            new MariadbPlugin(),
            new RedisPlugin(),
            new HttpPlugin(),
            new TcpPlugin(),
            new RabbitmqPlugin(),
            new NatsPlugin(),
            new MqttPlugin(),
            new LdapPlugin(),
            new S3Plugin(),
            new KafkaPlugin()));
  }

  /** The same plugins, with this one in place of the plugin of its type. */
  public PluginRegistry with(ConnectionPlugin replacement) {
    var plugins = new ArrayList<>(byType.values());
    plugins.removeIf(p -> p.type().equals(replacement.type()));
    plugins.add(replacement);
    return new PluginRegistry(plugins);
  }

  public Optional<ConnectionPlugin> find(String type) {
    return Optional.ofNullable(type).map(byType::get);
  }

  public List<String> types() {
    return byType.keySet().stream().sorted().toList();
  }
}
