package io.sharedobjects.hazelcast;

import com.hazelcast.cp.lock.FencedLock;
import java.util.concurrent.TimeUnit;

/**
 * The {@link LockBackend#CP} lock: Hazelcast's {@code FencedLock} of the same name, which is reentrant,
 * thread-owned and issues its own monotonic fencing tokens. {@code FencedLock} has no conditions; this
 * lock's are {@link MapCondition}s on top of it, in {@code IMap}s (see {@link HazelcastSharedLock}).
 */
final class CpSharedLock extends HazelcastSharedLock {

  private final FencedLock lock;

  CpSharedLock(ObjectContext context, String name) {
    super(context, name);
    this.lock = context.instance().getCPSubsystem().getLock(name);
  }

  /** One round trip, where the default {@code lock()} then {@code fence()} would take two. */
  @Override
  public Hold acquire() {
    return new FencedHold(calls.call(lock::lockAndGetFence));
  }

  @Override
  public void lock() {
    calls.runUninterrupted(lock::lock);
  }

  @Override
  public void lockInterruptibly() throws InterruptedException {
    while (!tryLock(1, TimeUnit.DAYS)) {
      // Waited a day; keep waiting, as lock() would.
    }
  }

  @Override
  public boolean tryLock() {
    return calls.callUninterrupted(lock::tryLock);
  }

  @Override
  public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + Math.max(0, unit.toNanos(time));
    boolean held = true; // until known otherwise: never undo a hold this thread had before
    long sliceEnd = System.nanoTime();
    try {
      held = calls.callInterruptibly(lock::isLockedByCurrentThread);
      while (true) {
        if (Thread.interrupted()) {
          throw new InterruptedException("interrupted while waiting for lock '" + name + "'");
        }
        long left = Math.max(0, deadline - System.nanoTime());
        long slice = Math.min(left, TimeUnit.MILLISECONDS.toNanos(MapSharedLock.SLICE_MILLIS));
        sliceEnd = System.nanoTime() + slice;
        if (calls.callInterruptibly(() -> lock.tryLock(slice, TimeUnit.NANOSECONDS))) {
          return true;
        }
        if (left <= slice) {
          return false;
        }
      }
    } catch (InterruptedException interrupted) {
      throw undoInterrupted(held, sliceEnd, interrupted);
    }
  }

  /**
   * A wait interrupted during its call stays with the CP group until its slice ends and may be granted until
   * then (the slices keep that at most {@value MapSharedLock#SLICE_MILLIS} ms): a fresh one waits that out
   * and gives back a lock granted meanwhile, rather than leave it stranded with this thread.
   */
  private InterruptedException undoInterrupted(boolean held, long sliceEnd, InterruptedException interrupted) {
    if (!held) {
      while (System.nanoTime() - sliceEnd < TimeUnit.MILLISECONDS.toNanos(100)) {
        java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
      }
      try {
        if (calls.callUninterrupted(lock::isLockedByCurrentThread)) {
          calls.runUninterrupted(lock::unlock);
        }
      } catch (RuntimeException unknown) {
        interrupted.addSuppressed(unknown);
      }
    }
    return interrupted;
  }

  @Override
  public void unlock() {
    calls.runUninterrupted(lock::unlock);
  }

  @Override
  public long fence() {
    return calls.callUninterrupted(lock::getFence);
  }

  @Override
  public boolean isLocked() {
    return calls.callUninterrupted(lock::isLocked);
  }

  @Override
  public boolean isHeldByCurrentThread() {
    return calls.callUninterrupted(lock::isLockedByCurrentThread);
  }

  @Override
  public int holdCount() {
    return calls.callUninterrupted(() -> lock.isLockedByCurrentThread() ? lock.getLockCount() : 0);
  }

  /**
   * A {@code FencedLock} can be released only by its holding thread, or with its CP session when the
   * Hazelcast instance shuts down; closing a wrapper around a running instance therefore leaves it held.
   */
  @Override
  void releaseHolds() {}

  @Override
  public void destroy() {
    calls.run(lock::destroy);
  }

  /** A hold from {@link #acquire()}: releases the lock once, however often it is closed. */
  private final class FencedHold implements Hold {
    private final long fence;
    private volatile boolean released;

    FencedHold(long fence) {
      this.fence = fence;
    }

    @Override
    public long fence() {
      return fence;
    }

    @Override
    public void close() {
      if (!released) {
        unlock();
        released = true;
      }
    }
  }
}
