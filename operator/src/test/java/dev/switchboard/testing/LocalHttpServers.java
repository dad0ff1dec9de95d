package dev.switchboard.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;

/**
 * An HTTP and an HTTPS server on free local ports: {@code /ok} answers 200, {@code /unavailable}
 * 503, and {@code /private} 200 only with the bearer token given, 401 without it.
 */
public final class LocalHttpServers implements AutoCloseable {
  private final HttpServer http;
  private final HttpsServer https;
  private final TestCertificates.ServerCertificate certificate;

  public LocalHttpServers(String token) {
    certificate = TestCertificates.server(TestCertificates.authority("http test CA"));
    try {
      http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
      https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
      https.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    for (var server : new HttpServer[] {http, https}) {
      server.createContext("/ok", ex -> answer(ex, 200));
      server.createContext("/unavailable", ex -> answer(ex, 503));
      server.createContext(
          "/private",
          ex ->
              answer(
                  ex,
                  ("Bearer " + token).equals(ex.getRequestHeaders().getFirst("Authorization"))
                      ? 200
                      : 401));
      server.start();
    }
  }

  private static void answer(HttpExchange exchange, int status) throws IOException {
    exchange.getResponseHeaders().add("Server", "switchboard-test");
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  public int httpPort() {
    return http.getAddress().getPort();
  }

  public int httpsPort() {
    return https.getAddress().getPort();
  }

  public String caPem() {
    return certificate.issuer().pem();
  }

  @Override
  public void close() {
    http.stop(0);
    https.stop(0);
  }
}
