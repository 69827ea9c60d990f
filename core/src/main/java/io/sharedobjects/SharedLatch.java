package io.sharedobjects;

import java.util.concurrent.TimeUnit;

/**
 * A count-down latch shared by every process that asks for it by the same name: Java's {@code
 * CountDownLatch} across processes. Its count is fixed by the first creator; once it reaches zero it stays
 * there and every waiter of every process returns.
 *
 * <p><b>Partitions:</b> with a declared cluster size, {@link #countDown()} needs a majority and fails with
 * {@link NoQuorumException} without one.
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
