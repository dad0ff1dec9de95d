package dev.switchboard.runtime;

/**
 * JVM settings the operator needs whatever the container's CPU count; applied before anything else
 * runs.
 */
public final class JvmDefaults {
  static final String COMMON_POOL_PARALLELISM =
      "java.util.concurrent.ForkJoinPool.common.parallelism";

  private JvmDefaults() {}

  public static void apply() {
    // With one or two CPUs the common pool gets a single thread, and CompletableFuture then runs
    // every async step (the API client takes several per response) on a thread of its own: 140,000
    // threads started while converging 10,000 bindings. Two threads keep the pool in use; an
    // explicit setting wins.
    if (System.getProperty(COMMON_POOL_PARALLELISM) == null
        && Runtime.getRuntime().availableProcessors() <= 2) {
      System.setProperty(COMMON_POOL_PARALLELISM, "2");
    }
  }
}
