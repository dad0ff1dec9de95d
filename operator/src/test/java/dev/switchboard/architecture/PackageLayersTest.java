package dev.switchboard.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.Crds;
import dev.switchboard.testing.UnitTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The operator's packages form layers and every import points down them: a package sees only the
 * ones before it in {@link #LAYERS}, so no two packages can need each other. docs/architecture.md
 * draws the same order.
 */
@UnitTest
class PackageLayersTest {
  private static final String ROOT = "dev.switchboard";

  /** Lowest first. "" is the root package (the operator's wiring and its settings). */
  static final List<String> LAYERS =
      List.of(
          "api",
          "kube",
          "serialization",
          "informers",
          "support",
          "plugin",
          "credentials",
          "provision",
          "rollout",
          "connection",
          "binding",
          "",
          "runtime");

  /**
   * The jar's entry point keeps its name, dev.switchboard.Main, and only hands over to the command
   * line in runtime/.
   */
  private static final String ENTRY_POINT = "Main.java";

  private static final Pattern IMPORT =
      Pattern.compile(
          "^import (?:static )?dev\\.switchboard\\.([a-z0-9_.]*?)\\.?[A-Z]", Pattern.MULTILINE);

  @Test
  void everyImportPointsDownTheLayers() throws IOException {
    Map<String, TreeSet<String>> upward = new TreeMap<>();
    for (Path file : sources()) {
      String from = packageOf(file);
      if (from.isEmpty() && file.getFileName().toString().equals(ENTRY_POINT)) {
        continue;
      }
      assertThat(LAYERS).as("the layer of package %s", name(from)).contains(from);
      Matcher m = IMPORT.matcher(Files.readString(file));
      while (m.find()) {
        String to = m.group(1).split("\\.")[0];
        if (!to.equals(from) && LAYERS.indexOf(to) > LAYERS.indexOf(from)) {
          upward
              .computeIfAbsent(name(from) + " -> " + name(to), k -> new TreeSet<>())
              .add(file.getFileName().toString());
        }
      }
    }
    assertThat(upward).as("imports of a package from a layer above it").isEmpty();
  }

  private static List<Path> sources() throws IOException {
    Path main = Crds.projectRoot().resolve("operator/src/main/java/dev/switchboard");
    try (Stream<Path> files = Files.walk(main)) {
      return new ArrayList<>(files.filter(f -> f.toString().endsWith(".java")).toList());
    }
  }

  /** The first package below dev.switchboard the file is in, "" for the root. */
  private static String packageOf(Path file) throws IOException {
    Matcher m =
        Pattern.compile("^package ([a-z0-9_.]+);", Pattern.MULTILINE)
            .matcher(Files.readString(file));
    if (!m.find()) {
      throw new IllegalStateException("no package in " + file);
    }
    String pkg = m.group(1);
    return pkg.equals(ROOT) ? "" : pkg.substring(ROOT.length() + 1).split("\\.")[0];
  }

  private static String name(String layer) {
    return layer.isEmpty() ? ROOT : ROOT + "." + layer;
  }
}
