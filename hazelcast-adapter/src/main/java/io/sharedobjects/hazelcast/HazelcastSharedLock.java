package io.sharedobjects.hazelcast;

import io.sharedobjects.LockHold;
import io.sharedobjects.SharedLock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** What both lock backends share: the {@link SharedLock.Hold} handles and the object basics. */
abstract class HazelcastSharedLock implements SharedLock {

  final Calls calls;
  final String name;

  HazelcastSharedLock(ObjectContext context, String name) {
    this.calls = context.calls();
    this.name = name;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public Hold acquire() {
    lock();
    return hold();
  }

  @Override
  public final Optional<Hold> tryAcquire(long time, TimeUnit unit) throws InterruptedException {
    return tryLock(time, unit) ? Optional.of(hold()) : Optional.empty();
  }

  /** The hold of an acquisition just made; without its token it is useless, so the lock goes back then. */
  private Hold hold() {
    try {
      return new LockHold(this, fence());
    } catch (RuntimeException e) {
      try {
        unlock();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /**
   * Gives back the holds that threads of this process took through this proxy, as the owner's death would;
   * called once when the {@code SharedObjects} that made this proxy closes.
   */
  abstract void releaseOnClose();

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + name + "]";
  }
}
