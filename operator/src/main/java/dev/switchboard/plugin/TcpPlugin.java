package dev.switchboard.plugin;

import dev.switchboard.api.v1alpha1.ConnectionSpec;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLSocket;

/** Any TCP service: the test opens a connection and, with TLS, completes a handshake. */
public class TcpPlugin implements ConnectionPlugin {
  @Override
  public String type() {
    return "tcp";
  }

  @Override
  public int defaultPort() {
    return 0;
  }

  @Override
  public Set<String> requiredCredentials() {
    return Set.of();
  }

  @Override
  public List<String> validate(ConnectionSpec spec) {
    return spec.getPort() == null ? List.of("type tcp needs spec.port") : List.of();
  }

  @Override
  public Map<String, String> bindingData(Endpoint endpoint, Credentials credentials) {
    return BindingData.common(endpoint, credentials)
        .put("uri", "tcp://" + endpoint.host() + ":" + endpoint.port())
        .build();
  }

  @Override
  public String probe(ProbeTarget target) throws Exception {
    String host = target.endpoint().host();
    int port = target.endpoint().port();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), target.timeoutMillis());
      socket.setSoTimeout(target.timeoutMillis());
      if (!target.tls().enabled()) {
        return "TCP port open";
      }
      try (SSLSocket tls =
          (SSLSocket)
              target
                  .tls()
                  .sslContext()
                  .getSocketFactory()
                  .createSocket(socket, host, port, false)) {
        if (!target.tls().insecureSkipVerify()) {
          var params = tls.getSSLParameters();
          params.setEndpointIdentificationAlgorithm("HTTPS");
          tls.setSSLParameters(params);
        }
        tls.startHandshake();
        return "TLS (" + tls.getSession().getProtocol() + ")";
      }
    }
  }
}
