package io.sharedobjects;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.function.BooleanSupplier;

/**
 * A named condition of a {@link SharedLock}, shared by every process: {@code lock.condition("not-empty")}
 * reaches the same condition from every process that asks for it with the same lock and name, and {@link
 * SharedLock#newCondition()} reaches the lock's default condition, also the same in every process. It works
 * as a {@link java.util.concurrent.locks.ReentrantLock}'s condition does, across processes; Python's
 * {@code multiprocessing.Condition}, whose {@code wait_for(predicate, timeout)} is {@link #waitFor}.
 *
 * <p><b>Holding the lock:</b> every method needs the current thread to hold the condition's lock and
 * throws {@link IllegalMonitorStateException} otherwise, before changing anything. {@code await} releases
 * every reentrant hold of the lock and takes all of them back before it returns or throws, as a fresh
 * acquisition: the hold count is as before, the fencing token is new and larger.
 *
 * <p><b>Signals:</b> {@link #signal()} wakes the longest-waiting live waiter of any process, {@link
 * #signalAll()} every waiter; a signal sent when no thread waits is not remembered. No wake-up is lost: a
 * waiter is registered before it releases the lock, so a signal sent by any later holder reaches it. A
 * waiter that timed out or was interrupted does not take a signal from a waiter still waiting.
 *
 * <p><b>Spurious wake-ups:</b> an {@code await} returns only when signalled, timed out or interrupted,
 * with one exception the {@link Condition} contract allows: a signal taken by a waiter whose process died
 * before it could return is handed on to another waiter (within the backend's owner-death bound plus its
 * re-check period), which may then wake without a signal meant for it. Always wait in a loop that checks
 * what you wait for, or use {@link #waitFor}.
 *
 * <p><b>Partitions and failures:</b> with a declared cluster size every call needs a majority ({@link
 * NoQuorumException}); when the cluster cannot be reached, {@code await} throws {@link
 * ClusterUnavailableException} and may then return without the lock held (check {@link
 * SharedLock#isHeldByCurrentThread()} before unlocking in a {@code finally}).
 *
 * <p><b>Fairness:</b> signals go to waiters in the order they started waiting, but a woken waiter competes
 * for the lock with every other thread; no order of lock acquisition is promised.
 *
 * <p><b>Thread safety:</b> thread-safe.
 */
public interface SharedCondition extends Condition {

  /** The condition's name; {@link SharedLock#DEFAULT_CONDITION} for the lock's default condition. */
  String name();

  /** The lock this condition belongs to. */
  SharedLock sharedLock();

  /**
   * Python's {@code Condition.wait_for(predicate)}: waits until {@code predicate} is true, checking it
   * under the lock first and again after each wake-up; returns at once if it is true already. Any other
   * process changing what the predicate reads must signal this condition after the change.
   *
   * @param predicate evaluated with the lock held; must not be null
   * @throws IllegalMonitorStateException if the current thread does not hold the lock
   * @throws InterruptedException if the waiting thread is interrupted (the lock is held again)
   */
  default void waitFor(BooleanSupplier predicate) throws InterruptedException {
    requireHeld(predicate);
    while (!predicate.getAsBoolean()) {
      await();
    }
  }

  /**
   * Python's {@code Condition.wait_for(predicate, timeout)}: as {@link #waitFor(BooleanSupplier)}, for at
   * most the given time.
   *
   * @return the predicate's last value: true if it became true, false if the time ran out first
   * @throws IllegalMonitorStateException if the current thread does not hold the lock
   * @throws InterruptedException if the waiting thread is interrupted (the lock is held again)
   */
  default boolean waitFor(BooleanSupplier predicate, long time, TimeUnit unit) throws InterruptedException {
    requireHeld(predicate);
    long nanos = unit.toNanos(time);
    long deadline = System.nanoTime() + nanos;
    while (!predicate.getAsBoolean()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      awaitNanos(left);
    }
    return true;
  }

  private void requireHeld(BooleanSupplier predicate) {
    if (predicate == null) {
      throw new NullPointerException("waitFor needs a predicate, such as () -> !queue.isEmpty()");
    }
    if (!sharedLock().isHeldByCurrentThread()) {
      throw new IllegalMonitorStateException("The current thread does not hold lock '" + sharedLock().name()
          + "'; lock it before waiting on its condition '" + name() + "'.");
    }
  }
}
