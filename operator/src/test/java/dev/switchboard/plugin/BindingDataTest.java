package dev.switchboard.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.v1alpha1.ConnectionSpec;
import dev.switchboard.api.v1alpha1.ConnectionTls;
import dev.switchboard.testing.Fixtures;
import dev.switchboard.testing.UnitTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The keys each type puts into the bound Secret: what Spring Cloud Bindings and Quarkus read. */
@UnitTest
class BindingDataTest {
  private final PluginRegistry plugins = PluginRegistry.builtIn();
  private final Credentials creds = new Credentials("app", "p@ss word", Map.of());

  private Map<String, String> data(ConnectionSpec spec, Credentials credentials) {
    ConnectionPlugin plugin = plugins.find(spec.getType()).orElseThrow();
    return plugin.bindingData(Endpoint.of(spec, plugin), credentials);
  }

  private static ConnectionSpec spec(String type, String host, Integer port, String database) {
    return Fixtures.spec(type, host, port, database);
  }

  @Test
  void postgresqlHasJdbcUrlAndEncodedUri() {
    var s = spec("postgresql", "db.internal", null, "orders");
    s.setParameters(Map.of("sslmode", "verify-full", "options", "-c search_path=app"));
    assertThat(data(s, creds))
        .containsExactlyInAnyOrderEntriesOf(
            Map.ofEntries(
                Map.entry("type", "postgresql"),
                Map.entry("provider", "switchboard"),
                Map.entry("host", "db.internal"),
                Map.entry("port", "5432"),
                Map.entry("database", "orders"),
                Map.entry("username", "app"),
                Map.entry("password", "p@ss word"),
                Map.entry("sslmode", "verify-full"),
                Map.entry("options", "-c search_path=app"),
                Map.entry("uri", "postgresql://app:p%40ss%20word@db.internal:5432/orders"),
                Map.entry(
                    "jdbc-url", "jdbc:postgresql://db.internal:5432/orders?sslmode=verify-full")));
  }

  @Test
  void postgresqlWithTlsAndNoSslmodeRequiresTls() {
    var s = spec("postgresql", "db", 6543, "x");
    var tls = new ConnectionTls();
    tls.setEnabled(true);
    s.setTls(tls);
    assertThat(data(s, creds))
        .containsEntry("sslmode", "require")
        .containsEntry("port", "6543")
        .containsEntry("jdbc-url", "jdbc:postgresql://db:6543/x?sslmode=require");
  }

  @Test
  void mysqlAndMariadbUseTheirOwnJdbcSchemes() {
    assertThat(data(spec("mysql", "my", null, "shop"), creds))
        .containsEntry("type", "mysql")
        .containsEntry("port", "3306")
        .containsEntry("jdbc-url", "jdbc:mysql://my:3306/shop")
        .containsEntry("uri", "mysql://app:p%40ss%20word@my:3306/shop");
    assertThat(data(spec("mariadb", "maria", 3307, "shop"), creds))
        .as("consumers know MariaDB as Service Binding type mysql")
        .containsEntry("type", "mysql")
        .containsEntry("jdbc-url", "jdbc:mariadb://maria:3307/shop");
  }

  @Test
  void redisHasAUrlWithTheDatabaseNumber() {
    var noUser = new Credentials(null, "secret", Map.of());
    assertThat(data(spec("redis", "cache", null, "2"), noUser))
        .containsEntry("url", "redis://:secret@cache:6379/2")
        .containsEntry("uri", "redis://:secret@cache:6379/2")
        .containsEntry("database", "2")
        .doesNotContainKey("username")
        .doesNotContainKey("jdbc-url");
    var tls = spec("redis", "cache", 6380, null);
    tls.setTls(new ConnectionTls());
    tls.getTls().setEnabled(true);
    assertThat(data(tls, Credentials.NONE))
        .containsEntry("url", "rediss://cache:6380")
        .containsEntry("ssl", "true");
  }

  @Test
  void httpExposesTheUrlAndExtraCredentialKeys() {
    var s = spec("http", null, null, null);
    s.setUrl("https://api.example.com/v1/health");
    var token = new Credentials(null, null, Map.of("token", "t0k"));
    assertThat(data(s, token))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "type",
                "http",
                "provider",
                "switchboard",
                "host",
                "api.example.com",
                "port",
                "443",
                "uri",
                "https://api.example.com/v1/health",
                "url",
                "https://api.example.com/v1/health",
                "token",
                "t0k"));
  }

  @Test
  void tcpHasHostAndPort() {
    assertThat(data(spec("tcp", "mainframe", 3270, null), Credentials.NONE))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "type",
                "tcp",
                "provider",
                "switchboard",
                "host",
                "mainframe",
                "port",
                "3270",
                "uri",
                "tcp://mainframe:3270"));
  }

  @Test
  void parametersCannotOverrideTheKeysSwitchboardDefines() {
    var s = spec("postgresql", "real-host", null, "db");
    s.setParameters(Map.of("host", "evil", "password", "x", "type", "mysql"));
    assertThat(data(s, creds))
        .containsEntry("host", "real-host")
        .containsEntry("password", "p@ss word")
        .containsEntry("type", "postgresql");
  }

  @Test
  void credentialsNeverShowTheirValues() {
    var c = new Credentials("admin-user", "hunter2", Map.of("token", "tok-value"));
    assertThat(c.toString())
        .doesNotContain("admin-user")
        .doesNotContain("hunter2")
        .doesNotContain("tok-value");
  }

  @Test
  void rabbitmqHasAddressesItsVirtualHostAndAnAmqpUri() {
    var s = spec("rabbitmq", "mq-0", null, null);
    s.setParameters(
        Map.of("virtual-host", "orders/eu", "servers", "mq-0:5672,mq-1:5673,[fd00::1]"));
    assertThat(data(s, creds))
        .containsEntry("addresses", "mq-0:5672,mq-1:5673,[fd00::1]:5672")
        .containsEntry("virtual-host", "orders/eu")
        .containsEntry("uri", "amqp://app:p%40ss%20word@mq-0:5672/orders%2Feu")
        .doesNotContainKey("ssl");
    var tls = spec("rabbitmq", "mq-0", 5671, null);
    tls.setTls(new ConnectionTls());
    tls.getTls().setEnabled(true);
    assertThat(data(tls, creds))
        .containsEntry("virtual-host", "/")
        .containsEntry("ssl", "true")
        .containsEntry("uri", "amqps://app:p%40ss%20word@mq-0:5671/%2F")
        .containsEntry("addresses", "mq-0:5671");
  }

  @Test
  void natsHasOneUrlPerServerWithTheTokenOrTheUser() {
    var s = spec("nats", "n-0", null, null);
    s.setParameters(Map.of("servers", "n-0:4222,n-1:4223"));
    var token = new Credentials(null, null, Map.of("token", "t0k/en"));
    assertThat(data(s, token))
        .containsEntry("url", "nats://t0k%2Fen@n-0:4222,nats://t0k%2Fen@n-1:4223")
        .containsEntry("uri", "nats://t0k%2Fen@n-0:4222,nats://t0k%2Fen@n-1:4223")
        .containsEntry("token", "t0k/en");
    var tls = spec("nats", "n-0", null, null);
    tls.setTls(new ConnectionTls());
    tls.getTls().setEnabled(true);
    assertThat(data(tls, creds)).containsEntry("url", "tls://app:p%40ss%20word@n-0:4222");
  }

  @Test
  void mqttNamesTheBrokerAsClientsDoWithTheCredentialsAsKeys() {
    assertThat(data(spec("mqtt", "broker", null, null), creds))
        .containsEntry("uri", "tcp://broker:1883")
        .containsEntry("url", "tcp://broker:1883")
        .containsEntry("username", "app");
    var tls = spec("mqtt", "broker", 8883, null);
    tls.setTls(new ConnectionTls());
    tls.getTls().setEnabled(true);
    assertThat(data(tls, creds)).containsEntry("uri", "ssl://broker:8883");
  }

  @Test
  void ldapHasUrlsAndTheBaseAndLdapsOn636ByDefault() {
    var s = spec("ldap", "dir", null, null);
    s.setParameters(Map.of("base", "dc=example,dc=com"));
    assertThat(data(s, creds))
        .containsEntry("urls", "ldap://dir:389")
        .containsEntry("base", "dc=example,dc=com")
        .containsEntry("port", "389");
    var tls = spec("ldap", "dir", null, null);
    tls.setTls(new ConnectionTls());
    tls.getTls().setEnabled(true);
    assertThat(data(tls, creds))
        .containsEntry("urls", "ldaps://dir:636")
        .containsEntry("port", "636");
  }

  @Test
  void s3HasTheEndpointRegionBucketAndTheKeyUnderItsOwnNames() {
    var s = new ConnectionSpec();
    s.setType("s3");
    s.setUrl("https://store.example:9000");
    s.setParameters(Map.of("bucket", "archive"));
    var key = new Credentials("AKIAX", "s3cr3t", Map.of());
    assertThat(data(s, key))
        .containsEntry("endpoint", "https://store.example:9000")
        .containsEntry("region", "us-east-1")
        .containsEntry("bucket", "archive")
        .containsEntry("access-key-id", "AKIAX")
        .containsEntry("secret-access-key", "s3cr3t")
        .containsEntry("host", "store.example")
        .containsEntry("port", "9000");
  }

  @Test
  void kafkaHasTheBrokersUnderBothNamesAndTheSecuritySettingsTheFrameworksRead() {
    var s = spec("kafka", "k-0", null, null);
    s.setParameters(Map.of("servers", "k-0:9092,k-1:9092"));
    assertThat(data(s, creds))
        .containsEntry("bootstrap-servers", "k-0:9092,k-1:9092")
        .containsEntry("bootstrapServers", "k-0:9092,k-1:9092")
        .containsEntry("securityProtocol", "SASL_PLAINTEXT")
        .containsEntry("saslMechanism", "SCRAM-SHA-512")
        .containsEntry("user", "app");
    var tls = spec("kafka", "k-0", 9093, null);
    tls.setTls(new ConnectionTls());
    tls.getTls().setEnabled(true);
    assertThat(data(tls, Credentials.NONE))
        .containsEntry("securityProtocol", "SSL")
        .doesNotContainKey("saslMechanism")
        .containsEntry("bootstrap-servers", "k-0:9093");
  }
}
