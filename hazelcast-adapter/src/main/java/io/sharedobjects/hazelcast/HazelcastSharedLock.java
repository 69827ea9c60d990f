package io.sharedobjects.hazelcast;

import io.sharedobjects.SharedLock;

/** What both lock backends share: the object basics and the release on close. */
abstract class HazelcastSharedLock implements SharedLock, ReleasedOnClose {

  final Calls calls;
  final String name;

  HazelcastSharedLock(ObjectContext context, String name) {
    this.calls = context.synchronizerCalls("lock '" + name + "'");
    this.name = name;
  }

  @Override
  public final String name() {
    return name;
  }

  /** Gives back the holds that threads of this process took through this proxy, as the owner's death would. */
  @Override
  public abstract void releaseOnClose();

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + name + "]";
  }
}
