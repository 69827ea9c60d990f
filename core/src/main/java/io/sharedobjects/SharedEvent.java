package io.sharedobjects;

import java.util.concurrent.TimeUnit;

/**
 * A flag shared by every process that asks for it by the same name: Python's {@code Event}. It starts clear;
 * {@link #set()} sets it and wakes every waiter in every process, {@link #clear()} clears it.
 *
 * <p><b>Waking:</b> waiters are woken by a change notification from the backend, not by sleep-polling;
 * a bounded periodic re-check is only a safety net. A waiter that sees the event set returns, even if it
 * is cleared again at once (as Python's {@code Event.wait}).
 *
 * <p><b>Bounded waits:</b> every wait is interruptible and has a timed form; a wait fails with {@link
 * ClusterUnavailableException} within the connect timeout once the cluster cannot be reached, and with
 * {@link SharedObjectsClosedException} once the {@link SharedObjects} that made it is closed.
 *
 * <p><b>Owner death:</b> an event has no owner; a process that dies leaves it as it was.
 *
 * <p><b>Partitions:</b> with a declared cluster size, every call ({@link #set()} and {@link #clear()}
 * included) needs a majority and fails with {@link NoQuorumException} without one.
 *
 * <p><b>Destroy:</b> {@link #destroy()} clears the event for every process; the name works again as a new,
 * clear event. No order is promised among waiters: all of them wake.
 *
 * <p><b>Thread safety:</b> thread-safe; {@link #set()} and {@link #clear()} are atomic.
 */
public interface SharedEvent extends SharedObject {

  /** Sets the event and wakes every waiter of every process; setting a set event changes nothing. */
  void set();

  /** Clears the event; waiters that already returned are not affected. */
  void clear();

  /** Whether the event is set now. */
  boolean isSet();

  /**
   * Waits until the event is set; returns at once if it is.
   *
   * @throws InterruptedException if the waiting thread is interrupted
   */
  void await() throws InterruptedException;

  /**
   * Waits until the event is set or the time runs out.
   *
   * @return whether the event was set (false: the time ran out)
   * @throws InterruptedException if the waiting thread is interrupted
   */
  boolean await(long time, TimeUnit unit) throws InterruptedException;
}
