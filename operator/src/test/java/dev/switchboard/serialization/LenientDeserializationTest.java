package dev.switchboard.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.v1alpha1.Connection;
import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.testing.UnitTest;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

/** A wrongly typed field arrives as absent and is named, instead of failing the whole object. */
@UnitTest
class LenientDeserializationTest {
  private final KubernetesSerialization serialization = LenientDeserialization.serialization();

  private Connection connection(String spec) {
    return serialization.unmarshal(
        "{\"apiVersion\": \"switchboard.dev/v1alpha1\", \"kind\": \"Connection\", "
            + "\"metadata\": {\"name\": \"c\"}, \"spec\": "
            + spec
            + "}",
        Connection.class);
  }

  @Test
  void wrongScalarTypesAreNamed() {
    var c =
        connection(
            "{\"type\": \"postgresql\", \"port\": \"abc\", \"database\": {\"d\": 1}, \"host\": [\"h\"]}");
    assertThat(c.getSpec().getType()).isEqualTo("postgresql");
    assertThat(c.getSpec().getPort()).isEqualTo(LenientDeserialization.INVALID_NUMBER);
    assertThat(c.getSpec().getDatabase()).isNull();
    assertThat(c.getSpec().malformedFields()).contains("port", "database", "host");
  }

  @Test
  void wrongObjectTypesAreNamedOnTheirParent() {
    var c =
        connection(
            "{\"type\": \"postgresql\", \"tls\": \"yes\", \"credentials\": {\"secretRef\": \"pg\"},"
                + " \"test\": {\"enabled\": \"maybe\"}, \"port\": 2147483648}");
    assertThat(c.getSpec().malformedFields()).contains("tls");
    assertThat(c.getSpec().getCredentials().malformedFields()).containsExactly("secretRef");
    assertThat(c.getSpec().getTest().malformedFields()).containsExactly("enabled");
    assertThat(c.getSpec().malformedFields()).contains("port");
  }

  @Test
  void aBindingWithWrongTypesStillArrives() {
    var b =
        serialization.unmarshal(
            "{\"apiVersion\": \"switchboard.dev/v1alpha1\", \"kind\": \"WorkspaceBinding\","
                + " \"metadata\": {\"name\": \"b\"}, \"spec\": {\"connectionRef\": \"x\", \"subjects\": \"everyone\"}}",
            WorkspaceBinding.class);
    assertThat(b.getSpec().malformedFields())
        .containsExactlyInAnyOrder("connectionRef", "subjects");
  }
}
