package io.sharedobjects.hazelcast;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Gives back, in the background, what one object's unanswered releases may have left held in the cluster
 * ({@link MapSharedLock}'s holds, {@link MapSharedSemaphore}'s permits): the cluster may still count them,
 * for every other process, and the process that failed may never call again. After {@link #start()}, the
 * object's {@code settle} is tried every {@value #RETRY_MILLIS} ms while {@code pending} says something is
 * left, until its {@code SharedObjects} closes (whose close settles what is left). One chain of tries per
 * object at a time, however many releases go unanswered meanwhile.
 *
 * <p>One daemon thread for the JVM, {@value #THREAD}, started at the first unanswered release; a try that
 * waits for a cluster (at most the connect timeout) delays the others. Each object still settles first at
 * its own next acquisition attempt, so a thread never takes a stale hold for a reentrant one. Thread-safe.
 */
final class LateReleases {

  /** The name of the thread that tries the settlements. */
  static final String THREAD = "shared-objects-late-releases";

  /** How long after an unanswered release, and between tries, a settlement is tried. */
  static final long RETRY_MILLIS = 1000;

  private final OpenState open;
  private final Runnable settle;
  private final BooleanSupplier pending;
  /** Whether a chain of tries is under way. */
  private final AtomicBoolean running = new AtomicBoolean();

  /**
   * @param settle gives back what it can; a failure (the cluster unreachable, no majority) means try again
   * @param pending whether something is left to give back
   */
  LateReleases(OpenState open, Runnable settle, BooleanSupplier pending) {
    this.open = open;
    this.settle = settle;
    this.pending = pending;
  }

  /** Starts a chain of tries, unless one is under way: called after each unanswered release. */
  void start() {
    if (running.compareAndSet(false, true)) {
      schedule();
    }
  }

  private void schedule() {
    Holder.RETRIES.schedule(this::tryOnce, RETRY_MILLIS, TimeUnit.MILLISECONDS);
  }

  private void tryOnce() {
    if (open.isClosed()) {
      return;
    }
    try {
      settle.run();
    } catch (RuntimeException e) {
      schedule();
      return;
    }
    running.set(false);
    // Something left after the pass, or added during it: the start() that added it either found this chain
    // running (then it goes on here) or started a chain of its own (then this one ends).
    if (pending.getAsBoolean() && running.compareAndSet(false, true)) {
      schedule();
    }
  }

  /** Started at first use only: a JVM whose releases are all answered has no such thread. */
  private static final class Holder {
    static final ScheduledExecutorService RETRIES = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, THREAD);
      thread.setDaemon(true);
      return thread;
    });
  }
}
