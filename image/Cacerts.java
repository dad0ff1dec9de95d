import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes a Java trust store (PKCS12, password "changeit", as the JDK's own) holding every certificate of the PEM
 * files in a folder: what Debian's ca-certificates-java does at install time, which a base image built from package
 * files alone does not run. Usage: java Cacerts.java PEM_DIR OUT_FILE
 */
public class Cacerts {
  public static void main(String[] args) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    CertificateFactory x509 = CertificateFactory.getInstance("X.509");
    List<Path> pems;
    try (Stream<Path> files = Files.list(Path.of(args[0]))) {
      pems = files.filter(p -> p.toString().endsWith(".crt")).sorted().toList();
    }
    for (Path pem : pems) {
      try (InputStream in = Files.newInputStream(pem)) {
        var cert = (X509Certificate) x509.generateCertificate(in);
        String alias = pem.getFileName().toString().replaceAll("\\.crt$", "").toLowerCase() + " [debian]";
        store.setCertificateEntry(alias, cert);
      }
    }
    if (pems.isEmpty()) {
      throw new IllegalStateException("no .crt files in " + args[0]);
    }
    try (OutputStream out = Files.newOutputStream(Path.of(args[1]))) {
      store.store(out, "changeit".toCharArray());
    }
    System.out.println("trust store: " + pems.size() + " certificates");
  }
}
