package dev.switchboard.plugin;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS for a test: off, verified against the JVM's trust store, verified against a CA from a Secret,
 * or (tests only) not verified at all.
 */
public record TlsSettings(boolean enabled, String caPem, boolean insecureSkipVerify) {
  public static final TlsSettings DISABLED = new TlsSettings(false, null, false);

  public SSLContext sslContext() throws GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trustManagers(), null);
    return context;
  }

  /**
   * What decides trust (for clients that take trust managers): null means the JVM's trust store.
   */
  public TrustManager[] trustManagers() throws GeneralSecurityException {
    if (insecureSkipVerify) {
      return new TrustManager[] {new TrustEverything()};
    }
    if (caPem != null) {
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trustStore());
      return tmf.getTrustManagers();
    }
    return null;
  }

  /** The CA as a key store (for drivers that want one), or null when no CA is configured. */
  public KeyStore trustStore() throws GeneralSecurityException {
    if (caPem == null) {
      return null;
    }
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      Collection<? extends Certificate> certs =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(
                  new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII)));
      int i = 0;
      for (Certificate c : certs) {
        store.setCertificateEntry("ca-" + i++, c);
      }
      if (i == 0) {
        throw new GeneralSecurityException("the CA Secret holds no PEM certificate");
      }
      return store;
    } catch (IOException e) {
      throw new GeneralSecurityException("the CA Secret holds no readable PEM certificate", e);
    }
  }

  /**
   * Accepts any certificate and, being an extended trust manager, skips the host name check too.
   */
  private static final class TrustEverything extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket s) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket s) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine e) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine e) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
