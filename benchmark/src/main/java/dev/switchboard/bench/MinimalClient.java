package dev.switchboard.bench;

import dev.switchboard.api.v1alpha1.BindingsSummary;
import dev.switchboard.api.v1alpha1.BoundConnection;
import dev.switchboard.api.v1alpha1.Connection;
import dev.switchboard.api.v1alpha1.ConnectionStatus;
import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.api.v1alpha1.WorkspaceBindingStatus;
import dev.switchboard.binding.BoundSecretBuilder;
import dev.switchboard.binding.ReaderRbacBuilder;
import dev.switchboard.plugin.ConnectionPlugin;
import dev.switchboard.plugin.Credentials;
import dev.switchboard.plugin.Endpoint;
import dev.switchboard.plugin.PluginRegistry;
import dev.switchboard.support.DataHash;
import dev.switchboard.support.Keys;
import dev.switchboard.support.Labels;
import dev.switchboard.support.References;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The benchmark's yardstick for CPU: the least an informer-based client must do to produce what the
 * operator produces, in a JVM of its own. Informers on the kinds and label selectors the operator
 * watches; for each binding, from a thread pool, the bound Secret, Role and RoleBinding are created
 * and its status written; then each Connection gets its finalizer and its status. No access policy,
 * no validation, no idempotence, no events. Args: KUBECONFIG THREADS
 */
public final class MinimalClient {
  private MinimalClient() {}

  public static void main(String[] args) throws Exception {
    Config config =
        new ConfigBuilder(Config.fromKubeconfig(Files.readString(Path.of(args[0]))))
            .withMaxConcurrentRequests(512)
            .withMaxConcurrentRequestsPerHost(512)
            .build();
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
    ExecutorService pool = Executors.newFixedThreadPool(Integer.parseInt(args[1]));
    var connections = client.resources(Connection.class).inAnyNamespace().inform();
    var credentials = client.secrets().inNamespace("platform").inform();
    // The operator's other watches, so that both pay for the same events.
    List.of(
        client.namespaces().inform(),
        client.secrets().inAnyNamespace().withLabelSelector(Labels.MANAGED_SELECTOR).inform(),
        client.rbac().roles().inAnyNamespace().withLabelSelector(Labels.MANAGED_SELECTOR).inform(),
        client
            .rbac()
            .roleBindings()
            .inAnyNamespace()
            .withLabelSelector(Labels.MANAGED_SELECTOR)
            .inform());
    Set<String> done = ConcurrentHashMap.newKeySet();
    Map<String, AtomicInteger> perConnection = new ConcurrentHashMap<>();
    var bindings = client.resources(WorkspaceBinding.class).inAnyNamespace().inform();
    int total = bindings.getStore().list().size();
    for (WorkspaceBinding b : bindings.getStore().list()) {
      pool.submit(
          () -> {
            bind(client, b, connections, credentials);
            perConnection
                .computeIfAbsent(References.connectionOf(b).orElseThrow(), k -> new AtomicInteger())
                .incrementAndGet();
            if (done.add(Keys.of(b)) && done.size() == total) {
              for (Connection c : connections.getStore().list()) {
                pool.submit(
                    () ->
                        finish(
                            client,
                            c,
                            perConnection.getOrDefault(Keys.of(c), new AtomicInteger()).get()));
              }
            }
          });
    }
    // Runs until the benchmark stops it; the informers keep watching meanwhile, as the operator's
    // do.
    Thread.currentThread().join();
  }

  private static void bind(
      KubernetesClient client,
      WorkspaceBinding binding,
      SharedIndexInformer<Connection> connections,
      SharedIndexInformer<Secret> credentials) {
    Connection connection =
        connections.getIndexer().getByKey(References.connectionOf(binding).orElseThrow());
    Secret secret =
        credentials.getIndexer().getByKey(References.credentialSecretOf(connection).orElseThrow());
    ConnectionPlugin plugin =
        PluginRegistry.builtIn().find(connection.getSpec().getType()).orElseThrow();
    var creds = new Credentials(decode(secret, "username"), decode(secret, "password"), Map.of());
    var data = plugin.bindingData(Endpoint.of(connection.getSpec(), plugin), creds);
    String hash = DataHash.of(data, secret.getMetadata().getUid());
    client.resource(BoundSecretBuilder.build(binding, plugin.type(), data, hash)).create();
    client.resource(ReaderRbacBuilder.role(binding)).create();
    ReaderRbacBuilder.roleBinding(binding).ifPresent(rb -> client.resource(rb).create());
    WorkspaceBindingStatus status = new WorkspaceBindingStatus();
    status.setObservedGeneration(binding.getMetadata().getGeneration());
    status.setConditions(new ArrayList<>(List.of(ready())));
    status.setBinding(new LocalObjectReference(binding.getMetadata().getName()));
    status.setSecretName(binding.getMetadata().getName());
    status.setConnection(new BoundConnection(plugin.type(), true));
    status.setDataHash(hash);
    binding.setStatus(status);
    client.resource(binding).updateStatus();
  }

  private static void finish(KubernetesClient client, Connection cached, int count) {
    Connection live =
        client
            .resources(Connection.class)
            .inNamespace(cached.getMetadata().getNamespace())
            .withName(cached.getMetadata().getName())
            .edit(
                c -> {
                  c.getMetadata().setFinalizers(List.of("switchboard.dev/in-use-protection"));
                  return c;
                });
    ConnectionStatus status = new ConnectionStatus();
    status.setObservedGeneration(live.getMetadata().getGeneration());
    status.setConditions(new ArrayList<>(List.of(ready())));
    status.setBindings(new BindingsSummary(count, List.of()));
    live.setStatus(status);
    client.resource(live).updateStatus();
  }

  private static Condition ready() {
    return new ConditionBuilder()
        .withType("Ready")
        .withStatus("True")
        .withReason("Ready")
        .withMessage("bound")
        .withLastTransitionTime("2026-01-01T00:00:00Z")
        .build();
  }

  private static String decode(Secret secret, String key) {
    String value = secret.getData() == null ? null : secret.getData().get(key);
    return value == null
        ? null
        : new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
  }
}
