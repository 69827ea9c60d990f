package io.sharedobjects.inmemory;

import io.sharedobjects.inmemory.InMemoryStore.StoredObject;

/**
 * The state of one lock: who holds it, how many times, and the fencing token of the current hold.
 *
 * <p>A holder is a thread acting through one {@link InMemorySharedObjects}: the same thread acting through
 * a peer is another holder, as a thread of another process would be. All methods but {@link #releaseFor}
 * must be called holding this object's monitor, which is also what waiting threads wait on.
 */
final class LockState extends StoredObject {

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
