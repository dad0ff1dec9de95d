package dev.switchboard.plugin;

import dev.switchboard.api.v1alpha1.ConnectionSpec;
import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/** NATS: connect (user and password, or a token) and round-trip a PING. */
public class NatsPlugin implements ConnectionPlugin {
  static final String TOKEN = "token";

  @Override
  public String type() {
    return "nats";
  }

  @Override
  public int defaultPort() {
    return 4222;
  }

  @Override
  public Set<String> requiredCredentials() {
    return Set.of();
  }

  @Override
  public List<String> validate(ConnectionSpec spec) {
    return Servers.problems(Endpoint.of(spec, this));
  }

  @Override
  public Map<String, String> bindingData(Endpoint endpoint, Credentials credentials) {
    String urls = String.join(",", urls(endpoint, credentials));
    return BindingData.common(endpoint, credentials)
        .put(TOKEN, credentials.extra().get(TOKEN))
        .put("uri", urls)
        .put("url", urls)
        .build();
  }

  /** One URL per server, with the credentials in each, as NATS clients take a server list. */
  private static List<String> urls(Endpoint endpoint, Credentials credentials) {
    String scheme = endpoint.tls() ? "tls" : "nats";
    String token = credentials.extra().get(TOKEN);
    Credentials inUrl =
        token != null && credentials.username() == null
            ? new Credentials(token, null, Map.of())
            : credentials;
    return Servers.of(endpoint).stream()
        .map(
            s ->
                BindingData.uri(
                    scheme,
                    new Endpoint(
                        endpoint.type(), s.host(), s.port(), null, null, Map.of(), endpoint.tls()),
                    inUrl,
                    null))
        .toList();
  }

  @Override
  public String probe(ProbeTarget target) throws Exception {
    Credentials credentials = target.credentials();
    var listener = new FirstProblem();
    Options.Builder options =
        Options.builder()
            .servers(
                Servers.of(target.endpoint()).stream()
                    .map(s -> (target.tls().enabled() ? "tls://" : "nats://") + s)
                    .toArray(String[]::new))
            .connectionTimeout(Duration.ofMillis(target.timeoutMillis()))
            .noReconnect()
            .noRandomize()
            .connectionName("switchboard-connection-test")
            .errorListener(listener);
    if (credentials.username() != null) {
      options.userInfo(credentials.username(), credentials.password());
    } else if (credentials.extra().get(TOKEN) != null) {
      options.token(credentials.extra().get(TOKEN).toCharArray());
    }
    TlsSettings tls = target.tls();
    if (tls.enabled()) {
      options.sslContext(tls.sslContext());
    }
    Connection connection;
    try {
      connection = Nats.connect(options.build());
    } catch (IOException e) {
      // The client's own exception only says that no server could be reached; why is what its
      // listener heard.
      throw listener.firstOr(e);
    }
    try {
      connection.RTT();
      return "NATS " + connection.getServerInfo().getVersion();
    } finally {
      connection.close();
    }
  }

  /**
   * Keeps the first problem the client reports while connecting (its default listener prints them
   * to the console).
   */
  private static final class FirstProblem implements ErrorListener {
    private final AtomicReference<Exception> first = new AtomicReference<>();

    @Override
    public void errorOccurred(Connection connection, String error) {
      if (error != null && error.toLowerCase().contains("authorization violation")) {
        first.compareAndSet(null, new AuthenticationException("authorization violation"));
      }
    }

    @Override
    public void exceptionOccurred(Connection connection, Exception exception) {
      first.compareAndSet(null, exception);
    }

    Exception firstOr(Exception fallback) {
      Exception problem = first.get();
      return problem != null ? problem : fallback;
    }
  }

  @Override
  public Optional<Failure> classify(Throwable error, ProbeTarget target) {
    for (Throwable t : Throwables.chain(error)) {
      if (t instanceof AuthenticationException
          || String.valueOf(t.getMessage()).toLowerCase().contains("authorization violation")) {
        return Optional.of(
            new Failure(
                TestReason.AuthenticationFailed, target.address() + " rejected the credentials"));
      }
    }
    return Optional.empty();
  }
}
