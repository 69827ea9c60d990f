package io.sharedobjects.hazelcast;

import io.sharedobjects.SharedCondition;
import io.sharedobjects.SharedLock;
import io.sharedobjects.SharedNames;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What both lock backends share: the object basics, the release on close, and conditions ({@link
 * MapCondition}, the same for both: {@code FencedLock} has none).
 */
abstract class HazelcastSharedLock implements SharedLock, ReleasedOnClose {

  final Calls calls;
  final String name;
  private final ObjectContext context;
  /** This proxy's conditions by name, each shared by the threads of this process. */
  private final ConcurrentMap<String, MapCondition> conditions = new ConcurrentHashMap<>();

  HazelcastSharedLock(ObjectContext context, String name) {
    this.calls = context.synchronizerCalls("lock '" + name + "'");
    this.name = name;
    this.context = context;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final SharedCondition condition(String name) {
    return conditionNamed(SharedNames.validate(name));
  }

  @Override
  public final SharedCondition newCondition() {
    return conditionNamed(DEFAULT_CONDITION);
  }

  private MapCondition conditionNamed(String conditionName) {
    return conditions.computeIfAbsent(conditionName, n -> new MapCondition(context, this, n));
  }

  /**
   * For a condition's waiter: gives up every reentrant hold of the current thread.
   *
   * @return how many holds it gave up, for {@link #takeBack}
   */
  int releaseAll() {
    int holds = holdCount();
    for (int i = 0; i < holds; i++) {
      unlock();
    }
    return holds;
  }

  /**
   * For a condition's waiter: takes the lock back as a fresh acquisition (a new fence), with its earlier
   * hold count, waiting as long as needed. An interrupt does not stop it; it is kept for the caller.
   */
  void takeBack(int holds) {
    boolean interrupted = Thread.interrupted();
    try {
      for (int i = 0; i < holds; i++) {
        lock();
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Wakes this process's threads waiting on the lock's conditions (they fail: their owner closed), then gives
   * back the holds that threads of this process took through this proxy, as the owner's death would.
   */
  @Override
  public final void releaseOnClose() {
    conditions.values().forEach(MapCondition::close);
    releaseHolds();
  }

  /** Gives back the holds that threads of this process took through this proxy; see {@link #releaseOnClose}. */
  abstract void releaseHolds();

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + name + "]";
  }
}
