package io.sharedobjects.hazelcast;

import io.sharedobjects.LockHold;
import io.sharedobjects.SharedLock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** What both lock backends share: the {@link SharedLock.Hold} handles and the object basics. */
abstract class HazelcastSharedLock implements SharedLock {

  final Calls calls;
  final String name;

  HazelcastSharedLock(HazelcastSharedObjects owner, String name) {
    this.calls = owner.calls();
    this.name = name;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public Hold acquire() {
    lock();
    return new LockHold(this, fence());
  }

  @Override
  public final Optional<Hold> tryAcquire(long time, TimeUnit unit) throws InterruptedException {
    return tryLock(time, unit) ? Optional.of(new LockHold(this, fence())) : Optional.empty();
  }

  /**
   * Gives back the holds that threads of this process took through this proxy, as the owner's death would;
   * called once when the owning {@link HazelcastSharedObjects} closes.
   */
  abstract void releaseOnClose();

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + name + "]";
  }
}
