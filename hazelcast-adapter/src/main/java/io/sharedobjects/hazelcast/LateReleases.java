package io.sharedobjects.hazelcast;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Gives back, in the background, lock holds and semaphore permits whose release went unanswered ({@link
 * MapSharedLock}, {@link MapSharedSemaphore}): the cluster may still count them, for every other process,
 * and the process that failed may never call again. A settlement is tried every {@value #RETRY_MILLIS} ms
 * until it reports done or its {@code SharedObjects} closes (whose close settles what is left).
 *
 * <p>One daemon thread for the JVM, {@value #THREAD}, started at the first unanswered
 * release; a settlement that waits for a cluster (at most the connect timeout) delays the others. Each
 * object still settles first at its own next acquisition attempt, so a thread never takes a stale hold for
 * a reentrant one. Thread-safe.
 */
final class LateReleases {

  /** The name of the thread that tries the settlements. */
  static final String THREAD = "shared-objects-late-releases";

  /** How long after an unanswered release, and between tries, a settlement is tried. */
  static final long RETRY_MILLIS = 1000;

  private LateReleases() {
  }

  /**
   * Tries {@code settle} every {@value #RETRY_MILLIS} ms until it returns true (nothing left to give back)
   * or {@code open} is closed. {@code settle} must not throw.
   */
  static void retry(OpenState open, BooleanSupplier settle) {
    Holder.RETRIES.schedule(() -> tryOnce(open, settle), RETRY_MILLIS, TimeUnit.MILLISECONDS);
  }

  private static void tryOnce(OpenState open, BooleanSupplier settle) {
    if (open.isClosed()) {
      return;
    }
    boolean done;
    try {
      done = settle.getAsBoolean();
    } catch (RuntimeException e) {
      done = false;
    }
    if (!done) {
      retry(open, settle);
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
