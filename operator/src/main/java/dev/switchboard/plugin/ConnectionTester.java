package dev.switchboard.plugin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs connection tests off the reconcile threads.
 *
 * <p>At most {@code concurrency} tests are active at once. A test that runs well past the typical
 * duration of recent tests (and at the latest after {@code slowAfter}) gives its slot up and
 * finishes in the background (its own timeout still bounds it), so that data sources that accept
 * connections and never answer cannot hold back the tests of healthy ones. Every test ends no later
 * than its timeout plus a small grace, whatever the driver does.
 */
public class ConnectionTester implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ConnectionTester.class);
  private static final Duration GRACE = Duration.ofMillis(500);

  private final Semaphore activeSlots;
  private final Semaphore threads;
  private final TypicalTestDuration typical;
  private final ExecutorService dispatcher;
  private final ExecutorService probes;
  private final ScheduledExecutorService timers;
  private final Clock clock;

  public ConnectionTester(int concurrency, Duration slowAfter, Clock clock) {
    this.activeSlots = new Semaphore(concurrency);
    // Waiting tests still hold a thread until their timeout; bound those too, so a flood of black
    // holes cannot exhaust the JVM, but generously: a blocked thread costs little, a full bound
    // stops every test.
    this.threads = new Semaphore(concurrency * 32);
    this.typical = new TypicalTestDuration(slowAfter);
    this.clock = clock;
    this.dispatcher = Executors.newSingleThreadExecutor(named("connection-test-dispatcher"));
    this.probes = Executors.newCachedThreadPool(named("connection-test"));
    this.timers = Executors.newSingleThreadScheduledExecutor(named("connection-test-timer"));
  }

  /** Queues a test; the future completes with its outcome, never exceptionally. */
  public CompletableFuture<TestOutcome> test(ConnectionPlugin plugin, ProbeTarget target) {
    CompletableFuture<TestOutcome> result = new CompletableFuture<>();
    dispatcher.execute(
        () -> {
          try {
            threads.acquire();
            activeSlots.acquire();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.complete(
                outcome(
                    new Failure(TestReason.UnexpectedResponse, "The test was cancelled"),
                    0,
                    target));
            return;
          }
          start(plugin, target, result);
        });
    return result;
  }

  private void start(
      ConnectionPlugin plugin, ProbeTarget target, CompletableFuture<TestOutcome> result) {
    AtomicBoolean slotReleased = new AtomicBoolean();
    Runnable releaseSlot =
        () -> {
          if (slotReleased.compareAndSet(false, true)) {
            activeSlots.release();
          }
        };
    long started = System.nanoTime();
    AtomicReference<Thread> runner = new AtomicReference<>();
    probes.execute(
        () -> {
          runner.set(Thread.currentThread());
          TestOutcome outcome;
          try {
            String server = plugin.probe(target);
            long millis = elapsedMillis(started);
            outcome =
                new TestOutcome(
                    TestReason.Succeeded,
                    Redactor.redact(server + " answered in " + millis + " ms", target),
                    millis,
                    Instant.now(clock));
          } catch (Throwable error) {
            outcome = outcome(classify(plugin, error, target), elapsedMillis(started), target);
          }
          try {
            // Timeouts say how long silence lasts, not how long an answer takes.
            if (result.complete(outcome) && outcome.reason() != TestReason.Timeout) {
              typical.record(outcome.latencyMillis());
            }
          } finally {
            runner.set(null);
            Thread.interrupted();
            threads.release();
            releaseSlot.run();
          }
        });
    timers.schedule(releaseSlot, typical.slotHold().toMillis(), TimeUnit.MILLISECONDS);
    timers.schedule(
        () -> {
          if (result.complete(
              outcome(NetworkFailures.timeout(target), elapsedMillis(started), target))) {
            Thread stuck = runner.get();
            if (stuck != null) {
              stuck.interrupt();
            }
          }
        },
        target.timeout().plus(GRACE).toMillis(),
        TimeUnit.MILLISECONDS);
  }

  public static Failure classify(ConnectionPlugin plugin, Throwable error, ProbeTarget target) {
    if (error instanceof ProbeFailure pf) {
      return pf.failure();
    }
    return plugin
        .classify(error, target)
        .or(() -> NetworkFailures.classify(error, target))
        .or(() -> JdbcProbe.unexpected(error, target))
        .orElseGet(
            () -> {
              // Only the exception's type is logged: drivers put URLs and passwords into their
              // messages.
              log.debug(
                  "Unclassified {} test failure: {}", plugin.type(), error.getClass().getName());
              return new Failure(
                  TestReason.UnexpectedResponse,
                  "The test of "
                      + target.address()
                      + " failed unexpectedly ("
                      + error.getClass().getSimpleName()
                      + ")");
            });
  }

  private TestOutcome outcome(Failure failure, long millis, ProbeTarget target) {
    return new TestOutcome(
        failure.reason(), Redactor.redact(failure.message(), target), millis, Instant.now(clock));
  }

  private static long elapsedMillis(long startedNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void close() {
    dispatcher.shutdownNow();
    probes.shutdownNow();
    timers.shutdownNow();
  }
}
