package dev.switchboard.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.Crds;
import dev.switchboard.testing.UnitTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every test class is in exactly one tier, named by its tier annotation (UnitTest, ApiServerTest,
 * RealServerTest or ReliabilityTest in dev.switchboard.testing; in apiserver-sim and playground,
 * which cannot see them, by the tag they stand for), so that each tier's command (docs/testing.md)
 * runs all of it.
 */
@UnitTest
class TestTiersTest {
  private static final List<String> TIERS =
      List.of("unit", "apiserver", "realserver", "reliability");
  private static final Pattern TAG =
      Pattern.compile(
          "@(UnitTest|ApiServerTest|RealServerTest|ReliabilityTest)\\b|@Tag\\(\"([a-z]+)\"\\)");

  /**
   * What a class name promises: *MockServerTest runs against the strict API server (apiserver, or
   * reliability at scale), *RealServerTest and *IT against real servers or processes, any other
   * *Test against nothing.
   */
  static List<String> tierNamed(String className) {
    if (className.endsWith("MockServerTest")) {
      return List.of("apiserver", "reliability");
    }
    if (className.endsWith("RealServerTest") || className.endsWith("IT")) {
      return List.of("realserver");
    }
    return List.of("unit");
  }

  private static String tierOf(String annotation) {
    return annotation.replace("Test", "").toLowerCase(java.util.Locale.ROOT);
  }

  @Test
  void everyTestClassNamesOneTier() throws IOException {
    List<Path> roots =
        List.of(
            Crds.projectRoot().resolve("operator/src/test/java"),
            Crds.projectRoot().resolve("benchmark/src/test/java"),
            Crds.projectRoot().resolve("apiserver-sim/src/test/java"),
            Crds.projectRoot().resolve("helm/src/test/java"),
            Crds.projectRoot().resolve("playground/src/test/java"));
    for (Path root : roots) {
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          String text = Files.readString(file);
          if (!text.contains("@Test") && !text.contains("@ParameterizedTest")) {
            continue;
          }
          Matcher tags = TAG.matcher(text);
          List<String> found =
              tags.results()
                  .map(m -> m.group(1) != null ? tierOf(m.group(1)) : m.group(2))
                  .toList();
          assertThat(found).as(root.relativize(file).toString()).hasSize(1);
          assertThat(TIERS).as(root.relativize(file).toString()).contains(found.get(0));
          String name = file.getFileName().toString().replace(".java", "");
          assertThat(tierNamed(name).contains(found.get(0)))
              .as("%s's name says tier %s; its tag says %s", name, tierNamed(name), found.get(0))
              .isTrue();
        }
      }
    }
  }
}
