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
    calls.callInterruptibly(() -> {
      lock.lockInterruptibly();
      return null;
    });
  }

  @Override
  public boolean tryLock() {
    return calls.callUninterrupted(lock::tryLock);
  }

  @Override
  public boolean tryLock(long time, TimeUnit unit) {
    return calls.call(() -> lock.tryLock(time, unit));
  }

  @Override
  public void unlock() {
    calls.runUninterrupted(lock::unlock);
  }

  @Override
  public long fence() {
    return calls.call(lock::getFence);
  }

  @Override
  public boolean isLocked() {
    return calls.call(lock::isLocked);
  }

  @Override
  public boolean isHeldByCurrentThread() {
    return calls.call(lock::isLockedByCurrentThread);
  }

  @Override
  public int holdCount() {
    return calls.call(() -> lock.isLockedByCurrentThread() ? lock.getLockCount() : 0);
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
