package dev.switchboard.runtime;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the kubeconfig files before the client does, because the client forgives too much: it falls
 * back to the current context when the one asked for does not exist (a typo could point the
 * operator at production), prints a YAML parser's trace for a malformed file, and treats an empty
 * file as no file (then blames the DNS of {@code kubernetes.default.svc}). Each of those is one
 * {@link StartupProblem} naming the file and what is wrong.
 */
final class KubeconfigCheck {
  private static final YAMLMapper YAML = new YAMLMapper();

  private KubeconfigCheck() {}

  /**
   * @param files the kubeconfig files in the order the client merges them
   * @param context the context asked for on the command line, if any
   */
  static void check(List<Path> files, Optional<String> context) throws StartupProblem {
    Set<String> contexts = new LinkedHashSet<>();
    String current = null;
    for (Path file : files) {
      JsonNode root = read(file);
      for (JsonNode c : root.path("contexts")) {
        if (c.hasNonNull("name")) {
          contexts.add(c.get("name").asText());
        }
      }
      if (current == null && !root.path("current-context").asText("").isEmpty()) {
        current = root.get("current-context").asText();
      }
    }
    String where =
        files.size() == 1 ? "The kubeconfig " + files.get(0) : "The kubeconfigs " + files;
    String wanted = context.orElse(current);
    if (wanted == null) {
      throw new StartupProblem(
          where + " sets no current context: pass --context (" + listed(contexts) + ")");
    }
    if (!contexts.contains(wanted)) {
      throw new StartupProblem(
          where
              + " has no context '"
              + wanted
              + "'"
              + (context.isPresent() ? "" : " (its current context)")
              + ": "
              + listed(contexts));
    }
  }

  private static String listed(Set<String> contexts) {
    return contexts.isEmpty()
        ? "it defines no contexts"
        : "its contexts are " + String.join(", ", contexts);
  }

  private static JsonNode read(Path file) throws StartupProblem {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new StartupProblem("The kubeconfig " + file + " cannot be read");
    }
    if (text.isBlank()) {
      throw new StartupProblem("The kubeconfig " + file + " is empty");
    }
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new StartupProblem(
          "The kubeconfig " + file + " is not valid YAML" + at(e.getLocation()) + firstLine(e));
    }
    if (root == null || !root.isObject()) {
      throw new StartupProblem(
          "The kubeconfig " + file + " is not a kubeconfig (no clusters, users or contexts)");
    }
    return root;
  }

  private static String at(JsonLocation location) {
    return location == null || location.getLineNr() < 1
        ? ""
        : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  /** The parser's own words, first line only: the rest repeats the file's text. */
  private static String firstLine(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    if (message == null || message.isBlank()) {
      return "";
    }
    List<String> lines = new ArrayList<>(message.strip().lines().toList());
    return ": " + lines.get(0).strip();
  }
}
