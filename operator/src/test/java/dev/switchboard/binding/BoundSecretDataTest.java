package dev.switchboard.binding;

import static dev.switchboard.testing.Fixtures.b64;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.provision.BindingUsers;
import dev.switchboard.testing.UnitTest;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the cache keeps of a bound Secret's data, and that it still tells changed data apart. */
@UnitTest
class BoundSecretDataTest {

  @Test
  void aTrimmedSecretKeepsNoCredentialButStillComparesByItsData() {
    Secret cached = BoundSecretData.trim(bound(Map.of("username", "app", "password", "s3cret")));

    assertThat(cached.getData()).containsOnlyKeys(BoundSecretData.DIGEST_KEY);
    assertThat(cached.getData().values()).noneMatch(v -> v.contains(b64("s3cret")));
    assertThat(
            BoundSecretData.sameData(
                cached, bound(Map.of("password", "s3cret", "username", "app"))))
        .isTrue();
    assertThat(
            BoundSecretData.sameData(
                cached, bound(Map.of("username", "app", "password", "guessed"))))
        .isFalse();
    assertThat(BoundSecretData.sameData(cached, bound(Map.of("username", "app")))).isFalse();
  }

  @Test
  void aSecretHoldingAPerBindingUsersPasswordKeepsItsData() {
    Secret secret = bound(Map.of("username", "sb_1", "password", "generated"));
    secret
        .getMetadata()
        .setAnnotations(Map.of(BindingUsers.PASSWORD_SET_AT_ANNOTATION, "2026-11-26T12:00:00Z"));

    assertThat(BoundSecretData.trim(secret).getData()).containsEntry("password", b64("generated"));
  }

  private static Secret bound(Map<String, String> plain) {
    var data = new java.util.HashMap<String, String>();
    plain.forEach((k, v) -> data.put(k, b64(v)));
    return new SecretBuilder()
        .withNewMetadata()
        .withName("orders-db")
        .withNamespace("team-a")
        .endMetadata()
        .withData(data)
        .build();
  }
}
