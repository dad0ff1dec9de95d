package dev.switchboard.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.UnitTest;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import org.junit.jupiter.api.Test;

/** Which Pod templates read a Secret, and so are rolled when it changes. */
@UnitTest
class SecretMountsTest {
  private static PodTemplateSpec template(PodSpecBuilder spec) {
    return new PodTemplateSpecBuilder().withSpec(spec.build()).build();
  }

  private static PodSpecBuilder pod() {
    return new PodSpecBuilder().addNewContainer().withName("app").endContainer();
  }

  @Test
  void aSecretVolumeAndAProjectedOneRead() {
    assertThat(
            SecretMounts.mounts(
                template(
                    pod()
                        .addNewVolume()
                        .withName("v")
                        .withNewSecret()
                        .withSecretName("db")
                        .endSecret()
                        .endVolume()),
                "db"))
        .isTrue();
    assertThat(
            SecretMounts.mounts(
                template(
                    pod()
                        .addNewVolume()
                        .withName("v")
                        .withNewProjected()
                        .addNewSource()
                        .withNewConfigMap()
                        .withName("db")
                        .endConfigMap()
                        .endSource()
                        .addNewSource()
                        .withNewSecret()
                        .withName("db")
                        .endSecret()
                        .endSource()
                        .endProjected()
                        .endVolume()),
                "db"))
        .isTrue();
  }

  @Test
  void envAndEnvFromReadInAnyContainerInitContainersIncluded() {
    assertThat(
            SecretMounts.mounts(
                template(
                    pod()
                        .editFirstContainer()
                        .addNewEnv()
                        .withName("P")
                        .withNewValueFrom()
                        .withNewSecretKeyRef()
                        .withName("db")
                        .withKey("password")
                        .endSecretKeyRef()
                        .endValueFrom()
                        .endEnv()
                        .endContainer()),
                "db"))
        .isTrue();
    assertThat(
            SecretMounts.mounts(
                template(
                    pod()
                        .addNewInitContainer()
                        .withName("migrate")
                        .addNewEnvFrom()
                        .withNewSecretRef()
                        .withName("db")
                        .endSecretRef()
                        .endEnvFrom()
                        .endInitContainer()),
                "db"))
        .isTrue();
  }

  @Test
  void otherSecretsConfigMapsAndPlainValuesDoNotRead() {
    assertThat(
            SecretMounts.mounts(
                template(
                    pod()
                        .addNewVolume()
                        .withName("v")
                        .withNewSecret()
                        .withSecretName("other")
                        .endSecret()
                        .endVolume()),
                "db"))
        .isFalse();
    assertThat(
            SecretMounts.mounts(
                template(
                    pod()
                        .addNewVolume()
                        .withName("db")
                        .withNewConfigMap()
                        .withName("db")
                        .endConfigMap()
                        .endVolume()),
                "db"))
        .as("a ConfigMap of the same name")
        .isFalse();
    assertThat(
            SecretMounts.mounts(
                template(
                    pod()
                        .editFirstContainer()
                        .addNewEnv()
                        .withName("db")
                        .withValue("db")
                        .endEnv()
                        .addNewEnvFrom()
                        .withNewConfigMapRef()
                        .withName("db")
                        .endConfigMapRef()
                        .endEnvFrom()
                        .endContainer()),
                "db"))
        .isFalse();
    assertThat(SecretMounts.mounts(new PodTemplateSpec(), "db")).isFalse();
    assertThat(SecretMounts.mounts(null, "db")).isFalse();
  }
}
