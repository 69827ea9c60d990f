package io.sharedobjects.hazelcast;

import com.hazelcast.logging.ILogger;
import com.hazelcast.logging.Logger;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Gives Hazelcast a thread pool for completing asynchronous calls when it would otherwise start a thread for
 * each one.
 *
 * <p>Hazelcast completes its futures (an {@code IMap.putAll} waits on one per partition, {@code getAsync}
 * returns one) on its default async executor: the common {@link ForkJoinPool} when that pool's parallelism
 * is 2 or more, else an executor that starts a new thread per task. The common pool's parallelism is the
 * CPU count minus one, so on a machine with 2 CPUs or fewer every completion started a thread, which makes
 * a client's {@code putAll} and many reads in flight several times slower (see docs/performance.md).
 *
 * <p>{@link #install()} replaces only that thread-per-task executor, once per JVM, with a {@link
 * ForkJoinPool} of its own (parallelism 2, daemon threads named {@code shared-objects-async-N}, FIFO): what
 * Hazelcast itself uses on a machine with 3 or more CPUs. An executor someone else set, or the common pool,
 * is left alone. {@code -Dshared-objects.async-executor=hazelcast} leaves Hazelcast's default in place. This
 * sets a Hazelcast-internal, JVM-wide static; if a Hazelcast version lacks it, nothing changes.
 *
 * <p>With the opt-out set where Hazelcast would start a thread per task, {@link #install()} logs a warning
 * once instead. Called before an instance is started or wrapped, never on a call's path. Thread-safe;
 * idempotent.
 */
final class AsyncExecutor {

  /** System property: {@code hazelcast} keeps Hazelcast's own default async executor. */
  static final String PROPERTY = "shared-objects.async-executor";

  private static final ILogger LOG = Logger.getLogger(AsyncExecutor.class);
  private static final AtomicBoolean DONE = new AtomicBoolean();

  private AsyncExecutor() {
  }

  /** Installs the pool if Hazelcast's default async executor starts a thread per task; see the class doc. */
  static void install() {
    if (DONE.get() || !DONE.compareAndSet(false, true)) {
      return;
    }
    try {
      if (!HazelcastInternals.startsThreadPerTask(HazelcastInternals.defaultAsyncExecutor())) {
        return;
      }
      if ("hazelcast".equals(System.getProperty(PROPERTY))) {
        LOG.warning("Hazelcast starts a new thread to complete each asynchronous call in this JVM (the common"
            + " ForkJoinPool has a parallelism of " + ForkJoinPool.getCommonPoolParallelism() + " and -D" + PROPERTY
            + "=hazelcast is set), which makes asynchronous calls and putAll many times slower. Remove that"
            + " property, or start this JVM with -Djava.util.concurrent.ForkJoinPool.common.parallelism=2 (or more).");
        return;
      }
      HazelcastInternals.setDefaultAsyncExecutor(pool());
      LOG.fine("The common ForkJoinPool has a parallelism of " + ForkJoinPool.getCommonPoolParallelism()
          + ", so Hazelcast would start a thread per completed asynchronous call; it completes them on a pool"
          + " of 2 threads instead (-D" + PROPERTY + "=hazelcast to keep Hazelcast's default)");
    } catch (LinkageError e) {
      LOG.fine("Hazelcast's default async executor cannot be set in this version; left as it is", e);
    }
  }

  private static ForkJoinPool pool() {
    ForkJoinPool.ForkJoinWorkerThreadFactory factory = pool -> {
      ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
      thread.setName("shared-objects-async-" + thread.getPoolIndex());
      thread.setDaemon(true);
      return thread;
    };
    return new ForkJoinPool(2, factory, null, true);
  }
}
