package dev.switchboard.plugin;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** An MQTT broker: CONNECT (MQTT 3.1.1) and wait for its CONNACK. */
public class MqttPlugin implements ConnectionPlugin {
  @Override
  public String type() {
    return "mqtt";
  }

  @Override
  public int defaultPort() {
    return 1883;
  }

  @Override
  public int defaultPort(boolean tls) {
    return tls ? 8883 : 1883;
  }

  @Override
  public Set<String> requiredCredentials() {
    return Set.of();
  }

  /**
   * {@code tcp://host:port} or {@code ssl://host:port}, as MQTT clients name a broker; credentials
   * are keys.
   */
  private static String uri(Endpoint endpoint) {
    return uri(endpoint, endpoint.tls());
  }

  private static String uri(Endpoint endpoint, boolean tls) {
    return BindingData.uri(tls ? "ssl" : "tcp", endpoint, Credentials.NONE, null);
  }

  @Override
  public Map<String, String> bindingData(Endpoint endpoint, Credentials credentials) {
    return BindingData.common(endpoint, credentials)
        .put("uri", uri(endpoint))
        .put("url", uri(endpoint))
        .build();
  }

  @Override
  public String probe(ProbeTarget target) throws Exception {
    MqttConnectOptions options = new MqttConnectOptions();
    options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    options.setCleanSession(true);
    options.setAutomaticReconnect(false);
    // Whole seconds: the client counts its connect timeout in seconds.
    options.setConnectionTimeout(Math.max(1, (target.timeoutMillis() + 999) / 1000));
    if (target.credentials().username() != null) {
      options.setUserName(target.credentials().username());
    }
    if (target.credentials().password() != null) {
      options.setPassword(target.credentials().password().toCharArray());
    }
    TlsSettings tls = target.tls();
    if (tls.enabled()) {
      options.setSocketFactory(tls.sslContext().getSocketFactory());
      options.setHttpsHostnameVerificationEnabled(!tls.insecureSkipVerify());
    }
    String clientId = "switchboard-test-" + UUID.randomUUID().toString().substring(0, 8);
    try (MqttClient client =
        new MqttClient(uri(target.endpoint(), tls.enabled()), clientId, new MemoryPersistence())) {
      client.setTimeToWait(target.timeoutMillis());
      client.connect(options);
      client.disconnect(0);
      return "MQTT broker";
    }
  }

  @Override
  public Optional<Failure> classify(Throwable error, ProbeTarget target) {
    for (Throwable t : Throwables.chain(error)) {
      if (t instanceof MqttException e) {
        switch (e.getReasonCode()) {
          case MqttException.REASON_CODE_FAILED_AUTHENTICATION,
              MqttException.REASON_CODE_NOT_AUTHORIZED -> {
            return Optional.of(
                new Failure(
                    TestReason.AuthenticationFailed,
                    target.address()
                        + " refused the credentials (CONNACK "
                        + e.getReasonCode()
                        + ")"));
          }
          case MqttException.REASON_CODE_CLIENT_TIMEOUT -> {
            return Optional.of(NetworkFailures.timeout(target));
          }
          case MqttException.REASON_CODE_INVALID_PROTOCOL_VERSION,
              MqttException.REASON_CODE_INVALID_CLIENT_ID,
              MqttException.REASON_CODE_BROKER_UNAVAILABLE -> {
            return Optional.of(
                new Failure(
                    TestReason.UnexpectedResponse,
                    target.address()
                        + " refused the connection (CONNACK "
                        + e.getReasonCode()
                        + ")"));
          }
          default -> {
            // Network problems carry their cause: the generic classification names them.
          }
        }
      }
    }
    return Optional.empty();
  }
}
