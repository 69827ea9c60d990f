package io.sharedobjects.inmemory;

import io.sharedobjects.SharedCondition;
import io.sharedobjects.SharedLock;
import io.sharedobjects.SharedNames;
import java.util.concurrent.TimeUnit;

/**
 * The in-memory {@link SharedLock}: reentrant and owned by the thread that acquired it through one {@link
 * InMemorySharedObjects}, as {@link java.util.concurrent.locks.ReentrantLock} is by a thread.
 *
 * <p>Peers reach the same lock by name and exclude each other, even on the same thread, as processes do.
 * Fencing tokens come from one counter per store, so they increase with every fresh acquisition of any
 * lock, across peers and across {@link #destroy()}; a reentrant acquisition keeps the outer token. Waiting
 * is not fair. Closing the {@link InMemorySharedObjects} releases the holds taken through it (its process
 * "died") and makes its waiting threads fail with {@link io.sharedobjects.SharedObjectsClosedException}.
 * {@link #destroy()} releases the lock whoever holds it: the former holder's {@code unlock()} then fails with
 * {@link IllegalMonitorStateException}, and the name starts again with a new, unlocked lock.
 *
 * <p>Conditions ({@link #condition}, {@link #newCondition}) are {@link InMemorySharedCondition}s: their
 * waiters wait on the lock state's monitor, queued by condition name.
 *
 * <p><b>Thread safety:</b> thread-safe; every operation is atomic.
 */
public final class InMemorySharedLock implements SharedLock {

  private final StoredRef<LockState> ref;
  private final InMemoryStore store;

  InMemorySharedLock(StoredRef<LockState> ref, InMemoryStore store) {
    this.ref = ref;
    this.store = store;
  }

  @Override
  public String name() {
    return ref.name();
  }

  @Override
  public void destroy() {
    ref.destroy();
  }

  @Override
  public void lock() {
    try {
      take(-1, false);
    } catch (InterruptedException impossible) {
      throw new AssertionError(impossible);
    }
  }

  @Override
  public void lockInterruptibly() throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    take(-1, true);
  }

  @Override
  public boolean tryLock() {
    return ref.apply(state -> state.tryTake(ref.owner(), Thread.currentThread(), store)) != 0;
  }

  @Override
  public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    return take(Math.max(0, unit.toNanos(time)), true) != 0;
  }

  @Override
  public void unlock() {
    ref.apply(
        state -> {
          state.release(ref.owner(), Thread.currentThread(), ref.name());
          return null;
        });
  }

  @Override
  public SharedCondition condition(String name) {
    return new InMemorySharedCondition(this, ref, SharedNames.validate(name));
  }

  @Override
  public SharedCondition newCondition() {
    return new InMemorySharedCondition(this, ref, DEFAULT_CONDITION);
  }

  /**
   * For a condition's waiter: takes the lock back, waiting as long as needed and ignoring interrupts (kept
   * for the caller), as a fresh acquisition with a new fence, then restores its earlier hold count.
   */
  void takeBack(int holds) {
    lock();
    ref.apply(state -> {
      state.restoreHolds(ref.owner(), Thread.currentThread(), holds);
      return null;
    });
  }

  @Override
  public long fence() {
    return ref.apply(state -> state.fence(ref.owner(), Thread.currentThread(), ref.name()));
  }

  @Override
  public boolean isLocked() {
    return ref.apply(LockState::isLocked);
  }

  @Override
  public boolean isHeldByCurrentThread() {
    return ref.apply(state -> state.isHeldBy(ref.owner(), Thread.currentThread()));
  }

  @Override
  public int holdCount() {
    return ref.apply(state -> state.holdCount(ref.owner(), Thread.currentThread()));
  }

  /**
   * Whether {@code o} is this lock as reached through the same {@link InMemorySharedObjects}: a lock read back
   * from a dict equals the one asked for by name, as a cached Hazelcast proxy is the same object.
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof InMemorySharedLock other && other.ref.owner() == ref.owner() && other.name().equals(name());
  }

  @Override
  public int hashCode() {
    return name().hashCode();
  }

  @Override
  public String toString() {
    return "SharedLock '" + ref.name() + "' " + ref.apply(LockState::describe);
  }

  /**
   * Takes the lock, waiting up to {@code timeoutNanos} (forever if negative).
   *
   * @return the hold's fencing token, or 0 if the time ran out
   */
  private long take(long timeoutNanos, boolean interruptible) throws InterruptedException {
    long deadline = System.nanoTime() + Math.max(0, timeoutNanos);
    boolean interrupted = false;
    try {
      while (true) {
        LockState state = ref.current();
        synchronized (state) {
          // Checked under the monitor: close() releases this instance's holds under it, so none outlives close.
          ref.checkOpen();
          if (state.destroyed) {
            continue;
          }
          long fence = state.tryTake(ref.owner(), Thread.currentThread(), store);
          if (fence != 0) {
            return fence;
          }
          try {
            if (timeoutNanos < 0) {
              state.wait();
            } else {
              long remaining = deadline - System.nanoTime();
              if (remaining <= 0) {
                return 0;
              }
              TimeUnit.NANOSECONDS.timedWait(state, remaining);
            }
          } catch (InterruptedException e) {
            if (interruptible) {
              throw e;
            }
            interrupted = true;
          }
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
