package io.sharedobjects.hazelcast;

import java.util.concurrent.TimeUnit;

/**
 * A local wake-up call for threads that wait for something in the cluster to change: a listener of
 * Hazelcast events calls {@link #changed()}; a waiting thread reads {@link #sequence()}, looks at the
 * cluster, and if it must wait, waits for a change after the sequence it read. A change that happens
 * between its look and its wait is not missed. Thread-safe.
 */
final class ChangeSignal {

  private long sequence;

  /** How many changes have been signalled so far. */
  synchronized long sequence() {
    return sequence;
  }

  /** Signals a change, waking every waiting thread. */
  synchronized void changed() {
    sequence++;
    notifyAll();
  }

  /**
   * Waits until a change after {@code seen} is signalled, at most {@code nanos}.
   *
   * @return whether a change was signalled (false: the time ran out)
   * @throws InterruptedException if the waiting thread is interrupted
   */
  synchronized boolean awaitChange(long seen, long nanos) throws InterruptedException {
    long deadline = System.nanoTime() + nanos;
    while (sequence == seen) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }
}
