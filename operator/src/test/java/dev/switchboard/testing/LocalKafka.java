package dev.switchboard.testing;

import dev.switchboard.apiserver.Processes;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A Kafka broker of the tests' own, in this JVM (KRaft, broker and controller in one node), on free
 * ports: a PLAINTEXT listener, a SASL_PLAINTEXT one with a PLAIN user and a SCRAM-SHA-512 user, and
 * an SSL one with a certificate from a test CA.
 */
public final class LocalKafka implements AutoCloseable {
  public static final String PLAIN_USER = "app";
  public static final String SCRAM_USER = "scram-app";

  private final KafkaRaftServer server;
  private final int plainPort = Processes.freePort();
  private final int saslPort = Processes.freePort();
  private final int tlsPort = Processes.freePort();
  private final TestCertificates.ServerCertificate certificate =
      TestCertificates.server(TestCertificates.authority("kafka test CA"));
  private final Path dir;

  public LocalKafka(String password) {
    int controllerPort = Processes.freePort();
    try {
      dir = Files.createTempDirectory("switchboard-kafka");
      String logs = dir.resolve("logs").toString();
      Properties p = new Properties();
      p.put("process.roles", "broker,controller");
      p.put("node.id", "1");
      p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
      String brokers =
          "PLAINTEXT://127.0.0.1:"
              + plainPort
              + ",SASL_PLAINTEXT://127.0.0.1:"
              + saslPort
              + ",SSL://127.0.0.1:"
              + tlsPort;
      p.put("listeners", brokers + ",CONTROLLER://127.0.0.1:" + controllerPort);
      p.put("advertised.listeners", brokers);
      p.put("controller.listener.names", "CONTROLLER");
      p.put("inter.broker.listener.name", "PLAINTEXT");
      p.put(
          "listener.security.protocol.map",
          "PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,SSL:SSL,CONTROLLER:PLAINTEXT");
      p.put("listener.name.ssl.ssl.keystore.type", "PEM");
      p.put(
          "listener.name.ssl.ssl.keystore.certificate.chain",
          certificate.certificatePem() + certificate.issuer().pem());
      p.put("listener.name.ssl.ssl.keystore.key", certificate.pkcs8KeyPem());
      p.put("log.dirs", logs);
      p.put("sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-512");
      p.put(
          "listener.name.sasl_plaintext.plain.sasl.jaas.config",
          "org.apache.kafka.common.security.plain.PlainLoginModule required user_"
              + PLAIN_USER
              + "="
              + jaas(password)
              + ";");
      p.put(
          "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config",
          "org.apache.kafka.common.security.scram.ScramLoginModule required;");
      p.put("offsets.topic.replication.factor", "1");
      p.put("transaction.state.log.replication.factor", "1");
      p.put("transaction.state.log.min.isr", "1");
      p.put("group.initial.rebalance.delay.ms", "0");
      p.put("num.partitions", "1");
      KafkaConfig config = KafkaConfig.fromProps(p);
      new Formatter()
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
          .setClusterId(Uuid.randomUuid().toString())
          .setNodeId(1)
          .setControllerListenerName("CONTROLLER")
          .setMetadataLogDirectory(logs)
          .setDirectories(List.of(logs))
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .setScramArguments(
              List.of("SCRAM-SHA-512=[name=" + SCRAM_USER + ",password=" + jaas(password) + "]"))
          .run();
      server = new KafkaRaftServer(config, Time.SYSTEM);
      server.startup();
      Processes.awaitPort(plainPort, Duration.ofSeconds(30));
      Processes.awaitPort(saslPort, Duration.ofSeconds(30));
      Processes.awaitPort(tlsPort, Duration.ofSeconds(30));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("the Kafka broker did not start", e);
    }
  }

  private static String jaas(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  public int plainPort() {
    return plainPort;
  }

  public int saslPort() {
    return saslPort;
  }

  public int tlsPort() {
    return tlsPort;
  }

  public String caPem() {
    return certificate.issuer().pem();
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
  }
}
