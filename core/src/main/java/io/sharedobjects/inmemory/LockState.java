package io.sharedobjects.inmemory;

import io.sharedobjects.inmemory.InMemoryStore.StoredObject;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The state of one lock: who holds it, how many times, and the fencing token of the current hold.
 *
 * <p>A holder is a thread acting through one {@link InMemorySharedObjects}: the same thread acting through
 * a peer is another holder, as a thread of another process would be. All methods but {@link #releaseFor}
 * must be called holding this object's monitor, which is also what waiting threads wait on: threads
 * waiting for the lock and threads waiting on one of its conditions alike.
 *
 * <p>Each condition is a queue of {@link Waiter}s by condition name, oldest first; a waiter leaves it when
 * signalled, or when it gives up (timed out, interrupted, its instance closed), so a signal always goes to
 * a waiter still waiting.
 */
final class LockState extends StoredObject {

  /** One thread waiting on a condition; its fields are guarded by the lock state's monitor. */
  static final class Waiter {
    /** The holds it released, to restore once it has the lock again. */
    final int holds;
    boolean signalled;

    Waiter(int holds) {
      this.holds = holds;
    }
  }

  private final Map<String, ArrayDeque<Waiter>> conditions = new HashMap<>();

  private Thread thread;
  private InMemorySharedObjects session;
  private int holds;
  private long fence;

  /** Takes the lock, or takes it once more; returns the hold's fencing token, or 0 if another holder has it. */
  long tryTake(InMemorySharedObjects by, Thread on, InMemoryStore store) {
    if (thread == null) {
      thread = on;
      session = by;
      holds = 1;
      fence = store.nextFence();
      return fence;
    }
    if (isHeldBy(by, on)) {
      if (holds == Integer.MAX_VALUE) {
        throw new Error("Maximum lock count exceeded");
      }
      holds++;
      return fence;
    }
    return 0;
  }

  /** Releases one hold, waking waiters when the last one goes. */
  void release(InMemorySharedObjects by, Thread on, String name) {
    if (!isHeldBy(by, on)) {
      throw notHeld(by, on, name);
    }
    if (--holds == 0) {
      clear();
    }
  }

  long fence(InMemorySharedObjects by, Thread on, String name) {
    if (!isHeldBy(by, on)) {
      throw notHeld(by, on, name);
    }
    return fence;
  }

  /**
   * Registers the holder as a waiter of condition {@code name}, then releases every one of its holds.
   *
   * @return the waiter, with the hold count to restore
   */
  Waiter startWaiting(InMemorySharedObjects by, Thread on, String lockName, String name) {
    if (!isHeldBy(by, on)) {
      throw notHeld(by, on, lockName);
    }
    Waiter waiter = new Waiter(holds);
    conditions.computeIfAbsent(name, n -> new ArrayDeque<>()).addLast(waiter);
    clear();
    return waiter;
  }

  /** A waiter gives up (timed out, interrupted, closed): it leaves the queue, so no signal goes to it. */
  void stopWaiting(String name, Waiter waiter) {
    ArrayDeque<Waiter> queue = conditions.get(name);
    if (queue != null && queue.remove(waiter) && queue.isEmpty()) {
      conditions.remove(name);
    }
  }

  /** Wakes the oldest waiter of condition {@code name}, or every one; nothing is remembered if none waits. */
  void signal(InMemorySharedObjects by, Thread on, String lockName, String name, boolean all) {
    if (!isHeldBy(by, on)) {
      throw notHeld(by, on, lockName);
    }
    ArrayDeque<Waiter> queue = conditions.get(name);
    if (queue == null) {
      return;
    }
    do {
      queue.pollFirst().signalled = true;
    } while (all && !queue.isEmpty());
    if (queue.isEmpty()) {
      conditions.remove(name);
    }
    notifyAll();
  }

  /** After a waiter took the lock back (a fresh hold): its earlier reentrant holds are restored. */
  void restoreHolds(InMemorySharedObjects by, Thread on, int count) {
    if (isHeldBy(by, on)) {
      holds = count;
    }
  }

  boolean isHeldBy(InMemorySharedObjects by, Thread on) {
    return thread == on && session == by;
  }

  int holdCount(InMemorySharedObjects by, Thread on) {
    return isHeldBy(by, on) ? holds : 0;
  }

  boolean isLocked() {
    return thread != null;
  }

  String describe() {
    return thread == null ? "[Unlocked]" : "[Locked by thread " + thread.getName() + "]";
  }

  /** Releases every hold taken through {@code closing}, as its process's death would. */
  synchronized void releaseFor(InMemorySharedObjects closing) {
    if (session == closing) {
      clear();
    }
    // Also wakes the closing instance's waiting threads, so they fail instead of waiting on.
    notifyAll();
  }

  @Override
  void cleared() {
    // A destroyed lock's waiters wake (as signalled) and take the new lock of the same name.
    conditions.values().forEach(queue -> queue.forEach(waiter -> waiter.signalled = true));
    conditions.clear();
    clear();
  }

  private void clear() {
    thread = null;
    session = null;
    holds = 0;
    fence = 0;
    notifyAll();
  }

  private IllegalMonitorStateException notHeld(InMemorySharedObjects by, Thread on, String name) {
    String detail = thread == on
        ? " (this thread holds it through another InMemorySharedObjects, which stands for another process)"
        : "";
    return new IllegalMonitorStateException(
        "The current thread does not hold lock '" + name + "'" + detail + "; only the holder may release it.");
  }
}
