package dev.switchboard.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A test API server that enforces kube-apiserver's rules (see {@link StrictDispatcher}), with an
 * {@link Installation} in place (its CRDs established, its chart's RBAC and admission policies
 * created) and the namespaces a cluster starts with. Callers are told apart by bearer token: an
 * administrator (system:masters), the operator's ServiceAccount, and any user a test adds.
 */
public final class StrictApiServer implements AutoCloseable {
  /**
   * The user agent of the operator's clients ({@link #newOperatorClient()}): how tests and fault
   * injectors tell the operator's requests from their own.
   */
  public static final String OPERATOR_USER_AGENT = "operator-under-test";

  private static final String ADMIN_TOKEN = "admin-token";
  private static final String OPERATOR_TOKEN = "operator-token";

  /**
   * A writer whose custom resources skip the CRD's schema and rules and the admission policies: it
   * stands for objects stored under an older, looser version of a CRD or before a policy, which an
   * operator still has to read.
   */
  static final String LOOSE_SCHEMA_WRITER = "stored-under-an-older-crd";

  private static final String LOOSE_SCHEMA_TOKEN = "loose-schema-token";

  private final KubernetesMockServer server;
  private final StrictDispatcher dispatcher;
  private final Map<String, Caller> tokens = new ConcurrentHashMap<>();
  private final PermissionLog permissions = new PermissionLog();
  private final Caller operator;
  private final Installation installation;
  private final KubernetesClient admin;
  private final AtomicReference<KubernetesClient> loose = new AtomicReference<>();

  public StrictApiServer(Profile profile, Installation installation) {
    this(profile, installation, KubernetesCrudDispatcher::new, UnaryOperator.identity());
  }

  /**
   * @param store the object store behind the rules (a benchmark may pass an indexed one)
   * @param front what stands between the clients and the server's rules (a fault injector, say)
   */
  public StrictApiServer(
      Profile profile,
      Installation installation,
      Supplier<Dispatcher> store,
      UnaryOperator<Dispatcher> front) {
    this.installation = installation;
    JsonNode serviceAccount =
        installation.chart().stream()
            .filter(doc -> doc.path("kind").asText().equals("ServiceAccount"))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("the chart has no ServiceAccount"));
    operator =
        Caller.serviceAccount(
            serviceAccount.at("/metadata/namespace").asText(installation.releaseNamespace()),
            serviceAccount.at("/metadata/name").asText());
    tokens.put(ADMIN_TOKEN, Caller.user("kubernetes-admin", Caller.MASTERS));
    tokens.put(OPERATOR_TOKEN, operator);
    tokens.put(LOOSE_SCHEMA_TOKEN, Caller.user(LOOSE_SCHEMA_WRITER, Caller.MASTERS));
    ResourceCatalog catalog = new ResourceCatalog();
    dispatcher =
        new StrictDispatcher(new Store(store.get()), catalog, tokens, profile, permissions);
    // HTTPS, as every API server: kubectl sends no bearer token over plain HTTP.
    server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), front.apply(dispatcher), true);
    server.init();
    admin = client(ADMIN_TOKEN, "test-admin");
    bootstrap();
  }

  private void bootstrap() {
    // The namespaces the chart installs into (the watched ones too) exist before it is installed,
    // as helm needs.
    Set<String> namespaces =
        new LinkedHashSet<>(
            List.of("default", "kube-system", "kube-public", installation.releaseNamespace()));
    installation
        .chart()
        .forEach(
            doc -> {
              if (doc.at("/metadata/namespace").isTextual()) {
                namespaces.add(doc.at("/metadata/namespace").asText());
              }
            });
    for (String ns : namespaces) {
      admin
          .namespaces()
          .resource(
              new NamespaceBuilder()
                  .withNewMetadata()
                  .withName(ns)
                  .addToLabels("kubernetes.io/metadata.name", ns)
                  .endMetadata()
                  .build())
          .create();
    }
    for (JsonNode crd : installation.crds()) {
      admin.resource(crd.toString()).create();
    }
    for (JsonNode doc : installation.chart()) {
      if (Set.of(
              "ServiceAccount",
              "ClusterRole",
              "ClusterRoleBinding",
              "Role",
              "RoleBinding",
              "ValidatingAdmissionPolicy",
              "ValidatingAdmissionPolicyBinding")
          .contains(doc.path("kind").asText())) {
        admin.resource(doc.toString()).create();
      }
    }
  }

  /**
   * A client with the cluster administrator's rights, as a person with kubectl and admin
   * credentials has.
   */
  public KubernetesClient adminClient() {
    return admin;
  }

  /**
   * A client whose custom resources are stored without the CRD's schema validation, as objects
   * written before a CRD's schema was tightened: how tests put into the cluster what today's schema
   * would refuse.
   */
  public KubernetesClient looseSchemaClient() {
    return loose.updateAndGet(c -> c != null ? c : client(LOOSE_SCHEMA_TOKEN, "test-loose-schema"));
  }

  /**
   * A new client authenticated as the operator's ServiceAccount, its requests marked for {@link
   * #OPERATOR_USER_AGENT}.
   */
  public KubernetesClient newOperatorClient() {
    return newOperatorClient(UnaryOperator.identity());
  }

  /**
   * As above, with client settings of the caller's (the benchmark allows more concurrent requests).
   */
  public KubernetesClient newOperatorClient(UnaryOperator<ConfigBuilder> settings) {
    Config config =
        settings.apply(new ConfigBuilder(config(OPERATOR_TOKEN, OPERATOR_USER_AGENT))).build();
    return installation.operatorClients().apply(config);
  }

  /**
   * A client for a user of the test's choosing, holding whatever RBAC the test grants that user.
   */
  public KubernetesClient clientAs(String user, String... groups) {
    String token = "token-of-" + user;
    tokens.put(token, Caller.user(user, groups));
    return client(token, "test-user");
  }

  /** A client for a user of the test's choosing, with its own user agent and client settings. */
  public KubernetesClient clientAs(
      String user, String userAgent, UnaryOperator<ConfigBuilder> settings, String... groups) {
    String token = "token-of-" + user;
    tokens.put(token, Caller.user(user, groups));
    return new KubernetesClientBuilder()
        .withConfig(settings.apply(new ConfigBuilder(config(token, userAgent))).build())
        .build();
  }

  public String operatorUser() {
    return operator.name();
  }

  /** The permissions the operator was granted, request by request, since the server started. */
  public Set<String> operatorPermissionsUsed() {
    return permissions.of(operator.name());
  }

  /**
   * A validating admission webhook that denies every create and update of a resource in a
   * namespace, as a policy engine (Kyverno, Gatekeeper) does for objects that break a rule.
   */
  public void denyWrites(String resource, String namespace, String webhook, String message) {
    dispatcher.denials.add(new WebhookDenial(resource, namespace, webhook, message));
  }

  public void allowWrites() {
    dispatcher.denials.clear();
  }

  /**
   * The namespace controller cannot delete this resource (by plural name) from deleted namespaces
   * until {@link #namespaceDeletionRecovers()}: the namespace stays Terminating with those objects
   * in it while everything else in it is deleted.
   */
  public void namespaceDeletionFailsFor(String resource) {
    dispatcher.controllers().failingDeletion.add(resource);
  }

  public void namespaceDeletionRecovers() {
    dispatcher.controllers().failingDeletion.clear();
    dispatcher.controllers().kick();
  }

  /**
   * Every request of the operator's that the server refused for good: on a real cluster, each is a
   * failure.
   */
  public List<Refusals.Refusal> operatorRefusals() {
    return dispatcher.refusals.of(operator.name());
  }

  public KubernetesMockServer mockServer() {
    return server;
  }

  public String url() {
    return server.url("/");
  }

  /** A kubeconfig file that points kubectl at this server as the administrator. */
  public Path writeKubeconfig(Path file) {
    return writeKubeconfig(file, url().replaceAll("/$", ""));
  }

  /**
   * A kubeconfig file whose one context, {@code strict}, points at the given server as this
   * server's administrator.
   */
  public static Path writeKubeconfig(Path file, String server) {
    return writeKubeconfig(file, server, ADMIN_TOKEN);
  }

  /**
   * A kubeconfig file for the operator's ServiceAccount (the chart's RBAC), for an operator run as
   * a process.
   */
  public Path writeOperatorKubeconfig(Path file) {
    return writeKubeconfig(file, url().replaceAll("/$", ""), OPERATOR_TOKEN);
  }

  /** A kubeconfig file for a user of the test's choosing, holding whatever RBAC the test grants. */
  public Path writeKubeconfigFor(String user, Path file, String... groups) {
    String token = "token-of-" + user;
    tokens.put(token, Caller.user(user, groups));
    return writeKubeconfig(file, url().replaceAll("/$", ""), token);
  }

  private static Path writeKubeconfig(Path file, String server, String token) {
    String text =
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: strict
          cluster: {server: "%s", insecure-skip-tls-verify: true}
        users:
        - name: admin
          user: {token: %s}
        contexts:
        - name: strict
          context: {cluster: strict, user: admin, namespace: default}
        current-context: strict
        """
            .formatted(server, token);
    try {
      return Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private KubernetesClient client(String token, String userAgent) {
    return new KubernetesClientBuilder().withConfig(config(token, userAgent)).build();
  }

  private Config config(String token, String userAgent) {
    return new ConfigBuilder(Config.empty())
        .withMasterUrl(url())
        .withOauthToken(token)
        .withNamespace("default")
        .withUserAgent(userAgent)
        .withTrustCerts(true)
        .withHttp2Disable(true)
        .build();
  }

  @Override
  public void close() {
    admin.close();
    KubernetesClient looseClient = loose.getAndSet(null);
    if (looseClient != null) {
      looseClient.close();
    }
    dispatcher.stopControllers();
    server.destroy();
  }
}
