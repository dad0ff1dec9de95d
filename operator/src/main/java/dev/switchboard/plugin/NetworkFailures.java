package dev.switchboard.plugin;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Classifies the failures every network client shares, by exception type anywhere behind the error.
 * The most specific cause wins: a ConnectException wrapping an unresolved address is a DNS failure,
 * not a refusal.
 */
public final class NetworkFailures {
  private NetworkFailures() {}

  public static Optional<Failure> classify(Throwable error, ProbeTarget target) {
    List<Throwable> chain = Throwables.chain(error);
    String address = target.address();
    if (any(chain, UnknownHostException.class, UnresolvedAddressException.class)) {
      return Optional.of(
          new Failure(
              TestReason.DNSResolutionFailed,
              "Could not resolve host " + target.endpoint().host()));
    }
    boolean untrusted =
        any(chain, CertPathValidatorException.class, CertificateException.class)
            || chain.stream()
                .anyMatch(t -> t.getClass().getName().endsWith("SunCertPathBuilderException"));
    if (untrusted || any(chain, SSLException.class)) {
      return Optional.of(
          new Failure(
              TestReason.TLSHandshakeFailed,
              "TLS handshake with "
                  + address
                  + " failed"
                  + (untrusted ? ": the server's certificate is not trusted" : "")));
    }
    if (any(
        chain, SocketTimeoutException.class, HttpTimeoutException.class, TimeoutException.class)) {
      return Optional.of(timeout(target));
    }
    if (any(chain, ConnectException.class, NoRouteToHostException.class)) {
      return Optional.of(
          new Failure(TestReason.ConnectionRefused, address + " refused the connection"));
    }
    return Optional.empty();
  }

  public static Failure timeout(ProbeTarget target) {
    return new Failure(
        TestReason.Timeout,
        "No answer from " + target.address() + " within " + target.timeout().toMillis() + " ms");
  }

  @SafeVarargs
  private static boolean any(List<Throwable> chain, Class<? extends Throwable>... types) {
    return chain.stream()
        .anyMatch(
            t -> {
              for (Class<? extends Throwable> type : types) {
                if (type.isInstance(t)) {
                  return true;
                }
              }
              return false;
            });
  }
}
