package io.sharedobjects.spring.integration;

import io.sharedobjects.SharedLock;
import io.sharedobjects.SharedObjects;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.integration.support.locks.LockRegistry;
import org.springframework.integration.util.CheckedCallable;
import org.springframework.integration.util.CheckedRunnable;

/**
 * Spring Integration's {@link LockRegistry} over the {@link SharedLock}s of a {@link SharedObjects}: the same
 * key reaches the same lock from every process connected to the same backend, so a lock obtained here
 * excludes the holders of that key in every other process as well as in this one.
 *
 * <p><b>Keys:</b> {@link #obtain(Object)} maps a key to the lock named {@link #lockName(Object)}: {@code
 * prefix/key} for a key whose text (a {@code String} itself, any other key its {@code toString()}) is a
 * valid name suffix, otherwise {@code prefix/_sha256/} and the SHA-256 of the text in hex. Keys with equal
 * texts are one lock ({@code 42} and {@code "42"}); distinct texts are distinct locks, collision-free in
 * practice. A null key, an array, or a key whose class keeps {@code Object}'s {@code toString()} (its text
 * would differ between processes) fails with {@link IllegalArgumentException}. Another program reaches the
 * same lock with {@code shared.lock(registry.lockName(key))}.
 *
 * <p><b>Locks:</b> what {@link SharedLock} promises, unchanged: reentrant and owned by the acquiring thread,
 * a fencing token per fresh acquisition, no fairness, released within a bounded time when the owning process
 * dies (docs/guarantees.md), and under a network partition with {@code clusterSize(n)} granted only on the
 * majority side. {@code obtain} is local once a key has been used in this process; the first time it may take
 * one round trip (a client creates the lock's proxy in the cluster; the first lock of the Hazelcast backend
 * picks the lock backend). Calling it again returns an equivalent lock: the same object on Hazelcast, a new
 * handle on the same lock in memory.
 *
 * <p><b>Expiry:</b> none. A hold lasts until {@code unlock()}, until {@code SharedObjects.close()}, or until
 * the owner's process is taken for dead, never for a time to live, so this registry is neither an {@code
 * ExpirableLockRegistry} nor a {@code RenewableLockRegistry}: there is no TTL to renew, and the locks are not
 * the registry's to forget, since other processes share them. (The Hazelcast backend's {@code lockLease}
 * setting adds a lease to every map lock, for holders that may hang; see docs/configuration.md.) Each key
 * used costs one small lock proxy per process and one entry in the cluster (the lock's fencing counter),
 * kept for the backend's lifetime: use keys from a bounded set (jobs, resources), not one per message.
 *
 * <p><b>executeLocked:</b> as the interface's defaults (wait for the lock, without a bound or for the given
 * wait with {@link TimeoutException} if it runs out; run the task; {@code unlock()} whether it returned or
 * threw), with two differences. An interrupt ends the wait within {@value #INTERRUPT_CHECK_MILLIS} ms with
 * {@link InterruptedException} and the task not run, on every backend: the wait is made of {@code tryLock}s
 * of at most that long with the interrupt checked between them, because a Hazelcast map lock's wait does not
 * end on an interrupt (it returns the lock when it comes, with the interrupt flag set; a lock so taken is
 * given back). And when the task throws and the release fails too (the cluster cannot confirm it: {@link
 * io.sharedobjects.LockLostException}), the task's exception is thrown with the release's failure suppressed
 * in it, instead of being lost behind it.
 *
 * <p><b>Thread safety:</b> thread-safe and stateless beyond the prefix; one instance may serve a whole
 * application.
 */
public final class SharedObjectsLockRegistry implements LockRegistry<SharedLock> {

  /** The prefix of {@link #SharedObjectsLockRegistry(SharedObjects)}: locks named {@code lock-registry/key}. */
  public static final String DEFAULT_PREFIX = "lock-registry";

  /** The longest an interrupt of a thread waiting in {@code executeLocked} goes unnoticed. */
  static final long INTERRUPT_CHECK_MILLIS = 1000;

  private final SharedObjects shared;
  private final LockNames names;

  /** A registry whose locks are named {@code lock-registry/key}. */
  public SharedObjectsLockRegistry(SharedObjects shared) {
    this(shared, DEFAULT_PREFIX);
  }

  /**
   * A registry whose locks are named {@code prefix/key}: registries with different prefixes never share a
   * lock, which keeps applications that share a cluster apart.
   *
   * @param prefix a valid shared-object name ({@link io.sharedobjects.SharedNames}) of at most 127 characters
   * @throws io.sharedobjects.InvalidNameException if the prefix is not valid or too long
   */
  public SharedObjectsLockRegistry(SharedObjects shared, String prefix) {
    this.shared = Objects.requireNonNull(shared, "shared");
    this.names = new LockNames(prefix);
  }

  /** This registry's prefix. */
  public String prefix() {
    return names.prefix();
  }

  /**
   * The name of the shared lock for this key, the same in every process: {@code shared.lock(lockName(key))}
   * is the lock {@code obtain(key)} returns.
   *
   * @throws IllegalArgumentException if the key is null or has no stable text (see the class comment)
   */
  public String lockName(Object lockKey) {
    return names.nameOf(lockKey);
  }

  /**
   * The shared lock for this key.
   *
   * @throws IllegalArgumentException if the key is null or has no stable text (see the class comment)
   * @throws io.sharedobjects.SharedObjectsClosedException if the {@code SharedObjects} is closed
   */
  @Override
  public SharedLock obtain(Object lockKey) {
    return shared.lock(names.nameOf(lockKey));
  }

  @Override
  public <E extends Throwable> void executeLocked(Object lockKey, CheckedRunnable<E> runnable)
      throws E, InterruptedException {
    executeLocked(lockKey, asCallable(runnable));
  }

  @Override
  public <T, E extends Throwable> T executeLocked(Object lockKey, CheckedCallable<T, E> callable)
      throws E, InterruptedException {
    SharedLock lock = obtain(lockKey);
    acquire(lock, Long.MAX_VALUE);
    return callHolding(lock, callable);
  }

  @Override
  public <E extends Throwable> void executeLocked(Object lockKey, Duration waitLockDuration,
      CheckedRunnable<E> runnable) throws E, InterruptedException, TimeoutException {
    executeLocked(lockKey, waitLockDuration, asCallable(runnable));
  }

  @Override
  public <T, E extends Throwable> T executeLocked(Object lockKey, Duration waitLockDuration,
      CheckedCallable<T, E> callable) throws E, InterruptedException, TimeoutException {
    SharedLock lock = obtain(lockKey);
    if (!acquire(lock, nanosOf(waitLockDuration))) {
      throw new TimeoutException("The lock [%s] (shared lock '%s') was not acquired in time: %s"
          .formatted(lockKey, lock.name(), waitLockDuration));
    }
    return callHolding(lock, callable);
  }

  /**
   * Takes {@code lock} within {@code nanos} ({@code Long.MAX_VALUE}: no bound), in {@code tryLock}s of at most
   * {@value #INTERRUPT_CHECK_MILLIS} ms with the interrupt checked between them and after the last: a lock
   * taken by an interrupted thread is given back and the interrupt thrown, as {@code lockInterruptibly} would.
   * Gives up only once the whole wait has passed by this thread's clock, even if a backend's timed wait ends
   * early.
   *
   * @return whether the lock was taken in time
   */
  private static boolean acquire(SharedLock lock, long nanos) throws InterruptedException {
    long start = System.nanoTime();
    long sliceCap = TimeUnit.MILLISECONDS.toNanos(INTERRUPT_CHECK_MILLIS);
    while (true) {
      if (Thread.interrupted()) {
        throw new InterruptedException("interrupted while waiting for the shared lock '" + lock.name() + "'");
      }
      long left = nanos == Long.MAX_VALUE ? Long.MAX_VALUE : nanos - (System.nanoTime() - start);
      // Whole milliseconds, rounded up: the Hazelcast backend waits in milliseconds and would round down.
      long sliceMillis = (Math.min(Math.max(left, 0), sliceCap) + 999_999) / 1_000_000;
      boolean taken = lock.tryLock(sliceMillis, TimeUnit.MILLISECONDS);
      if (taken && Thread.interrupted()) {
        lock.unlock();
        throw new InterruptedException("interrupted while waiting for the shared lock '" + lock.name()
            + "'; the lock, taken as the interrupt came, was given back");
      }
      if (taken) {
        return true;
      }
      if (nanos != Long.MAX_VALUE && nanos - (System.nanoTime() - start) <= 0) {
        return false;
      }
    }
  }

  /** Runs the task holding {@code lock} and releases it; a failed release never hides the task's failure. */
  private static <T, E extends Throwable> T callHolding(SharedLock lock, CheckedCallable<T, E> callable) throws E {
    T result;
    try {
      result = callable.call();
    } catch (Throwable failure) {
      try {
        lock.unlock();
      } catch (RuntimeException releaseFailure) {
        failure.addSuppressed(releaseFailure);
      }
      throw failure;
    }
    lock.unlock();
    return result;
  }

  /** The wait in nanoseconds; one too long to count in them (292 years) is no bound. */
  private static long nanosOf(Duration wait) {
    try {
      return wait.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE;
    }
  }

  private static <E extends Throwable> CheckedCallable<Void, E> asCallable(CheckedRunnable<E> runnable) {
    return () -> {
      runnable.run();
      return null;
    };
  }

  @Override
  public String toString() {
    return "SharedObjectsLockRegistry[prefix=" + names.prefix() + ", " + shared + "]";
  }
}
