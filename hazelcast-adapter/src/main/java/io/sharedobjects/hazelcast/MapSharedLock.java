package io.sharedobjects.hazelcast;

import com.hazelcast.map.IMap;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * The {@link LockBackend#MAP} lock: a Hazelcast key lock on {@value #LOCKS_MAP}, whose entry for the same
 * key holds the last fencing token issued. Only the lock's holder writes that entry, and Hazelcast blocks
 * writes to a locked key from anyone else, so incrementing it needs no further coordination.
 *
 * <p>The token is taken when the hold is first asked for it ({@link #fence()}, {@link #acquire()},
 * {@link #tryAcquire}), not at every acquisition: taking it costs two round trips (read and write the
 * counter), which would triple the cost of a plain {@code lock()}/{@code unlock()} pair that never looks at
 * it. Tokens still grow with every acquisition that takes one, and never decrease, since only a holder takes
 * one.
 */
final class MapSharedLock extends HazelcastSharedLock {

  /** The internal map holding every map-backed lock; user names cannot start with '_', so none collides. */
  static final String LOCKS_MAP = "__shared-objects.locks";

  private final IMap<String, Long> locks;
  private final Duration lease;
  /**
   * This process's holds by thread id: reentrancy count and the fence of the outermost acquisition, or
   * {@link #NO_FENCE_YET} until one is asked for.
   */
  private final ConcurrentMap<Long, Holding> holdings = new ConcurrentHashMap<>();

  /** Tokens start at 1, so 0 marks a hold that has not taken its token. */
  private static final long NO_FENCE_YET = 0;

  private record Holding(int count, long fence) {}

  MapSharedLock(HazelcastSharedObjects owner, String name) {
    super(owner, name);
    this.locks = owner.instance().getMap(LOCKS_MAP);
    this.lease = owner.settings().lockLease();
  }

  @Override
  public void lock() {
    calls.run(() -> {
      if (lease == null) {
        locks.lock(name);
      } else {
        locks.lock(name, lease.toMillis(), TimeUnit.MILLISECONDS);
      }
    });
    acquired();
  }

  @Override
  public void lockInterruptibly() throws InterruptedException {
    while (!tryLock(1, TimeUnit.DAYS)) {
      // Waited a day; keep waiting, as lock() would.
    }
  }

  @Override
  public boolean tryLock() {
    boolean got = calls.call(() -> lease == null
        ? locks.tryLock(name)
        : tryLockUnchecked(0));
    if (got) {
      acquired();
    }
    return got;
  }

  @Override
  public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
    long millis = Math.max(0, unit.toMillis(time));
    boolean got = calls.callInterruptibly(() -> lease == null
        ? locks.tryLock(name, millis, TimeUnit.MILLISECONDS)
        : locks.tryLock(name, millis, TimeUnit.MILLISECONDS, lease.toMillis(), TimeUnit.MILLISECONDS));
    if (got) {
      acquired();
    }
    return got;
  }

  private boolean tryLockUnchecked(long millis) {
    try {
      return locks.tryLock(name, millis, TimeUnit.MILLISECONDS, lease.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Records a successful Hazelcast acquisition; the token is taken when first asked for. */
  private void acquired() {
    long thread = Thread.currentThread().getId();
    Holding held = holdings.get(thread);
    holdings.put(thread, held == null ? new Holding(1, NO_FENCE_YET) : new Holding(held.count() + 1, held.fence()));
  }

  /** Takes the next fencing token for the current thread's hold; only the holder calls it. */
  private long takeFence(long thread, Holding held) {
    long fence = calls.call(() -> {
      Long last = locks.get(name);
      long next = last == null ? 1 : last + 1;
      locks.set(name, next);
      return next;
    });
    holdings.put(thread, new Holding(held.count(), fence));
    return fence;
  }

  @Override
  public void unlock() {
    long thread = Thread.currentThread().getId();
    Holding held = holdings.get(thread);
    if (held == null) {
      throw new IllegalMonitorStateException(
          "The current thread does not hold lock '" + name + "'; only the thread that locked it may unlock it.");
    }
    try {
      calls.run(() -> locks.unlock(name));
    } catch (IllegalMonitorStateException lost) {
      // The cluster released it meanwhile (lease expired, or this process was taken for dead).
      holdings.remove(thread);
      throw new IllegalMonitorStateException(
          "Lock '" + name + "' was released by the cluster before this unlock (lease expired or owner"
              + " considered dead); whatever it protected may have been changed by another holder since.");
    }
    if (held.count() == 1) {
      holdings.remove(thread);
    } else {
      holdings.put(thread, new Holding(held.count() - 1, held.fence()));
    }
  }

  @Override
  public long fence() {
    long thread = Thread.currentThread().getId();
    Holding held = holdings.get(thread);
    if (held == null) {
      throw new IllegalMonitorStateException("The current thread does not hold lock '" + name + "'; no fence.");
    }
    return held.fence() != NO_FENCE_YET ? held.fence() : takeFence(thread, held);
  }

  @Override
  public boolean isLocked() {
    return calls.call(() -> locks.isLocked(name));
  }

  @Override
  public boolean isHeldByCurrentThread() {
    return holdings.containsKey(Thread.currentThread().getId());
  }

  @Override
  public int holdCount() {
    Holding held = holdings.get(Thread.currentThread().getId());
    return held == null ? 0 : held.count();
  }

  @Override
  void releaseOnClose() {
    if (holdings.isEmpty()) {
      return;
    }
    holdings.clear();
    try {
      // Only this process's threads hold it (Hazelcast ties the lock to the thread, which may still be
      // running), so force is the only way to release it from here.
      locks.forceUnlock(name);
    } catch (RuntimeException e) {
      // The cluster is gone or going: the owner-death rules release it.
    }
  }

  /** Releases the lock whoever holds it; the fencing counter is kept, so tokens never go backwards. */
  @Override
  public void destroy() {
    calls.run(() -> locks.forceUnlock(name));
    holdings.clear();
  }
}
