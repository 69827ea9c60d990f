package io.sharedobjects;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A cyclic barrier shared by every process that asks for it by the same name: Python's {@code Barrier},
 * Java's {@code CyclicBarrier} across processes. Its number of parties is fixed by the first creator
 * ({@link SharedObjects#barrier(String, int)}; asking with another number fails with {@link
 * IllegalArgumentException} naming both). When that many parties, from any processes and threads, have
 * called {@link #await()}, all of them return, each with its own arrival index, and the barrier is ready
 * for the next generation: it is reusable. There is no barrier action; run one on the party that gets
 * index 0.
 *
 * <p><b>Broken:</b> the current generation breaks when a waiter times out (it gets {@link
 * TimeoutException}), is interrupted (it gets {@link InterruptedException}), when anyone calls {@link
 * #reset()}, when the {@link SharedObjects} a waiter works through is closed, when the barrier is destroyed,
 * and when a waiting party's process dies or freezes (owner death, below). Every other waiter of that
 * generation then fails with {@link BrokenBarrierException}, and so does every later {@code await}, at once,
 * until {@link #reset()}. As with {@code CyclicBarrier}, a generation that passed before the interrupt or
 * time-out took effect counts as passed: the waiter returns its index (an interrupt stays set).
 *
 * <p><b>Owner death:</b> a party whose process is killed or frozen while it waits breaks the generation for
 * the others once its death is known: on the Hazelcast backend within the lock's owner-death bound plus one
 * re-check (0.5 s) of the waiters: a client killed within 6.5 s, frozen within 31.5 s; an embedded member
 * killed or frozen within 10.5 s (docs/reliability.md). A generation completed by the last arrival before
 * then passes with the dead party counted, as if it had died just after passing.
 *
 * <p><b>Partitions:</b> with a declared cluster size, only a majority lets parties pass; the minority's
 * calls fail with {@link NoQuorumException}, and the majority takes a waiting party cut off from it for dead.
 *
 * <p><b>Fairness:</b> none promised; arrival indexes follow the order in which the cluster recorded the
 * arrivals. <b>Thread safety:</b> thread-safe; each call is atomic.
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
   * Waits until every party has arrived or the time runs out; when it runs out, the barrier is broken. A
   * time of zero or less returns only if this is the last arrival, and otherwise times out at once.
   *
   * @return the arrival index, as {@link #await()}
   * @throws TimeoutException if the time ran out
   * @throws BrokenBarrierException if the barrier is or becomes broken while waiting
   * @throws InterruptedException if the waiting thread is interrupted (the barrier is then broken)
   */
  int await(long time, TimeUnit unit) throws InterruptedException, BrokenBarrierException, TimeoutException;

  /** How many parties pass the barrier together, as its first creator fixed. */
  int parties();

  /** How many parties wait at the barrier now, from every process; 0 while it is broken. */
  int numberWaiting();

  /** Whether the barrier is broken. */
  boolean isBroken();

  /**
   * Breaks the current generation for its waiters (they fail with {@link BrokenBarrierException}) if any
   * wait or it is broken, then makes the barrier whole and ready for a new generation.
   */
  void reset();
}
