package dev.switchboard.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A throwaway certificate authority and server certificates for 127.0.0.1 and localhost. */
public final class TestCertificates {
  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  public record Authority(KeyPair keys, X509Certificate certificate) {
    public String pem() {
      return TestCertificates.pem(certificate);
    }
  }

  public record ServerCertificate(KeyPair keys, X509Certificate certificate, Authority issuer) {
    public String certificatePem() {
      return pem(certificate);
    }

    public String keyPem() {
      return pem(keys.getPrivate());
    }

    /** The key as PKCS#8 PEM ("BEGIN PRIVATE KEY"), the only form some servers (Kafka) read. */
    public String pkcs8KeyPem() {
      return "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(keys.getPrivate().getEncoded())
          + "\n-----END PRIVATE KEY-----\n";
    }

    /** Writes cert.pem, key.pem and ca.pem into a directory. */
    public void writeTo(Path dir) {
      try {
        Files.writeString(dir.resolve("cert.pem"), certificatePem());
        Files.writeString(dir.resolve("key.pem"), keyPem());
        Files.writeString(dir.resolve("ca.pem"), issuer.pem());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** A PKCS12 key store file holding the key and its chain, for servers that read one (Jetty). */
    public Path writeKeyStore(Path file, String password) {
      try {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry(
            "server",
            keys.getPrivate(),
            password.toCharArray(),
            new Certificate[] {certificate, issuer.certificate()});
        try (var out = Files.newOutputStream(file)) {
          ks.store(out, password.toCharArray());
        }
        return file;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    public SSLContext serverContext() throws GeneralSecurityException, IOException {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry(
          "server",
          keys.getPrivate(),
          "x".toCharArray(),
          new Certificate[] {certificate, issuer.certificate()});
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, "x".toCharArray());
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, null);
      return ctx;
    }
  }

  private TestCertificates() {}

  public static Authority authority(String name) {
    try {
      KeyPair keys = keys();
      X500Name subject = new X500Name("CN=" + name);
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
                  subject, serial(), notBefore(), notAfter(), subject, keys.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
              .addExtension(
                  Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      return new Authority(keys, sign(builder, keys));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static ServerCertificate server(Authority ca) {
    try {
      KeyPair keys = keys();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
                  ca.certificate(),
                  serial(),
                  notBefore(),
                  notAfter(),
                  new X500Name("CN=localhost"),
                  keys.getPublic())
              .addExtension(
                  Extension.subjectAlternativeName,
                  false,
                  new GeneralNames(
                      new GeneralName[] {
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                        new GeneralName(GeneralName.dNSName, "localhost")
                      }))
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      return new ServerCertificate(keys, sign(builder, ca.keys()), ca);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer)
      throws Exception {
    var signerBuilder = new JcaContentSignerBuilder("SHA256withRSA").build(signer.getPrivate());
    return new JcaX509CertificateConverter().getCertificate(builder.build(signerBuilder));
  }

  private static KeyPair keys() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    return g.generateKeyPair();
  }

  private static BigInteger serial() {
    return BigInteger.valueOf(SERIAL.incrementAndGet());
  }

  private static Date notBefore() {
    return Date.from(Instant.now().minus(1, ChronoUnit.DAYS));
  }

  private static Date notAfter() {
    return Date.from(Instant.now().plus(30, ChronoUnit.DAYS));
  }

  static String pem(Object o) {
    StringWriter w = new StringWriter();
    try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
      pw.writeObject(o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }
}
