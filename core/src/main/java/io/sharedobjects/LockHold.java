package io.sharedobjects;

/**
 * The {@link SharedLock.Hold} every backend hands out: it remembers its fencing token and releases its lock
 * once, however often it is closed, so a {@code close()} too many cannot release an outer reentrant hold.
 * Use it from the thread that acquired the lock.
 */
public final class LockHold implements SharedLock.Hold {
  private final SharedLock lock;
  private final long fence;
  private volatile boolean released;

  /** A hold of {@code lock}, which the current thread has just acquired with this fencing token. */
  public LockHold(SharedLock lock, long fence) {
    this.lock = lock;
    this.fence = fence;
  }

  @Override
  public long fence() {
    return fence;
  }

  @Override
  public void close() {
    if (!released) {
      lock.unlock();
      released = true;
    }
  }
}
