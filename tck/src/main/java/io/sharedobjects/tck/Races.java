package io.sharedobjects.tck;

import static io.sharedobjects.tck.KitThreads.WAIT;
import static io.sharedobjects.tck.KitThreads.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The kit's concurrency races: {@link #THREADS} threads released together on the same body, the whole race
 * awaited for at most {@link #RACE_WAIT}, the first failure rethrown. Which instance each thread uses is
 * the test's choice (the contracts give odd threads a peer).
 */
final class Races {

  /** Threads in each concurrency race; two of them use a peer. */
  static final int THREADS = 4;

  /** How long the kit waits for a whole concurrency race to finish. */
  static final Duration RACE_WAIT = Duration.ofSeconds(30);

  /** Code run by each thread of a race, given the thread's number. */
  @FunctionalInterface
  interface RaceBody {
    void run(int thread) throws Exception;
  }

  private final KitThreads threads;

  Races(KitThreads threads) {
    this.threads = threads;
  }

  /**
   * Runs {@code body} on {@link #THREADS} threads started together, waits for all of them (bounded), and
   * rethrows the first failure.
   */
  void race(RaceBody body) {
    ExecutorService pool = threads.newPool(THREADS, "tck-race");
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Void>> futures = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      futures.add(
          pool.submit(
              () -> {
                if (!start.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                  throw new AssertionError("the race did not start");
                }
                body.run(thread);
                return null;
              }));
    }
    start.countDown();
    long deadline = System.nanoTime() + RACE_WAIT.toNanos();
    for (Future<Void> future : futures) {
      await(future, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }
  }
}
