package dev.switchboard.bench;

import dev.switchboard.chart.Chart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU per binding of the operator against the minimal informer-based client, each in a JVM of its
 * own with the chart's JVM flags, started against a fresh server with the same population: process
 * CPU (user and system) from start until every binding and Connection is Ready, which is when the
 * benchmark stops it. The operator's resident memory is read then (and its peak), and again after
 * the idle window: what a memory limit has to hold.
 */
final class CpuComparison {
  private CpuComparison() {}

  /**
   * @param rssKiB resident memory at convergence (VmRSS)
   * @param peakRssKiB the highest it has been (VmHWM)
   * @param idleRssKiB resident memory after the idle window; 0 when not waited for
   */
  record Run(
      double seconds,
      double cpuMillis,
      long liveHeapBytes,
      long rssKiB,
      long peakRssKiB,
      long idleRssKiB) {}

  static Map<String, Object> run(Benchmark.Sizes sizes, int threads) throws Exception {
    Command operatorCommand =
        (cluster, dir) ->
            List.of(
                "dev.switchboard.Main",
                "--kubeconfig",
                cluster
                    .cluster
                    .writeOperatorKubeconfig(dir.resolve("operator.kubeconfig"))
                    .toString(),
                "--http-port",
                "0",
                "--log-format",
                "text");
    Command minimalCommand =
        (cluster, dir) ->
            List.of(
                MinimalClient.class.getName(),
                cluster.cluster.writeKubeconfig(dir.resolve("admin.kubeconfig")).toString(),
                String.valueOf(threads));
    Run operator = measure(sizes, operatorCommand, true);
    Run minimal = measure(sizes, minimalCommand, false);
    // What a process holds with one binding (classes' data, pools, buffers) is not per binding:
    // the heap per binding is the growth from one binding to the full population.
    Benchmark.Sizes one = new Benchmark.Sizes(1, 1, 1, 0, sizes.idle(), 0, 0, false);
    Run operatorAlone = measure(one, operatorCommand, false);
    Run minimalAlone = measure(one, minimalCommand, false);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("operatorCpuMsPerBinding", operator.cpuMillis() / sizes.bindings());
    r.put("minimalCpuMsPerBinding", minimal.cpuMillis() / sizes.bindings());
    r.put("cpuRatio", operator.cpuMillis() / minimal.cpuMillis());
    r.put("operatorSeconds", operator.seconds());
    r.put("minimalSeconds", minimal.seconds());
    r.put("convergenceRatio", operator.seconds() / minimal.seconds());
    r.put("jvmFlags", String.join(" ", FLAGS));
    r.put("operatorRssMiB", operator.rssKiB() / 1024.0);
    r.put("operatorPeakRssMiB", operator.peakRssKiB() / 1024.0);
    r.put("operatorIdleRssMiB", operator.idleRssKiB() / 1024.0);
    r.put("minimalRssMiB", minimal.rssKiB() / 1024.0);
    r.put("operatorLiveHeapMiB", operator.liveHeapBytes() / 1024.0 / 1024.0);
    r.put("minimalLiveHeapMiB", minimal.liveHeapBytes() / 1024.0 / 1024.0);
    r.put(
        "operatorLiveHeapKiBPerBinding",
        (operator.liveHeapBytes() - operatorAlone.liveHeapBytes())
            / 1024.0
            / (sizes.bindings() - 1));
    r.put(
        "minimalLiveHeapKiBPerBinding",
        (minimal.liveHeapBytes() - minimalAlone.liveHeapBytes()) / 1024.0 / (sizes.bindings() - 1));
    return r;
  }

  /**
   * The process's live heap once converged: the total of a class histogram, which the JVM takes
   * after a full collection. The whole process (its classes' static data, thread stacks excepted)
   * is counted; the API server runs in another JVM.
   */
  static long liveHeap(long pid, Path dir) throws Exception {
    Path histogram = dir.resolve("histogram.txt");
    Process jcmd =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid),
                "GC.class_histogram")
            .redirectErrorStream(true)
            .redirectOutput(histogram.toFile())
            .start();
    if (jcmd.waitFor() != 0) {
      throw new IllegalStateException("jcmd failed: " + Files.readString(histogram));
    }
    return Files.readAllLines(histogram).stream()
        .filter(l -> l.trim().startsWith("Total"))
        .map(l -> l.trim().split("\\s+"))
        .mapToLong(f -> Long.parseLong(f[2]))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no total in " + histogram));
  }

  /** VmRSS or VmHWM of a process, in KiB (Linux). */
  static long memoryKiB(long pid, String field) throws Exception {
    return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
        .filter(l -> l.startsWith(field + ":"))
        .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no " + field + " for process " + pid));
  }

  private static final List<String> FLAGS =
      ChartJvmFlags.of(
          Chart.inRepository(Path.of(System.getProperty("switchboard.projectRoot", "."))));

  interface Command {
    List<String> mainAndArgs(BenchCluster cluster, Path dir) throws Exception;
  }

  private static Run measure(Benchmark.Sizes sizes, Command command, boolean idle)
      throws Exception {
    try (BenchCluster cluster = new BenchCluster()) {
      cluster.populate(sizes);
      Path dir = Files.createTempDirectory("switchboard-cpu");
      List<String> java =
          new ArrayList<>(
              List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
      java.addAll(FLAGS);
      java.addAll(List.of("-cp", System.getProperty("java.class.path")));
      java.addAll(command.mainAndArgs(cluster, dir));
      Process process =
          new ProcessBuilder(java)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("out.log").toFile())
              .start();
      long start = System.nanoTime();
      try {
        Benchmark.awaitConverged(cluster, sizes);
        double seconds = (System.nanoTime() - start) / 1e9;
        Duration cpu = process.toHandle().info().totalCpuDuration().orElseThrow();
        long rss = memoryKiB(process.pid(), "VmRSS");
        long peak = memoryKiB(process.pid(), "VmHWM");
        long idleRss = 0;
        if (idle) {
          Thread.sleep(sizes.idle().toMillis());
          idleRss = memoryKiB(process.pid(), "VmRSS");
        }
        return new Run(
            seconds, cpu.toNanos() / 1e6, liveHeap(process.pid(), dir), rss, peak, idleRss);
      } finally {
        process.destroyForcibly().waitFor();
      }
    }
  }
}
