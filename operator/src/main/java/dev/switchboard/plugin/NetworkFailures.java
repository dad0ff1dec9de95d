package dev.switchboard.plugin;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

/** Classifies the failures every network client shares, by exception type along the cause chain. */
public final class NetworkFailures {
  private NetworkFailures() {}

  public static Optional<Failure> classify(Throwable error, ProbeTarget target) {
    String address = target.address();
    boolean untrusted = false;
    boolean tls = false;
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
        return Optional.of(new Failure(TestReason.DNSResolutionFailed,
            "Could not resolve host " + target.endpoint().host()));
      }
      if (t instanceof CertPathValidatorException || t instanceof CertificateException
          || t.getClass().getName().endsWith("SunCertPathBuilderException")) {
        untrusted = true;
      }
      if (t instanceof SSLException) {
        tls = true;
      }
      if (t instanceof SocketTimeoutException || t instanceof HttpTimeoutException || t instanceof TimeoutException) {
        return Optional.of(timeout(target));
      }
      if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
        return Optional.of(new Failure(TestReason.ConnectionRefused, address + " refused the connection"));
      }
    }
    if (tls || untrusted) {
      return Optional.of(new Failure(TestReason.TLSHandshakeFailed, "TLS handshake with " + address + " failed"
          + (untrusted ? ": the server's certificate is not trusted" : "")));
    }
    return Optional.empty();
  }

  public static Failure timeout(ProbeTarget target) {
    return new Failure(TestReason.Timeout, "No answer from " + target.address() + " within "
        + target.timeout().toMillis() + " ms");
  }
}
