package dev.switchboard.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.v1alpha1.ConnectionSpec;
import dev.switchboard.api.v1alpha1.ConnectionTestPolicy;
import dev.switchboard.plugin.PluginRegistry;
import dev.switchboard.testing.Fixtures;
import dev.switchboard.testing.UnitTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What makes a Connection InvalidSpec, checked again in the operator: the API server may not have
 * validated it.
 */
@UnitTest
class ConnectionSpecValidatorTest {
  private final ConnectionSpecValidator validator =
      new ConnectionSpecValidator(PluginRegistry.builtIn());

  @Test
  void everyExampleTypeWithItsFieldsIsValid() {
    assertThat(validator.problems(Fixtures.postgres("p", "db", "pg").getSpec())).isEmpty();
    ConnectionSpec s3 = new ConnectionSpec();
    s3.setType("s3");
    s3.setUrl("https://store.example");
    s3.setCredentials(Fixtures.postgres("p", "db", "key").getSpec().getCredentials());
    assertThat(validator.problems(s3)).isEmpty();
  }

  @Test
  void anUnknownTypeNamesTheKnownOnes() {
    assertThat(validator.problems(Fixtures.spec("oracle", "db", null, null)))
        .singleElement()
        .asString()
        .startsWith("unknown type 'oracle' (known: ")
        .contains("postgresql", "kafka", "s3");
  }

  @Test
  void eachProblemIsNamed() {
    ConnectionSpec spec = Fixtures.spec("rabbitmq", null, 70000, null);
    spec.setTest(new ConnectionTestPolicy());
    spec.getTest().setInterval("soon");
    spec.getTest().setTimeout("later");
    spec.setParameters(Map.of("servers", "mq-0:99999"));
    assertThat(validator.problems(spec))
        .contains(
            "spec.port must be between 1 and 65535",
            "type rabbitmq needs spec.host",
            "type rabbitmq needs spec.credentials",
            "spec.test.interval is not a duration such as 5m",
            "spec.test.timeout is not a duration such as 10s");
  }

  @Test
  void typeSpecificRulesComeFromThePlugin() {
    ConnectionSpec kafka = Fixtures.spec("kafka", "k", null, null);
    kafka.setParameters(Map.of("saslMechanism", "GSSAPI"));
    assertThat(validator.problems(kafka))
        .containsExactly(
            "parameters.saslMechanism must be one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512");
    ConnectionSpec http = Fixtures.spec("http", null, null, null);
    assertThat(validator.problems(http)).containsExactly("type http needs spec.url");
  }
}
