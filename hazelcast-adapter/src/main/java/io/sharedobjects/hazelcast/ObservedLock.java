package io.sharedobjects.hazelcast;

import io.sharedobjects.SharedCondition;
import io.sharedobjects.SharedLock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A lock that tells a {@link SharedObjectsObserver} how long each acquisition waited and how long each
 * thread held it (outermost acquisition to last unlock), and otherwise is the lock it wraps: every method
 * delegates. Handed out instead of the lock only when an observer is set. A condition's {@code await} gives
 * the lock up and takes it back inside the wrapped lock, so a hold's time includes the awaits in it.
 * Thread-safe: each thread's hold is counted under its own key.
 */
final class ObservedLock implements SharedLock, ReleasedOnClose {

  private final SharedLock lock;
  private final SharedObjectsObserver observer;
  /** Each holding thread's hold count and the time of its outermost acquisition, removed at its last unlock. */
  private final ConcurrentMap<Thread, long[]> holds = new ConcurrentHashMap<>();

  ObservedLock(SharedLock lock, SharedObjectsObserver observer) {
    this.lock = lock;
    this.observer = observer;
  }

  @Override
  public void lock() {
    long start = System.nanoTime();
    try {
      lock.lock();
    } catch (RuntimeException e) {
      waited(start, false);
      throw e;
    }
    acquired(start);
  }

  @Override
  public void lockInterruptibly() throws InterruptedException {
    long start = System.nanoTime();
    try {
      lock.lockInterruptibly();
    } catch (InterruptedException | RuntimeException e) {
      waited(start, false);
      throw e;
    }
    acquired(start);
  }

  @Override
  public boolean tryLock() {
    long start = System.nanoTime();
    return outcome(start, tryOrFail(lock::tryLock, start));
  }

  @Override
  public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
    long start = System.nanoTime();
    boolean taken;
    try {
      taken = lock.tryLock(time, unit);
    } catch (InterruptedException | RuntimeException e) {
      waited(start, false);
      throw e;
    }
    return outcome(start, taken);
  }

  /** One round trip where the lock has one (the CP backend); the returned hold ends the timed hold too. */
  @Override
  public Hold acquire() {
    long start = System.nanoTime();
    Hold hold;
    try {
      hold = lock.acquire();
    } catch (RuntimeException e) {
      waited(start, false);
      throw e;
    }
    acquired(start);
    return new ObservedHold(hold);
  }

  @Override
  public void unlock() {
    try {
      lock.unlock();
    } finally {
      // A failed unlock ends the hold in this process too (the lock gives it up, see MapSharedLock).
      released();
    }
  }

  @Override
  public long fence() {
    return lock.fence();
  }

  @Override
  public boolean isLocked() {
    return lock.isLocked();
  }

  @Override
  public boolean isHeldByCurrentThread() {
    return lock.isHeldByCurrentThread();
  }

  @Override
  public int holdCount() {
    return lock.holdCount();
  }

  @Override
  public SharedCondition condition(String name) {
    return lock.condition(name);
  }

  @Override
  public SharedCondition newCondition() {
    return lock.newCondition();
  }

  @Override
  public String name() {
    return lock.name();
  }

  @Override
  public void destroy() {
    lock.destroy();
  }

  @Override
  public void releaseOnClose() {
    holds.clear();
    if (lock instanceof ReleasedOnClose held) {
      held.releaseOnClose();
    }
  }

  @Override
  public String toString() {
    return lock.toString();
  }

  private boolean tryOrFail(BooleanSupplier attempt, long start) {
    try {
      return attempt.getAsBoolean();
    } catch (RuntimeException e) {
      waited(start, false);
      throw e;
    }
  }

  private boolean outcome(long start, boolean taken) {
    if (taken) {
      acquired(start);
    } else {
      waited(start, false);
    }
    return taken;
  }

  private void waited(long start, boolean acquired) {
    observer.waited("lock", lock.name(), System.nanoTime() - start, acquired);
  }

  private void acquired(long start) {
    long now = System.nanoTime();
    observer.waited("lock", lock.name(), now - start, true);
    long[] hold = holds.computeIfAbsent(Thread.currentThread(), thread -> new long[] {0, now});
    hold[0]++;
  }

  private void released() {
    Thread thread = Thread.currentThread();
    long[] hold = holds.get(thread);
    if (hold != null && --hold[0] == 0) {
      holds.remove(thread);
      observer.held("lock", lock.name(), System.nanoTime() - hold[1]);
    }
  }

  /** A hold from {@link #acquire()}: ends the timed hold once, however often it is closed. */
  private final class ObservedHold implements Hold {
    private final Hold hold;
    private volatile boolean closed;

    ObservedHold(Hold hold) {
      this.hold = hold;
    }

    @Override
    public long fence() {
      return hold.fence();
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      try {
        hold.close();
      } finally {
        closed = true;
        released();
      }
    }
  }
}
