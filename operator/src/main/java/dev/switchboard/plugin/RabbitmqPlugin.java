package dev.switchboard.plugin;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;
import dev.switchboard.api.v1alpha1.ConnectionSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** RabbitMQ over AMQP 0-9-1: connect to the virtual host and open a channel. */
public class RabbitmqPlugin implements ConnectionPlugin {
  static final String VIRTUAL_HOST = "virtual-host";

  @Override
  public String type() {
    return "rabbitmq";
  }

  @Override
  public int defaultPort() {
    return 5672;
  }

  @Override
  public int defaultPort(boolean tls) {
    return tls ? 5671 : 5672;
  }

  @Override
  public Set<String> requiredCredentials() {
    return Set.of("username", "password");
  }

  @Override
  public List<String> validate(ConnectionSpec spec) {
    return Servers.problems(Endpoint.of(spec, this));
  }

  static String virtualHost(Endpoint endpoint) {
    return endpoint.parameters().getOrDefault(VIRTUAL_HOST, "/");
  }

  @Override
  public Map<String, String> bindingData(Endpoint endpoint, Credentials credentials) {
    String vhost = BindingData.encode(virtualHost(endpoint));
    return BindingData.common(endpoint, credentials)
        .put(VIRTUAL_HOST, virtualHost(endpoint))
        .put("addresses", Servers.joined(endpoint))
        .put("ssl", endpoint.tls() ? "true" : null)
        .put(
            "uri", BindingData.uri(endpoint.tls() ? "amqps" : "amqp", endpoint, credentials, vhost))
        .build();
  }

  @Override
  public String probe(ProbeTarget target) throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUsername(target.credentials().username());
    factory.setPassword(target.credentials().password());
    factory.setVirtualHost(virtualHost(target.endpoint()));
    factory.setConnectionTimeout(target.timeoutMillis());
    factory.setHandshakeTimeout(target.timeoutMillis());
    factory.setChannelRpcTimeout(target.timeoutMillis());
    factory.setShutdownTimeout(0);
    factory.setAutomaticRecoveryEnabled(false);
    factory.setTopologyRecoveryEnabled(false);
    TlsSettings tls = target.tls();
    if (tls.enabled()) {
      factory.useSslProtocol(tls.sslContext());
      if (!tls.insecureSkipVerify()) {
        factory.enableHostnameVerification();
      }
    }
    List<Address> addresses =
        Servers.of(target.endpoint()).stream().map(s -> new Address(s.host(), s.port())).toList();
    try (var connection = factory.newConnection(addresses, "switchboard-connection-test")) {
      connection.createChannel().close();
      Object version = connection.getServerProperties().get("version");
      return "RabbitMQ " + (version == null ? "(version unknown)" : version.toString());
    }
  }

  @Override
  public Optional<Failure> classify(Throwable error, ProbeTarget target) {
    String vhost = virtualHost(target.endpoint());
    for (Throwable t : Throwables.chain(error)) {
      if (t instanceof AuthenticationFailureException) {
        return Optional.of(
            new Failure(
                TestReason.AuthenticationFailed, target.address() + " rejected the credentials"));
      }
      if (t instanceof ShutdownSignalException shutdown && shutdown.getReason() != null) {
        // The broker's reply text names the vhost and the user; only its kind is used.
        String text = String.valueOf(shutdown.getMessage());
        if (text.contains("NOT_ALLOWED") && text.contains("not found")) {
          return Optional.of(
              new Failure(
                  TestReason.DatabaseNotFound, target.address() + " has no virtual host " + vhost));
        }
        if (text.contains("NOT_ALLOWED") || text.contains("ACCESS_REFUSED")) {
          return Optional.of(
              new Failure(
                  TestReason.PermissionDenied,
                  "The user may not use virtual host " + vhost + " on " + target.address()));
        }
        return Optional.of(
            new Failure(
                TestReason.UnexpectedResponse, target.address() + " closed the connection"));
      }
    }
    return Optional.empty();
  }
}
