package dev.switchboard.bench;

import static dev.switchboard.testing.Fixtures.b64;
import static dev.switchboard.testing.Fixtures.credentials;
import static dev.switchboard.testing.Fixtures.namespace;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.v1alpha1.Connection;
import dev.switchboard.api.v1alpha1.ConnectionStatus;
import dev.switchboard.testing.ApiServerTest;
import dev.switchboard.testing.Crds;
import dev.switchboard.testing.Fixtures;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The benchmark's indexed API server answers exactly as the stock CRUD mock server does. */
@ApiServerTest
class IndexedCrudDispatcherMockServerTest {

  @Test
  void answersEveryKindOfRequestLikeTheStockServer() {
    List<String> stock = script(new KubernetesCrudDispatcher());
    List<String> indexed = script(new IndexedCrudDispatcher());

    assertThat(indexed).containsExactlyElementsOf(stock);
    // The script saw what a working server shows, so equal transcripts mean equal behaviour.
    assertThat(stock)
        .contains(
            "duplicate create: 409",
            "get a/s1: {k=v1}, labels {x=1}",
            "get b/s1: absent",
            "list a: [s1, s3]",
            "list all x=1: [a/s1, b/s2]",
            "list all x!=1: [a/s3, a/s4]",
            "get a/s1 after edit: {k=v2}, labels {x=1}",
            "connection status: observedGeneration 1, spec host 127.0.0.1",
            "a/s4 after delete with finalizer: deleting=true",
            "a/s4 after finalizer removed: absent",
            "delete a/s3: 1 deleted, again: 0 deleted",
            "list all x=1 at end: [a/s1, b/s2]");
  }

  private static List<String> script(KubernetesCrudDispatcher dispatcher) {
    var server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    server.init();
    List<String> t = new ArrayList<>();
    try (KubernetesClient client = server.createClient()) {
      Crds.createIn(client);
      client.resource(namespace("a")).create();
      client.resource(namespace("b")).create();
      client.resource(labelled(credentials("a", "s1", "k", "v1"), "1")).create();
      client.resource(labelled(credentials("b", "s2", "k", "v1"), "1")).create();
      client.resource(credentials("a", "s3", "k", "v1")).create();
      t.add(
          "duplicate create: "
              + code(() -> client.resource(credentials("a", "s1", "k", "other")).create()));
      t.add("get a/s1: " + describe(client.secrets().inNamespace("a").withName("s1").get()));
      t.add("get b/s1: " + describe(client.secrets().inNamespace("b").withName("s1").get()));

      Secret guarded = credentials("a", "s4", "k", "v1");
      guarded.getMetadata().setFinalizers(List.of("example.com/keep"));
      client.resource(guarded).create();
      t.add(
          "list a: "
              + client.secrets().inNamespace("a").list().getItems().stream()
                  .filter(s -> !s.getMetadata().getName().equals("s4"))
                  .map(s -> s.getMetadata().getName())
                  .sorted()
                  .toList());
      t.add(
          "list all x=1: "
              + keys(client.secrets().inAnyNamespace().withLabel("x", "1").list().getItems()));
      t.add(
          "list all x!=1: "
              + keys(client.secrets().inAnyNamespace().withoutLabel("x", "1").list().getItems()));

      client
          .secrets()
          .inNamespace("a")
          .withName("s1")
          .edit(
              s -> {
                s.getData().put("k", b64("v2"));
                return s;
              });
      t.add(
          "get a/s1 after edit: "
              + describe(client.secrets().inNamespace("a").withName("s1").get()));

      Connection conn = client.resource(Fixtures.postgres("a", "db", "s1")).create();
      conn.setStatus(new ConnectionStatus());
      conn.getStatus().setObservedGeneration(conn.getMetadata().getGeneration());
      client.resource(conn).patchStatus();
      Connection live = client.resources(Connection.class).inNamespace("a").withName("db").get();
      t.add(
          "connection status: observedGeneration "
              + live.getStatus().getObservedGeneration()
              + ", spec host "
              + live.getSpec().getHost());

      client.secrets().inNamespace("a").withName("s4").delete();
      t.add(
          "a/s4 after delete with finalizer: deleting="
              + (client
                      .secrets()
                      .inNamespace("a")
                      .withName("s4")
                      .get()
                      .getMetadata()
                      .getDeletionTimestamp()
                  != null));
      client
          .secrets()
          .inNamespace("a")
          .withName("s4")
          .edit(
              s -> {
                s.getMetadata().setFinalizers(List.of());
                return s;
              });
      t.add(
          "a/s4 after finalizer removed: "
              + describe(client.secrets().inNamespace("a").withName("s4").get()));

      int first = client.secrets().inNamespace("a").withName("s3").delete().size();
      int again = client.secrets().inNamespace("a").withName("s3").delete().size();
      t.add("delete a/s3: " + first + " deleted, again: " + again + " deleted");
      t.add(
          "list all x=1 at end: "
              + keys(client.secrets().inAnyNamespace().withLabel("x", "1").list().getItems()));
    } finally {
      server.destroy();
    }
    return t;
  }

  private static Secret labelled(Secret s, String x) {
    s.getMetadata().setLabels(Map.of("x", x));
    return s;
  }

  private static String describe(Secret s) {
    if (s == null) {
      return "absent";
    }
    Map<String, String> data = new TreeMap<>(Fixtures.decoded(s));
    return data
        + ", labels "
        + new TreeMap<>(
            s.getMetadata().getLabels() == null ? Map.of() : s.getMetadata().getLabels());
  }

  private static List<String> keys(List<Secret> secrets) {
    return secrets.stream()
        .map(s -> s.getMetadata().getNamespace() + "/" + s.getMetadata().getName())
        .sorted()
        .toList();
  }

  private static String code(Supplier<?> request) {
    try {
      request.get();
      return "accepted";
    } catch (KubernetesClientException e) {
      return String.valueOf(e.getCode());
    }
  }
}
