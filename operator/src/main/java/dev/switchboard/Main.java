package dev.switchboard;

import java.time.Clock;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs Switchboard against the current kubeconfig, or the in-cluster configuration inside a Pod. */
public final class Main {
  private static final Logger log = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    KubernetesClient client = new KubernetesClientBuilder().build();
    Operator operator = SwitchboardOperator.create(client, Clock.systemUTC());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("Stopping Switchboard");
      operator.stop();
      client.close();
    }, "shutdown"));
    log.info("Starting Switchboard against {}", client.getMasterUrl());
    operator.start();
  }
}
