package dev.switchboard.informers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.UnitTest;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the informers' stores keep of each object. */
@UnitTest
class SlimItemStoreTest {

  @Test
  void keepsNeitherManagedFieldsNorTheLastAppliedCopyButEverythingElse() {
    SlimItemStore<Secret> store = SlimItemStore.forNamespaces(Set.of());
    Secret secret =
        new SecretBuilder()
            .withNewMetadata()
            .withName("pg")
            .withNamespace("platform")
            .addToAnnotations(SlimItemStore.LAST_APPLIED, "{\"kind\":\"Secret\"}")
            .addToAnnotations("team", "payments")
            .addToLabels("switchboard.dev/credentials", "true")
            .withManagedFields(
                new ManagedFieldsEntryBuilder()
                    .withManager("kubectl")
                    .withOperation("Apply")
                    .build())
            .endMetadata()
            .addToData("password", "czNjcmV0")
            .build();

    store.put(store.getKey(secret), secret);

    Secret kept = store.get("platform/pg");
    assertThat(kept.getMetadata().getManagedFields()).isNullOrEmpty();
    assertThat(kept.getMetadata().getAnnotations()).containsOnlyKeys("team");
    assertThat(kept.getMetadata().getLabels()).containsEntry("switchboard.dev/credentials", "true");
    assertThat(kept.getData()).containsEntry("password", "czNjcmV0");
  }

  @Test
  void anObjectItCannotTrimIsKeptWhole() {
    SlimItemStore<Secret> store =
        SlimItemStore.forNamespaces(
            Set.of(),
            s -> {
              throw new IllegalStateException("malformed");
            });
    Secret secret =
        new SecretBuilder()
            .withNewMetadata()
            .withName("pg")
            .withNamespace("platform")
            .endMetadata()
            .build();

    store.put(store.getKey(secret), secret);

    assertThat(store.get("platform/pg")).isSameAs(secret);
  }

  @Test
  void anInformerPerNamespaceKeepsItsOwnStore() {
    // The SDK gives each namespace's informer the same configured store; one that lists again
    // would drop the other namespaces' objects from a shared one.
    assertThat(SlimItemStore.<Secret>forNamespaces(Set.of("team-a", "team-b"))).isNull();
    assertThat(SlimItemStore.<Secret>forNamespaces(Set.of("team-a"))).isNotNull();
  }
}
