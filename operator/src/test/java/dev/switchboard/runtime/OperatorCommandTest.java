package dev.switchboard.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.UnitTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

@UnitTest
class OperatorCommandTest {

  @Test
  void helpListsEveryOptionWithItsDefault() {
    StringWriter out = new StringWriter();
    int code =
        new CommandLine(new OperatorCommand()).setOut(new PrintWriter(out)).execute("--help");
    assertThat(code).isZero();
    assertThat(out.toString())
        .contains(
            "--namespaces",
            "--test-concurrency",
            "--default-test-interval",
            "--default-test-timeout",
            "--http-port",
            "--log-format",
            "--leader-election",
            "--lease-namespace")
        .contains("Default: 10")
        .contains("Default: 5m")
        .contains("Default: 8080")
        .contains("Default: text");
  }

  @Test
  void optionsBecomeSettings() {
    var command = new OperatorCommand();
    new CommandLine(command)
        .parseArgs(
            "--namespaces",
            "team-a, team-b",
            "--test-concurrency",
            "3",
            "--default-test-interval",
            "90s",
            "--leader-election",
            "--lease-namespace",
            "ops");
    var settings = command.settings();
    assertThat(settings.namespaces()).isEqualTo(Set.of("team-a", "team-b"));
    assertThat(settings.testConcurrency()).isEqualTo(3);
    assertThat(settings.defaultTestInterval()).isEqualTo(Duration.ofSeconds(90));
    assertThat(settings.leaderElection())
        .hasValueSatisfying(le -> assertThat(le.leaseNamespace()).isEqualTo("ops"));
  }

  @Test
  void aBadDurationIsRejectedWithAClearMessage() {
    StringWriter err = new StringWriter();
    int code =
        new CommandLine(new OperatorCommand())
            .setErr(new PrintWriter(err))
            .execute("--default-test-interval", "soon");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("'soon' is not a duration");
  }
}
