package dev.switchboard.bench;

import static dev.switchboard.testing.Fixtures.b64;
import static dev.switchboard.testing.Fixtures.binding;
import static dev.switchboard.testing.Fixtures.credentials;
import static dev.switchboard.testing.Fixtures.namespace;
import static dev.switchboard.testing.Fixtures.postgres;
import static dev.switchboard.testing.Fixtures.serviceAccount;

import dev.switchboard.api.v1alpha1.Connection;
import dev.switchboard.api.v1alpha1.ConnectionAccess;
import dev.switchboard.api.v1alpha1.ConnectionTestPolicy;
import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.apiserver.Profile;
import dev.switchboard.apiserver.StrictApiServer;
import dev.switchboard.testing.ApiAudit;
import dev.switchboard.testing.StrictClusters;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A fresh strict API server (the real-cluster rules over the indexed store) populated with the
 * benchmark's namespaces, Connections, Secrets and bindings. The operator runs as the chart's
 * ServiceAccount.
 */
final class BenchCluster implements AutoCloseable {
  final StrictApiServer cluster;
  final KubernetesMockServer server;
  final KubernetesClient client;
  final List<Connection> connections = new ArrayList<>();
  final List<WorkspaceBinding> bindings = new ArrayList<>();

  BenchCluster() {
    cluster = StrictClusters.strict(Profile.KUBERNETES, Map.of(), IndexedCrudDispatcher::new);
    server = cluster.mockServer();
    client = cluster.adminClient();
  }

  /** A client like the operator's, whose requests the request log tells apart. */
  /**
   * The baseline's client: it writes what the operator writes, as fast as a client can, with an
   * administrator's rights (it is not the operator), its requests counted like the operator's.
   */
  KubernetesClient baselineClient() {
    return cluster.clientAs(
        "benchmark-baseline",
        ApiAudit.OPERATOR_USER_AGENT,
        c -> c.withMaxConcurrentRequests(512).withMaxConcurrentRequestsPerHost(512),
        "system:masters");
  }

  KubernetesClient operatorClient() {
    return cluster.newOperatorClient(
        c -> c.withMaxConcurrentRequests(512).withMaxConcurrentRequestsPerHost(512));
  }

  void populate(Benchmark.Sizes sizes) {
    List<String> workspaces = new ArrayList<>();
    create(List.of(namespace("platform")));
    for (int n = 0; n < sizes.namespaces(); n++) {
      workspaces.add("ws-" + n);
    }
    create(
        workspaces.stream()
            .filter(ns -> client.namespaces().withName(ns).get() == null)
            .map(ns -> (HasMetadata) namespace(ns))
            .toList());
    List<HasMetadata> inputs = new ArrayList<>();
    for (int c = 0; c < sizes.connections(); c++) {
      inputs.add(
          credentials("platform", "cred-" + c, "username", "postgres", "password", "pw-" + c));
      Connection conn = postgres("platform", "conn-" + c, "cred-" + c);
      conn.getSpec().getAccess();
      var access = new ConnectionAccess();
      access.setNamespaces(workspaces);
      conn.getSpec().setAccess(access);
      conn.getSpec().setTest(new ConnectionTestPolicy());
      conn.getSpec().getTest().setEnabled(false);
      inputs.add(conn);
      connections.add(conn);
    }
    for (int b = 0; b < sizes.bindings(); b++) {
      WorkspaceBinding wb =
          binding(
              workspaces.get(b % workspaces.size()),
              "b-" + b,
              "platform",
              "conn-" + (b % sizes.connections()),
              serviceAccount("app"));
      inputs.add(wb);
      bindings.add(wb);
    }
    create(inputs);
  }

  /**
   * Secrets that have nothing to do with Switchboard, 2 KiB each: the operator must not cache them.
   */
  void addUnrelatedSecrets(int count) {
    String filler = "u".repeat(2048);
    // Their namespaces exist first, as the API server requires.
    for (int n = 0; n < Math.min(count, 20); n++) {
      if (client.namespaces().withName("ws-" + n).get() == null) {
        client.resource(namespace("ws-" + n)).create();
      }
    }
    List<HasMetadata> secrets = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      secrets.add(
          new SecretBuilder()
              .withNewMetadata()
              .withNamespace("ws-" + (i % 20))
              .withName("unrelated-" + i)
              .endMetadata()
              .addToData("blob", b64(filler))
              .build());
    }
    create(secrets);
  }

  /** Creates objects with 16 threads; the setup is not what is measured. */
  void create(List<? extends HasMetadata> objects) {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (HasMetadata o : objects) {
        futures.add(pool.submit(() -> client.resource(o).create()));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      pool.shutdown();
    }
  }

  /**
   * The operator's requests since the last call, by "METHOD kind" (kind: the resource, "/status"
   * kept).
   */
  Map<String, Integer> drainOperatorRequests() {
    Map<String, Integer> out = new TreeMap<>();
    try {
      RecordedRequest r;
      while ((r = server.takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
        String agent = r.getHeader("User-Agent");
        if (agent != null && agent.startsWith(ApiAudit.OPERATOR_USER_AGENT)) {
          out.merge(verb(r) + " " + resource(r.getPath()), 1, Integer::sum);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return out;
  }

  static String verb(RecordedRequest r) {
    String path = r.getPath();
    boolean named =
        path.split("\\?")[0].replaceAll("/status$", "").matches(".*/namespaces/[^/]+/[^/]+/[^/]+$")
            || path.split("\\?")[0].matches("/api/v1/namespaces/[^/]+$");
    return switch (r.getMethod()) {
      case "GET" -> path.contains("watch=true") ? "WATCH" : named ? "GET" : "LIST";
      default -> r.getMethod();
    };
  }

  static String resource(String path) {
    String p = path.split("\\?")[0];
    String[] parts = p.split("/");
    boolean status = p.endsWith("/status");
    int idx = -1;
    for (int i = 0; i < parts.length - 1; i++) {
      if (parts[i].equals("namespaces") && i + 2 < parts.length) {
        idx = i + 2;
      }
    }
    String kind = idx > 0 ? parts[idx] : parts[parts.length - 1];
    return kind + (status ? "/status" : "");
  }

  static boolean isWrite(String verbAndResource) {
    return !(verbAndResource.startsWith("GET")
        || verbAndResource.startsWith("LIST")
        || verbAndResource.startsWith("WATCH"));
  }

  @Override
  public void close() {
    cluster.close();
  }
}
