package dev.switchboard.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.ConnectionFactory;
import dev.switchboard.api.v1alpha1.ConnectionSpec;
import dev.switchboard.plugin.ConnectionPlugin;
import dev.switchboard.plugin.Credentials;
import dev.switchboard.plugin.Endpoint;
import dev.switchboard.plugin.PluginRegistry;
import dev.switchboard.testing.Fixtures;
import dev.switchboard.testing.LocalKafka;
import dev.switchboard.testing.LocalRabbitmq;
import dev.switchboard.testing.PrivateMariadb;
import dev.switchboard.testing.PrivatePostgres;
import dev.switchboard.testing.PrivateRedis;
import dev.switchboard.testing.PrivateSlapd;
import dev.switchboard.testing.RealServerTest;
import io.quarkus.jdbc.mariadb.runtime.MariaDBServiceBindingConverter;
import io.quarkus.jdbc.mysql.runtime.MySQLServiceBindingConverter;
import io.quarkus.jdbc.postgresql.runtime.PostgreSQLServiceBindingConverter;
import io.quarkus.kafka.client.runtime.KafkaBindingConverter;
import io.quarkus.kubernetes.service.binding.runtime.ServiceBinding;
import io.quarkus.kubernetes.service.binding.runtime.ServiceBindingConverter;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.naming.Context;
import javax.naming.directory.InitialDirContext;
import javax.naming.directory.SearchControls;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.cloud.bindings.Bindings;
import org.springframework.cloud.bindings.boot.BindingsPropertiesProcessor;
import org.springframework.cloud.bindings.boot.MySqlBindingsPropertiesProcessor;
import org.springframework.cloud.bindings.boot.PostgreSqlBindingsPropertiesProcessor;
import org.springframework.cloud.bindings.boot.RedisBindingsPropertiesProcessor;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * The bound Secret is right only if real frameworks read it. Its data is laid out as a projected
 * volume would ({@code $SERVICE_BINDING_ROOT/<name>/<key>}), handed to Spring Cloud Bindings' and
 * Quarkus' own code, and the settings they produce must open a real connection.
 */
@RealServerTest
class ServiceBindingConsumersRealServerTest {
  private static final String PASSWORD = "c0nsumer-P@ss w/ odd:chars";
  private static PrivatePostgres postgres;
  private static PrivateMariadb mariadb;
  private static PrivateRedis redis;
  private static LocalRabbitmq rabbitmq;
  private static PrivateSlapd slapd;
  private static LocalKafka kafka;

  @TempDir Path root;

  @BeforeAll
  static void start() {
    postgres = new PrivatePostgres(PASSWORD);
    mariadb = new PrivateMariadb(PASSWORD);
    redis = new PrivateRedis(PASSWORD);
    rabbitmq = new LocalRabbitmq(PASSWORD);
    slapd = new PrivateSlapd(PASSWORD);
    kafka = new LocalKafka(PASSWORD);
  }

  @AfterAll
  static void stop() {
    postgres.close();
    mariadb.close();
    redis.close();
    rabbitmq.close();
    slapd.close();
    kafka.close();
  }

  /** A framework reading a SQL binding, and the JDBC URL it must build. */
  enum SqlReader {
    SPRING_POSTGRESQL("orders", "postgresql", "jdbc:postgresql://"),
    SPRING_MYSQL("billing", "mysql", "jdbc:mysql://"),
    SPRING_MARIADB("catalog", "mariadb", "jdbc:mariadb://"),
    QUARKUS_POSTGRESQL("orders", "postgresql", "jdbc:postgresql://"),
    QUARKUS_MYSQL("billing", "mysql", "jdbc:mysql://"),
    QUARKUS_MARIADB("catalog", "mariadb", "jdbc:mariadb://");

    final String binding;
    final String type;
    final String urlPrefix;

    SqlReader(String binding, String type, String urlPrefix) {
      this.binding = binding;
      this.type = type;
      this.urlPrefix = urlPrefix;
    }

    boolean spring() {
      return name().startsWith("SPRING");
    }
  }

  /**
   * Spring Cloud Bindings and Quarkus each build a working JDBC connection, with the driver of the
   * type, from the bound data of every SQL type (mysql and mariadb against the MariaDB server).
   */
  @ParameterizedTest
  @EnumSource(SqlReader.class)
  void aFrameworkConnectsToASqlBinding(SqlReader reader) throws Exception {
    boolean postgresql = reader.type.equals("postgresql");
    project(
        reader.binding,
        bound(
            reader.type,
            postgresql ? postgres.port() : mariadb.port(),
            postgresql ? PrivatePostgres.DATABASE : PrivateMariadb.DATABASE,
            postgresql ? PrivatePostgres.USER : PrivateMariadb.USER));
    Map<String, Object> settings;
    String urlKey;
    if (reader.spring()) {
      settings =
          spring(
              postgresql
                  ? new PostgreSqlBindingsPropertiesProcessor()
                  : new MySqlBindingsPropertiesProcessor());
      urlKey = "spring.datasource.url";
    } else {
      ServiceBindingConverter converter =
          switch (reader.type) {
            case "postgresql" -> new PostgreSQLServiceBindingConverter();
            case "mysql" -> new MySQLServiceBindingConverter();
            default -> new MariaDBServiceBindingConverter();
          };
      settings = quarkus(converter, reader.binding);
      urlKey = "quarkus.datasource.jdbc.url";
    }
    assertThat((String) settings.get(urlKey)).startsWith(reader.urlPrefix);
    assertSelectOne(settings);
  }

  @Test
  void springCloudBindingsConnectsToRedisAndPings() throws Exception {
    // Spring ignores the username and needs a numeric database: use the default user and a database
    // number.
    project("sessions", bound("redis", redis.port(), "3", null));
    Map<String, Object> spring = spring(new RedisBindingsPropertiesProcessor());
    var config =
        DefaultJedisClientConfig.builder()
            .password((String) spring.get("spring.data.redis.password"))
            .database(Integer.parseInt((String) spring.get("spring.data.redis.database")))
            .build();
    try (Jedis jedis =
        new Jedis(
            new HostAndPort(
                (String) spring.get("spring.data.redis.host"),
                Integer.parseInt((String) spring.get("spring.data.redis.port"))),
            config)) {
      assertThat(jedis.ping()).isEqualTo("PONG");
    }
    try (Jedis viaUrl = new Jedis(URI.create((String) spring.get("spring.data.redis.url")))) {
      assertThat(viaUrl.ping()).as("the url key carries the credentials too").isEqualTo("PONG");
    }
  }

  @Test
  void springCloudBindingsConnectsToRabbitmqAndDeclaresAQueue() throws Exception {
    ConnectionSpec spec = Fixtures.spec("rabbitmq", "127.0.0.1", LocalRabbitmq.PORT, null);
    spec.setParameters(Map.of("virtual-host", rabbitmq.vhost));
    ConnectionPlugin plugin = PluginRegistry.builtIn().find("rabbitmq").orElseThrow();
    project(
        "events",
        plugin.bindingData(
            Endpoint.of(spec, plugin), new Credentials(rabbitmq.user, PASSWORD, Map.of())));
    Map<String, Object> spring = springBoot();

    var factory = new ConnectionFactory();
    factory.setUsername((String) spring.get("spring.rabbitmq.username"));
    factory.setPassword((String) spring.get("spring.rabbitmq.password"));
    factory.setVirtualHost((String) spring.get("spring.rabbitmq.virtual-host"));
    var addresses = Address.parseAddresses((String) spring.get("spring.rabbitmq.addresses"));
    try (var connection = factory.newConnection(addresses);
        var channel = connection.createChannel()) {
      String queue = channel.queueDeclare().getQueue();
      assertThat(queue).isNotBlank();
    }
    // The URI form carries the same: user, password and virtual host.
    var fromUri = new ConnectionFactory();
    fromUri.setUri(
        plugin
            .bindingData(
                Endpoint.of(spec, plugin), new Credentials(rabbitmq.user, PASSWORD, Map.of()))
            .get("uri"));
    try (var connection = fromUri.newConnection()) {
      assertThat(connection.isOpen()).isTrue();
    }
  }

  @Test
  void springCloudBindingsConnectsToLdapAndSearchesTheBase() throws Exception {
    ConnectionSpec spec = Fixtures.spec("ldap", "127.0.0.1", slapd.port(), null);
    spec.setParameters(Map.of("base", PrivateSlapd.SUFFIX));
    ConnectionPlugin plugin = PluginRegistry.builtIn().find("ldap").orElseThrow();
    project(
        "directory",
        plugin.bindingData(
            Endpoint.of(spec, plugin), new Credentials(PrivateSlapd.USER_DN, PASSWORD, Map.of())));
    Map<String, Object> spring = springBoot();

    var env = new Hashtable<String, Object>();
    env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
    env.put(Context.PROVIDER_URL, spring.get("spring.ldap.urls"));
    env.put(Context.SECURITY_PRINCIPAL, spring.get("spring.ldap.username"));
    env.put(Context.SECURITY_CREDENTIALS, spring.get("spring.ldap.password"));
    var context = new InitialDirContext(env);
    try {
      var controls = new SearchControls();
      controls.setSearchScope(SearchControls.SUBTREE_SCOPE);
      var found = context.search((String) spring.get("spring.ldap.base"), "(cn=app)", controls);
      assertThat(found.hasMore()).isTrue();
      assertThat(found.next().getNameInNamespace()).isEqualTo(PrivateSlapd.USER_DN);
    } finally {
      context.close();
    }
  }

  @Test
  void springCloudBindingsConnectsToKafkaAndARecordGoesThrough() throws Exception {
    // Spring Cloud Bindings maps the brokers only: the listener without SASL.
    project("events", bound("kafka", kafka.plainPort(), null, null));
    Map<String, Object> spring = springBoot();
    Properties client = new Properties();
    client.put("bootstrap.servers", spring.get("spring.kafka.bootstrap-servers"));
    assertARecordGoesThrough(client, "spring-events");
  }

  @Test
  void quarkusConnectsToKafkaWithScramAndARecordGoesThrough() throws Exception {
    ConnectionSpec spec = Fixtures.spec("kafka", "127.0.0.1", kafka.saslPort(), null);
    ConnectionPlugin plugin = PluginRegistry.builtIn().find("kafka").orElseThrow();
    project(
        "events",
        plugin.bindingData(
            Endpoint.of(spec, plugin), new Credentials(LocalKafka.SCRAM_USER, PASSWORD, Map.of())));
    var source =
        new KafkaBindingConverter()
            .convert(List.of(new ServiceBinding(root.resolve("events"))))
            .orElseThrow();
    Properties client = new Properties();
    source
        .getProperties()
        .forEach((key, value) -> client.put(key.replaceFirst("^kafka\\.", ""), value));
    assertThat(client)
        .containsEntry("security.protocol", "SASL_PLAINTEXT")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    assertARecordGoesThrough(client, "quarkus-events");
  }

  /** Produces one record to a new topic with these client settings and consumes it back. */
  private static void assertARecordGoesThrough(Properties client, String topic) throws Exception {
    Properties producer = new Properties();
    producer.putAll(client);
    producer.put("key.serializer", StringSerializer.class.getName());
    producer.put("value.serializer", StringSerializer.class.getName());
    try (var p = new KafkaProducer<String, String>(producer)) {
      p.send(new ProducerRecord<>(topic, "order-1", "placed")).get(30, TimeUnit.SECONDS);
    }
    Properties consumer = new Properties();
    consumer.putAll(client);
    consumer.put("group.id", topic + "-reader");
    consumer.put("auto.offset.reset", "earliest");
    consumer.put("key.deserializer", StringDeserializer.class.getName());
    consumer.put("value.deserializer", StringDeserializer.class.getName());
    try (var c = new KafkaConsumer<String, String>(consumer)) {
      c.subscribe(List.of(topic));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      List<String> values = new ArrayList<>();
      while (values.isEmpty() && System.nanoTime() < deadline) {
        c.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
      }
      assertThat(values).containsExactly("placed");
    }
  }

  private Map<String, String> bound(String type, int port, String database, String username) {
    ConnectionSpec spec = Fixtures.spec(type, "127.0.0.1", port, database);
    ConnectionPlugin plugin = PluginRegistry.builtIn().find(type).orElseThrow();
    return plugin.bindingData(
        Endpoint.of(spec, plugin), new Credentials(username, PASSWORD, Map.of()));
  }

  /** Writes the Secret's data as Kubernetes projects it: one file per key. */
  private void project(String name, Map<String, String> data) throws IOException {
    Path dir = Files.createDirectories(root.resolve(name));
    for (var e : data.entrySet()) {
      Files.writeString(dir.resolve(e.getKey()), e.getValue());
    }
  }

  private Map<String, Object> spring(BindingsPropertiesProcessor processor) {
    Map<String, Object> properties = new HashMap<>();
    processor.process(new StandardEnvironment(), new Bindings(root.toString()), properties);
    return properties;
  }

  /**
   * What a Spring Boot application gets: every processor Spring Cloud Bindings registers (some are
   * not public), run over the bindings, each contributing for the types it knows.
   */
  private Map<String, Object> springBoot() {
    Map<String, Object> properties = new HashMap<>();
    // Two processors (OAuth2, Vault) need spring-context, which these tests do not load: they are
    // left out.
    for (BindingsPropertiesProcessor processor :
        SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
            .load(BindingsPropertiesProcessor.class, null, (type, name, failure) -> {})) {
      processor.process(new StandardEnvironment(), new Bindings(root.toString()), properties);
    }
    return properties;
  }

  private Map<String, Object> quarkus(ServiceBindingConverter converter, String name) {
    var source = converter.convert(List.of(new ServiceBinding(root.resolve(name)))).orElseThrow();
    Map<String, Object> out = new HashMap<>(source.getProperties());
    out.put("spring.datasource.url", out.get("quarkus.datasource.jdbc.url"));
    out.put("spring.datasource.username", out.get("quarkus.datasource.username"));
    out.put("spring.datasource.password", out.get("quarkus.datasource.password"));
    return out;
  }

  private static void assertSelectOne(Map<String, Object> p) throws Exception {
    String url = (String) p.get("spring.datasource.url");
    assertThat(url).as("JDBC URL").isNotNull();
    try (Connection c =
            DriverManager.getConnection(
                url,
                (String) p.get("spring.datasource.username"),
                (String) p.get("spring.datasource.password"));
        ResultSet rs = c.createStatement().executeQuery("SELECT 1")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(1);
    }
  }
}
