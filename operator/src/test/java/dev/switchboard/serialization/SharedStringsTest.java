package dev.switchboard.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.UnitTest;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

/**
 * Text repeated across cached objects is held once, whatever field of whatever object it sits in,
 * but data.
 */
@UnitTest
class SharedStringsTest {
  private final KubernetesSerialization serialization = LenientDeserialization.serialization();

  private Secret secret(String name, String blob) {
    return serialization.unmarshal(
        "{\"apiVersion\": \"v1\", \"kind\": \"Secret\", \"metadata\": {\"name\": \""
            + name
            + "\", \"namespace\": \"team-a\", \"labels\": {\"app.kubernetes.io/managed-by\": \"switchboard\"},"
            + " \"ownerReferences\": [{\"apiVersion\": \"switchboard.dev/v1alpha1\", \"kind\": \"WorkspaceBinding\","
            + " \"name\": \"orders\", \"uid\": \"6f1c\"}]}, \"data\": {\"host\": \"ZGIuZXhhbXBsZQ==\", \"blob\": \""
            + blob
            + "\"}}",
        Secret.class);
  }

  @Test
  void repeatedValuesAreOneInstance() {
    Secret a = secret("orders", "eA==");
    Secret b = secret("orders-copy", "eA==");

    assertThat(b.getMetadata().getNamespace()).isSameAs(a.getMetadata().getNamespace());
    assertThat(b.getMetadata().getLabels().get("app.kubernetes.io/managed-by"))
        .isSameAs(a.getMetadata().getLabels().get("app.kubernetes.io/managed-by"));
    assertThat(b.getMetadata().getOwnerReferences().get(0).getName())
        .isSameAs(a.getMetadata().getOwnerReferences().get(0).getName())
        .isSameAs(a.getMetadata().getName());
  }

  /** A Secret's content may be a credential: it never goes into the JVM's string table. */
  @Test
  void secretDataIsNeverShared() {
    String canonical = new String("ZGIuZXhhbXBsZQ==").intern();
    Secret a = secret("orders", "eA==");
    assertThat(a.getData().get("host")).isEqualTo(canonical).isNotSameAs(canonical);
    assertThat(a.getMetadata().getNamespace()).isSameAs("team-a".intern());
    Secret viaStringData =
        serialization.unmarshal(
            "{\"apiVersion\": \"v1\", \"kind\": \"Secret\", \"metadata\":"
                + " {\"name\": \"s\"}, \"stringData\": {\"password\": \"ZGIuZXhhbXBsZQ==\"}}",
            Secret.class);
    assertThat(viaStringData.getStringData().get("password")).isNotSameAs(canonical);
  }

  @Test
  void longValuesAreLeftAlone() {
    String big = "A".repeat(SharedStrings.MAX_SHARED_LENGTH + 1);
    assertThat(secret("x", big).getData().get("blob"))
        .isNotSameAs(secret("y", big).getData().get("blob"))
        .isEqualTo(big);
  }
}
