package dev.switchboard.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.apiserver.Processes;
import dev.switchboard.testing.Crds;
import dev.switchboard.testing.RealServerTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's test command on a machine that lacks something: one line that names it, before any
 * build.
 */
@RealServerTest
class TestScriptRealServerTest {
  @TempDir Path bin;

  @Test
  void aMissingKubectlIsOneLineThatSaysWhereToGetIt() throws IOException {
    var run = withPathWithout("kubectl");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().lines().toList())
        .singleElement()
        .asString()
        .startsWith("scripts/test: kubectl is not on the PATH")
        .contains("https://kubernetes.io/docs/tasks/tools/");
  }

  @Test
  void withEverythingThereTheCheckPasses() throws IOException {
    var run = withPathWithout("no-such-tool");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("everything the tests need is here");
  }

  /** Runs scripts/test --check with a PATH that holds every command of this machine but one. */
  private Processes.Outcome withPathWithout(String missing) throws IOException {
    for (String dir : List.of("/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
      if (!Files.isDirectory(Path.of(dir))) {
        continue;
      }
      try (Stream<Path> commands = Files.list(Path.of(dir))) {
        for (Path command : commands.toList()) {
          Path link = bin.resolve(command.getFileName());
          if (!command.getFileName().toString().equals(missing)
              && !Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(link, command);
          }
        }
      }
    }
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("PATH", bin.toString());
    return Processes.execute(
        Duration.ofMinutes(2),
        List.of("/bin/bash", Crds.projectRoot().resolve("scripts/test").toString(), "--check"),
        env);
  }
}
