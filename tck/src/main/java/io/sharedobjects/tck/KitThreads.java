package io.sharedobjects.tck;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The threads one test of the kit starts, and the kit's bounded waits: every thread is a daemon, every
 * executor is shut down after the test ({@link #stopAll()}), and no wait is unbounded or a fixed sleep,
 * so a broken backend fails the kit instead of hanging it.
 */
final class KitThreads {

  /** How long the kit waits for a single blocking call made on another thread. */
  static final Duration WAIT = Duration.ofSeconds(10);

  private final List<ExecutorService> executors = new CopyOnWriteArrayList<>();
  private final AtomicInteger threadNumber = new AtomicInteger();

  /** A new worker: a thread of its own, stopped after the test. */
  Worker worker() {
    return new Worker();
  }

  /** A pool of {@code size} daemon threads named after {@code prefix}, stopped after the test. */
  ExecutorService newPool(int size, String prefix) {
    return register(Executors.newFixedThreadPool(size, daemonThreads(prefix)));
  }

  /** Stops every thread this test started, interrupting those still running. */
  void stopAll() {
    executors.forEach(ExecutorService::shutdownNow);
  }

  /** Waits at most {@code bound} for {@code future} and returns its result, rethrowing what it threw. */
  static <T> T await(Future<T> future, Duration bound) {
    try {
      return future.get(bound.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new CompletionException(cause);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new AssertionError("a call on another thread did not finish within " + bound.toMillis() + " ms", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for another thread", e);
    }
  }

  /** Polls {@code condition} until it holds, failing after {@code bound}; never a fixed sleep. */
  static void eventually(Duration bound, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        fail("Not true within " + bound.toMillis() + " ms: " + what);
      }
      // A short pause between polls, so the poll does not take a CPU from the backend it waits for.
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
  }

  private ExecutorService register(ExecutorService executor) {
    executors.add(executor);
    return executor;
  }

  private ThreadFactory daemonThreads(String prefix) {
    return task -> {
      Thread thread = new Thread(task, prefix + "-" + threadNumber.incrementAndGet());
      // Daemon, so that a thread stuck in a broken backend cannot keep the test JVM alive.
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Code run on a worker thread. */
  @FunctionalInterface
  interface WorkerTask {
    void run() throws Exception;
  }

  /**
   * A thread of its own that runs tasks one at a time, so a test can hold a lock on it across calls. Every
   * call waits for its result at most {@link #WAIT}.
   */
  final class Worker {
    private final ExecutorService executor;

    private Worker() {
      executor = register(Executors.newSingleThreadExecutor(daemonThreads("tck-worker")));
    }

    <T> T call(Callable<T> task) {
      return await(executor.submit(task), WAIT);
    }

    void run(WorkerTask task) {
      call(
          () -> {
            task.run();
            return null;
          });
    }

    /** Starts a task without waiting for it, for a call that is expected to block for a while. */
    <T> Future<T> start(Callable<T> task) {
      return executor.submit(task);
    }
  }
}
