package dev.switchboard.apiserver;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the local server binaries the real-server tests start. */
public final class Processes {
  private Processes() {}

  public static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** What a finished command printed on each stream, and how it ended. */
  public record Outcome(int exitCode, String out, String err) {}

  /**
   * Runs a command to completion and tells how it ended; fails only when it does not end in time.
   */
  public static Outcome execute(Duration timeout, List<String> command) {
    return execute(timeout, command, null);
  }

  /** As above, with exactly this environment (null: this process's). */
  public static Outcome execute(
      Duration timeout, List<String> command, Map<String, String> environment) {
    try {
      Path out = Files.createTempFile("switchboard-cmd", ".out");
      Path err = Files.createTempFile("switchboard-cmd", ".err");
      try {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (environment != null) {
          builder.environment().clear();
          builder.environment().putAll(environment);
        }
        Process p = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          p.destroyForcibly();
          throw new IllegalStateException("Timed out: " + String.join(" ", command));
        }
        return new Outcome(
            p.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Runs a command to completion; fails with its output when it fails. */
  public static String run(Duration timeout, String... command) {
    Outcome outcome = execute(timeout, List.of(command));
    String output = outcome.out() + outcome.err();
    if (outcome.exitCode() != 0) {
      throw new IllegalStateException(
          "Failed (" + outcome.exitCode() + "): " + String.join(" ", command) + "\n" + output);
    }
    return output;
  }

  /** The command as the given system user when running as root (servers refuse to run as root). */
  public static String[] as(String user, String... command) {
    if (!isRoot()) {
      return command;
    }
    List<String> c = new ArrayList<>(List.of("runuser", "-u", user, "--"));
    c.addAll(List.of(command));
    return c.toArray(String[]::new);
  }

  /** Stops a server the tests started and removes its directory. */
  public static void stop(Process process, Path dir) {
    halt(process);
    run(Duration.ofSeconds(30), "rm", "-rf", dir.toString());
  }

  /** Stops a server the tests started and waits until it is gone. */
  public static void halt(Process process) {
    process.destroy();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static void awaitPort(int port, Duration timeout) {
    Instant end = Instant.now().plus(timeout);
    while (Instant.now().isBefore(end)) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        try {
          Thread.sleep(50);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
    throw new IllegalStateException("Nothing listens on port " + port + " after " + timeout);
  }
}
