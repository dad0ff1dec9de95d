package dev.switchboard;

import dev.switchboard.runtime.JvmDefaults;
import dev.switchboard.runtime.OperatorCommand;
import picocli.CommandLine;

/**
 * Runs Switchboard against the current kubeconfig, or the in-cluster configuration inside a Pod.
 * Logs nothing before the command line is read, because the log format is one of its options.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    JvmDefaults.apply();
    System.exit(new CommandLine(new OperatorCommand()).execute(args));
  }
}
