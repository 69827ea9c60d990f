package io.sharedobjects;

/**
 * The {@link SharedLock.Hold} of {@link SharedLock#acquire()}: it remembers its fencing token and releases
 * its lock once, however often it is closed, so a {@code close()} too many cannot release an outer
 * reentrant hold. Use it from the thread that acquired the lock.
 */
final class LockHold implements SharedLock.Hold {
  private final SharedLock lock;
  private final long fence;
  private volatile boolean released;

  private LockHold(SharedLock lock, long fence) {
    this.lock = lock;
    this.fence = fence;
  }

  /**
   * The hold of {@code lock}, which the current thread has just acquired. Without its token a hold is
   * useless, so if the token cannot be read the lock is released and the failure thrown.
   */
  static SharedLock.Hold ofHeldLock(SharedLock lock) {
    try {
      return new LockHold(lock, lock.fence());
    } catch (RuntimeException e) {
      try {
        lock.unlock();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
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
