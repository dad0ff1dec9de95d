package dev.switchboard.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.apiserver.Processes;
import dev.switchboard.testing.HelmCharts;
import dev.switchboard.testing.RealServerTest;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image the build writes (a Docker archive), unpacked layer by layer as a container runtime
 * does and run from its own root: its own JRE and libraries, its entrypoint, its user, its
 * environment.
 */
@RealServerTest
class ImageIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path ARCHIVE =
      Path.of(System.getProperty("switchboard.image", "target/switchboard-operator-image.tar"));

  @TempDir static Path dir;
  private static Path rootfs;
  private static JsonNode config;
  private static JsonNode manifest;

  @BeforeAll
  static void unpack() throws Exception {
    Path archive = dir.resolve("archive");
    Files.createDirectories(archive);
    Processes.run(
        Duration.ofMinutes(1), "tar", "-xf", ARCHIVE.toString(), "-C", archive.toString());
    manifest = JSON.readTree(archive.resolve("manifest.json").toFile()).get(0);
    config = JSON.readTree(archive.resolve(manifest.path("Config").asText()).toFile());
    rootfs = dir.resolve("rootfs");
    Files.createDirectories(rootfs);
    for (JsonNode layer : manifest.path("Layers")) {
      Processes.run(
          Duration.ofMinutes(1),
          "tar",
          "-xf",
          archive.resolve(layer.asText()).toString(),
          "-C",
          rootfs.toString());
    }
  }

  @Test
  void itRunsTheOperatorFromItsOwnRootAsANonRootUser() {
    assertThat(config.at("/config/User").asText()).isEqualTo("65532:65532");
    var help = runInImage("--help");
    assertThat(help.exitCode()).as(help.err()).isZero();
    assertThat(help.out()).contains("Usage: switchboard-operator", "--kubeconfig", "--http-port");
    var version = runInImage("--version");
    assertThat(version.out().strip())
        .isEqualTo("Switchboard operator " + System.getProperty("switchboard.version"));
  }

  /** Its JVM flags reach the JVM without a line before the first log line (JAVA_TOOL_OPTIONS). */
  @Test
  void theChartsCommandRunsItWithTheChartsJvmFlagsAndPrintsOnlyWhatItIsAsked() {
    var container =
        HelmCharts.named(HelmCharts.render(Map.of()), "Deployment", "switchboard")
            .at("/spec/template/spec/containers/0");
    List<String> command = new ArrayList<>();
    container.at("/command").forEach(n -> command.add(n.asText()));
    assertThat(command).contains("-XX:MaxRAMPercentage=75");
    assertThat(container.at("/env").findValuesAsText("name")).doesNotContain("JAVA_TOOL_OPTIONS");
    command.add("--version");
    var version = runInImage(command);
    assertThat(version.exitCode()).as(version.err()).isZero();
    assertThat(version.err()).isEmpty();
    assertThat(version.out().strip())
        .isEqualTo("Switchboard operator " + System.getProperty("switchboard.version"));
  }

  @Test
  void withoutAClusterItSaysSoInOneLine() {
    var run = runInImage();
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().strip()).startsWith("switchboard-operator: No cluster to run against");
  }

  @Test
  void itHoldsNoShellAndNoPackageManager() {
    for (String tool : List.of("bin/sh", "bin/bash", "usr/bin/sh", "usr/bin/apt", "usr/bin/dpkg")) {
      assertThat(rootfs.resolve(tool)).as(tool).doesNotExist();
    }
  }

  @Test
  void theJreTrustsThePublicCertificateAuthorities() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(rootfs.resolve("etc/ssl/certs/java/cacerts"))) {
      store.load(in, "changeit".toCharArray());
    }
    assertThat(store.size()).isGreaterThan(100);
    Path jreLink = rootfs.resolve("usr/lib/jvm/java-17-openjdk-amd64/lib/security/cacerts");
    assertThat(Files.readSymbolicLink(jreLink).toString()).isEqualTo("/etc/ssl/certs/java/cacerts");
  }

  @Test
  void itSaysWhereItComesFrom() {
    JsonNode labels = config.at("/config/Labels");
    assertThat(labels.path("org.opencontainers.image.source").asText())
        .startsWith("https://github.com/");
    assertThat(labels.path("org.opencontainers.image.revision").asText())
        .as("the commit it was built from")
        .matches("[0-9a-f]{40}");
    assertThat(labels.path("org.opencontainers.image.created").asText())
        .as("the commit's time, so the same commit gives the same image")
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(labels.path("org.opencontainers.image.version").asText())
        .isEqualTo(System.getProperty("switchboard.version"));
    assertThat(labels.path("org.opencontainers.image.licenses").asText()).isEqualTo("Apache-2.0");
  }

  /**
   * The SBOM beside the archive names the image as its subject and lists every library jar in the
   * image and every Debian package of its base, by package URL.
   */
  @Test
  void itsSbomListsEveryLibraryAndPackageInIt() throws Exception {
    JsonNode sbom = JSON.readTree(Path.of(System.getProperty("switchboard.imageSbom")).toFile());
    assertThat(sbom.path("bomFormat").asText()).isEqualTo("CycloneDX");
    assertThat(sbom.at("/metadata/component/type").asText()).isEqualTo("container");
    assertThat(
            sbom.at("/metadata/component/name").asText()
                + ":"
                + sbom.at("/metadata/component/version").asText())
        .isEqualTo(System.getProperty("switchboard.imageName"));
    List<String> listed = new ArrayList<>();
    sbom.path("components")
        .forEach(c -> listed.add(c.path("name").asText() + "-" + c.path("version").asText()));
    List<String> jars;
    try (var files = Files.list(rootfs.resolve("app/libs"))) {
      jars =
          files
              .map(f -> f.getFileName().toString().replaceFirst("\\.jar$", ""))
              .filter(n -> !n.startsWith("switchboard-"))
              .toList();
    }
    assertThat(jars).isNotEmpty();
    assertThat(listed).as("every library jar in the image").containsAll(jars);
    List<String> purls = new ArrayList<>();
    sbom.path("components").forEach(c -> purls.add(c.path("purl").asText()));
    assertThat(purls)
        .anyMatch(p -> p.startsWith("pkg:deb/debian/openjdk-17-jre-headless@"))
        .anyMatch(p -> p.startsWith("pkg:deb/debian/libc6@"))
        .anyMatch(p -> p.startsWith("pkg:maven/io.javaoperatorsdk/operator-framework-core@"));
  }

  @Test
  void itIsTheChartsDefaultImage() {
    var deployment = HelmCharts.named(HelmCharts.render(Map.of()), "Deployment", "switchboard");
    assertThat(manifest.path("RepoTags").get(0).asText())
        .isEqualTo(System.getProperty("switchboard.imageName"))
        .isEqualTo(deployment.at("/spec/template/spec/containers/0/image").asText());
  }

  /**
   * The image's entrypoint and arguments, run as its user with its environment, inside its root
   * with /proc mounted (the JRE finds its libraries through /proc/self/exe), as a container runtime
   * starts it.
   */
  private static Processes.Outcome runInImage(String... args) {
    List<String> command = new ArrayList<>();
    config.at("/config/Entrypoint").forEach(n -> command.add(n.asText()));
    command.addAll(List.of(args));
    return runInImage(command);
  }

  /** A command run in the image as {@link #runInImage(String...)} runs the entrypoint. */
  private static Processes.Outcome runInImage(List<String> command) {
    String user = config.at("/config/User").asText();
    String inRoot =
        "/usr/bin/mount -t proc proc \"$0/proc\" && exec /usr/sbin/chroot "
            + (Processes.isRoot() ? "--userspec=" + user + " " : "")
            + "\"$0\" \"$@\"";
    List<String> full =
        new ArrayList<>(
            Processes.isRoot()
                ? List.of("/usr/bin/unshare", "--mount", "--pid", "--fork")
                : List.of(
                    "/usr/bin/unshare", "--user", "--map-root-user", "--mount", "--pid", "--fork"));
    full.addAll(List.of("/bin/sh", "-c", inRoot, rootfs.toString()));
    full.addAll(command);
    Map<String, String> env = new HashMap<>();
    config
        .at("/config/Env")
        .forEach(
            n -> {
              String[] kv = n.asText().split("=", 2);
              env.put(kv[0], kv[1]);
            });
    return Processes.execute(Duration.ofMinutes(1), full, env);
  }
}
