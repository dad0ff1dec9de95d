package dev.switchboard.testing;

import dev.switchboard.apiserver.Processes;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * An S3-compatible server of the tests' own (S3Proxy on a filesystem back end) on free ports, plain
 * and HTTPS (a certificate from a test CA): SigV4 with one access key, and one bucket.
 */
public final class LocalS3 implements AutoCloseable {
  public static final String ACCESS_KEY = "AKIASWITCHBOARDTEST";
  public static final String BUCKET = "orders-archive";

  private final S3Proxy proxy;
  private final BlobStoreContext store;
  private final int port;
  private final int tlsPort;
  private final TestCertificates.ServerCertificate certificate =
      TestCertificates.server(TestCertificates.authority("s3 test CA"));

  public LocalS3(String secretKey) {
    try {
      Path dir = Files.createTempDirectory("switchboard-s3");
      Properties properties = new Properties();
      properties.setProperty("jclouds.filesystem.basedir", dir.toString());
      store =
          ContextBuilder.newBuilder("filesystem")
              .credentials("unused", "unused")
              .overrides(properties)
              .build(BlobStoreContext.class);
      store.getBlobStore().createContainerInLocation(null, BUCKET);
      port = Processes.freePort();
      tlsPort = Processes.freePort();
      Path keyStore = certificate.writeKeyStore(dir.resolve("keystore.p12"), "changeit");
      proxy =
          S3Proxy.builder()
              .blobStore(store.getBlobStore())
              .endpoint(URI.create("http://127.0.0.1:" + port))
              .secureEndpoint(URI.create("https://127.0.0.1:" + tlsPort))
              .keyStore(keyStore.toString(), "changeit")
              .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, secretKey)
              .build();
      proxy.start();
      while (!AbstractLifeCycle.STARTED.equals(proxy.getState())) {
        Thread.sleep(10);
      }
    } catch (Exception e) {
      throw new IllegalStateException("S3Proxy did not start", e);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  public String tlsUrl() {
    return "https://127.0.0.1:" + tlsPort;
  }

  public String caPem() {
    return certificate.issuer().pem();
  }

  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      store.close();
    }
  }
}
