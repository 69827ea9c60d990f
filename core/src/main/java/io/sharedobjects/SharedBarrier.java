package io.sharedobjects;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A cyclic barrier shared by every process that asks for it by the same name: Python's {@code Barrier},
 * Java's {@code CyclicBarrier} across processes. Its number of parties is fixed by the first creator; when
 * that many have called {@link #await()}, all return and the barrier is ready for the next generation.
 *
 * <p><b>Broken:</b> when a waiter times out, is interrupted, calls {@link #reset()} or its process dies
 * while waiting, the barrier is broken: every waiter of that generation fails with {@link
 * BrokenBarrierException}, and so does every later {@code await} until {@link #reset()}.
 *
 * <p><b>Partitions:</b> with a declared cluster size, only a majority lets parties pass; the minority's
 * calls fail with {@link NoQuorumException}.
 *
 * <p><b>Thread safety:</b> thread-safe.
 */
public interface SharedBarrier extends SharedObject {

  /**
   * Waits until every party has arrived.
   *
   * @return the arrival index: {@code parties() - 1} for the first to arrive, 0 for the last
   * @throws BrokenBarrierException if the barrier is or becomes broken while waiting
   * @throws InterruptedException if the waiting thread is interrupted (the barrier is then broken)
   */
  int await() throws InterruptedException, BrokenBarrierException;

  /**
   * Waits until every party has arrived or the time runs out; when it runs out, the barrier is broken.
   *
   * @return the arrival index, as {@link #await()}
   * @throws TimeoutException if the time ran out
   * @throws BrokenBarrierException if the barrier is or becomes broken while waiting
   * @throws InterruptedException if the waiting thread is interrupted (the barrier is then broken)
   */
  int await(long time, TimeUnit unit) throws InterruptedException, BrokenBarrierException, TimeoutException;

  /** How many parties pass the barrier together, as its first creator fixed. */
  int parties();

  /** How many parties wait at the barrier now. */
  int numberWaiting();

  /** Whether the barrier is broken. */
  boolean isBroken();

  /** Breaks the current generation for its waiters, then makes the barrier ready for a new one. */
  void reset();
}
