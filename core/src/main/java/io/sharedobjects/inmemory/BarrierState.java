package io.sharedobjects.inmemory;

import java.util.ArrayList;
import java.util.List;

/**
 * The state of one in-memory {@link io.sharedobjects.SharedBarrier}: its parties, as its first creator fixed
 * them, and its current generation. A waiting thread keeps the {@link Generation} it arrived in, so it learns
 * how that generation ended (passed or broken) even when a new one has started since, as in {@link
 * java.util.concurrent.CyclicBarrier}.
 *
 * <p>All methods but {@link #closedPeer} must be called holding this object's monitor, which is also what
 * waiting threads wait on; every change wakes them.
 */
final class BarrierState extends InMemoryStore.NumberedState {

  /** One generation: the instances whose threads wait in it (one entry per thread), and how it ended. */
  static final class Generation {
    final List<InMemorySharedObjects> waiting = new ArrayList<>();
    boolean broken;
    boolean passed;
  }

  private int parties;
  private Generation current = new Generation();

  @Override
  void fixed(int number) {
    parties = number;
  }

  int parties() {
    return parties;
  }

  Generation current() {
    return current;
  }

  /** Passes the current generation (its last party arrived) and starts the next. */
  void pass() {
    current.passed = true;
    current = new Generation();
    notifyAll();
  }

  /** Breaks the current generation, unless it already ended; its waiters fail. */
  void breakCurrent() {
    if (!current.broken && !current.passed) {
      current.broken = true;
      current.waiting.clear();
      notifyAll();
    }
  }

  /** Breaks the current generation if anyone waits in it or it is broken, and starts a new, whole one. */
  void reset() {
    if (current.broken || !current.waiting.isEmpty()) {
      breakCurrent();
      current = new Generation();
      notifyAll();
    }
  }

  /** How many parties wait now: 0 while broken. */
  int numberWaiting() {
    return current.broken ? 0 : current.waiting.size();
  }

  boolean isBroken() {
    return current.broken;
  }

  /**
   * Breaks the current generation if a thread of {@code peer}, now closed, waits in it: the closed instance
   * stands for a process that died while waiting. Takes the monitor itself.
   */
  synchronized void closedPeer(InMemorySharedObjects peer) {
    if (current.waiting.contains(peer)) {
      breakCurrent();
    }
    notifyAll();
  }

  @Override
  void cleared() {
    // Destroyed: whoever waits in it fails, as the generation can never pass.
    breakCurrent();
    notifyAll();
  }
}
