package dev.switchboard.reliability;

import dev.switchboard.testing.Crds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends the figures the reliability suite measures to operator/target/reliability-figures.txt.
 */
final class ReliabilityFigures {
  private ReliabilityFigures() {}

  static void record(String name, Object value) {
    Path file = Crds.projectRoot().resolve("operator/target/reliability-figures.txt");
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(
          file, name + ": " + value + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
