package dev.switchboard.plugin;

import dev.switchboard.api.v1alpha1.ConnectionSpec;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * A Kafka cluster: the admin client's describeCluster, with SASL (PLAIN or SCRAM) when credentials
 * are given. The client retries unreachable brokers until its timeout and then says only that it
 * timed out, so the brokers are reached with a plain connection first: a refused port or an unknown
 * name is reported as such.
 */
public class KafkaPlugin implements ConnectionPlugin {
  static final String SASL_MECHANISM = "saslMechanism";
  static final List<String> MECHANISMS = List.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");

  @Override
  public String type() {
    return "kafka";
  }

  @Override
  public int defaultPort() {
    return 9092;
  }

  @Override
  public Set<String> requiredCredentials() {
    return Set.of();
  }

  @Override
  public List<String> validate(ConnectionSpec spec) {
    List<String> problems = new ArrayList<>(Servers.problems(Endpoint.of(spec, this)));
    String mechanism =
        spec.getParameters() == null ? null : spec.getParameters().get(SASL_MECHANISM);
    if (mechanism != null && !MECHANISMS.contains(mechanism)) {
      problems.add("parameters.saslMechanism must be one of " + String.join(", ", MECHANISMS));
    }
    if (spec.getTls() != null && Boolean.TRUE.equals(spec.getTls().getInsecureSkipVerify())) {
      problems.add(
          "tls.insecureSkipVerify is not supported for type kafka: give the CA in tls.caSecretRef");
    }
    return problems;
  }

  static String securityProtocol(boolean tls, Credentials credentials) {
    boolean sasl = credentials.username() != null;
    return sasl ? (tls ? "SASL_SSL" : "SASL_PLAINTEXT") : (tls ? "SSL" : "PLAINTEXT");
  }

  static String mechanism(Endpoint endpoint) {
    return endpoint.parameters().getOrDefault(SASL_MECHANISM, "SCRAM-SHA-512");
  }

  @Override
  public Map<String, String> bindingData(Endpoint endpoint, Credentials credentials) {
    String servers = Servers.joined(endpoint);
    boolean sasl = credentials.username() != null;
    return BindingData.common(endpoint, credentials)
        .put("bootstrap-servers", servers)
        .put("bootstrapServers", servers)
        .put("securityProtocol", securityProtocol(endpoint.tls(), credentials))
        .put("saslMechanism", sasl ? mechanism(endpoint) : null)
        .put("user", credentials.username())
        .build();
  }

  @Override
  public String probe(ProbeTarget target) throws Exception {
    reachAnyBroker(target);
    Credentials credentials = target.credentials();
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Servers.joined(target.endpoint()));
    config.put(
        AdminClientConfig.SECURITY_PROTOCOL_CONFIG,
        securityProtocol(target.tls().enabled(), credentials));
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, target.timeoutMillis());
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, target.timeoutMillis());
    config.put(AdminClientConfig.CLIENT_ID_CONFIG, "switchboard-connection-test");
    if (credentials.username() != null) {
      String mechanism = mechanism(target.endpoint());
      String module =
          mechanism.equals("PLAIN")
              ? "org.apache.kafka.common.security.plain.PlainLoginModule"
              : "org.apache.kafka.common.security.scram.ScramLoginModule";
      config.put(SaslConfigs.SASL_MECHANISM, mechanism);
      config.put(
          SaslConfigs.SASL_JAAS_CONFIG,
          module
              + " required username="
              + quoted(credentials.username())
              + " password="
              + quoted(credentials.password() == null ? "" : credentials.password())
              + ";");
    }
    if (target.tls().enabled() && target.tls().caPem() != null) {
      config.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
      config.put(SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG, target.tls().caPem());
    }
    try (Admin admin = Admin.create(config)) {
      var cluster =
          admin.describeCluster(new DescribeClusterOptions().timeoutMs(target.timeoutMillis()));
      String id = cluster.clusterId().get(target.timeoutMillis(), TimeUnit.MILLISECONDS);
      int brokers = cluster.nodes().get(target.timeoutMillis(), TimeUnit.MILLISECONDS).size();
      return "Kafka cluster " + id + " with " + brokers + " broker" + (brokers == 1 ? "" : "s");
    }
  }

  /**
   * A JAAS option value: quoted, with quotes and backslashes escaped, so that no password can end
   * it early.
   */
  private static String quoted(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** Throws what keeps every bootstrap server from being reached (the first one's reason). */
  private static void reachAnyBroker(ProbeTarget target) throws Exception {
    Exception first = null;
    for (Servers.Server server : Servers.of(target.endpoint())) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(server.host(), server.port()), target.timeoutMillis());
        return;
      } catch (Exception e) {
        first = first == null ? e : first;
      }
    }
    throw first;
  }

  @Override
  public Optional<Failure> classify(Throwable error, ProbeTarget target) {
    for (Throwable t : Throwables.chain(error)) {
      if (t instanceof SaslAuthenticationException) {
        return Optional.of(
            new Failure(
                TestReason.AuthenticationFailed,
                target.address()
                    + " rejected the credentials ("
                    + mechanism(target.endpoint())
                    + ")"));
      }
      if (t instanceof SslAuthenticationException) {
        return Optional.of(
            new Failure(
                TestReason.TLSHandshakeFailed,
                "The TLS handshake with " + target.address() + " failed"));
      }
      if (t instanceof AuthorizationException) {
        return Optional.of(
            new Failure(
                TestReason.PermissionDenied,
                "The user may not describe the cluster at " + target.address()));
      }
      if (t instanceof TimeoutException) {
        return Optional.of(NetworkFailures.timeout(target));
      }
    }
    return Optional.empty();
  }
}
