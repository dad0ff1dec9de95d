package dev.switchboard.apiserver;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The real kubectl binary, pointed at a test API server through a kubeconfig file. */
public final class Kubectl {
  private final Path kubeconfig;

  public Kubectl(Path kubeconfig) {
    this.kubeconfig = kubeconfig;
  }

  /** What one run printed, and how it ended. */
  public record Result(int exitCode, String out, String err) {
    public Result orFail() {
      if (exitCode != 0) {
        throw new AssertionError("kubectl exited " + exitCode + ": " + err + out);
      }
      return this;
    }
  }

  public Result run(String... args) {
    List<String> command =
        new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    Processes.Outcome outcome = Processes.execute(Duration.ofSeconds(60), command);
    return new Result(outcome.exitCode(), outcome.out(), outcome.err());
  }
}
