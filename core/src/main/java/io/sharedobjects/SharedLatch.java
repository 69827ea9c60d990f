package io.sharedobjects;

import java.util.concurrent.TimeUnit;

/**
 * A count-down latch shared by every process that asks for it by the same name: Java's {@code
 * CountDownLatch} across processes. Its count is fixed by the first creator; once it reaches zero it stays
 * there and every waiter of every process returns.
 *
 * <p><b>Bounded waits:</b> every wait is interruptible and has a timed form; a wait fails with {@link
 * ClusterUnavailableException} within the connect timeout once the cluster cannot be reached, and with
 * {@link SharedObjectsClosedException} once the {@link SharedObjects} that made it is closed.
 *
 * <p><b>Owner death:</b> a latch has no owner; a countDown made by a process that then dies stays counted,
 * and a process that dies before counting down leaves the count as it is (waiters then wait until their
 * timed await runs out), as with Java's {@code CountDownLatch}.
 *
 * <p><b>Partitions:</b> with a declared cluster size, every call ({@link #countDown()} included) needs a
 * majority and fails with {@link NoQuorumException} without one.
 *
 * <p><b>Destroy:</b> {@link #destroy()} removes the count and the number it was created with; the name works
 * again as a new latch whose next creator fixes its count.
 *
 * <p><b>Thread safety:</b> thread-safe; {@link #countDown()} is atomic.
 */
public interface SharedLatch extends SharedObject {

  /** Counts down by one, waking every waiter when the count reaches zero; at zero, does nothing. */
  void countDown();

  /** The count now. */
  long count();

  /**
   * Waits until the count reaches zero.
   *
   * @throws InterruptedException if the waiting thread is interrupted
   */
  void await() throws InterruptedException;

  /**
   * Waits until the count reaches zero or the time runs out.
   *
   * @return whether the count reached zero (false: the time ran out)
   * @throws InterruptedException if the waiting thread is interrupted
   */
  boolean await(long time, TimeUnit unit) throws InterruptedException;
}
