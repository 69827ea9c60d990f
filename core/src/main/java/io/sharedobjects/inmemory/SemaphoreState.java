package io.sharedobjects.inmemory;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The state of one in-memory {@link io.sharedobjects.SharedSemaphore}: its number of permits, fixed by the
 * first creator, and how many of them each {@link InMemorySharedObjects} holds. An instance stands for a
 * process, so its permits are its own whichever of its threads took them, and go back when it closes.
 *
 * <p>All methods but {@link #releaseFor} must be called holding this object's monitor, which is also what
 * waiting threads wait on.
 */
final class SemaphoreState extends InMemoryStore.NumberedState {

  private int permits;
  private int inUse;
  private final Map<InMemorySharedObjects, Integer> holders = new IdentityHashMap<>();

  @Override
  void fixed(int number) {
    permits = number;
  }

  /** Takes a permit for {@code by} if one is free; returns whether it did. */
  boolean tryTake(InMemorySharedObjects by) {
    if (inUse >= permits) {
      return false;
    }
    inUse++;
    holders.merge(by, 1, Integer::sum);
    return true;
  }

  /**
   * Gives back one permit {@code by} holds, waking waiters.
   *
   * @throws IllegalStateException if {@code by} holds none; nothing changes then
   */
  void release(InMemorySharedObjects by, String name) {
    Integer held = holders.get(by);
    if (held == null) {
      throw notHeld(name);
    }
    if (held == 1) {
      holders.remove(by);
    } else {
      holders.put(by, held - 1);
    }
    inUse--;
    notifyAll();
  }

  int available() {
    return permits - inUse;
  }

  /** Gives back every permit taken through {@code closing}, as its process's death would. */
  synchronized void releaseFor(InMemorySharedObjects closing) {
    Integer held = holders.remove(closing);
    if (held != null) {
      inUse -= held;
    }
    // Also wakes the closing instance's waiting threads, so they fail instead of waiting on.
    notifyAll();
  }

  @Override
  void cleared() {
    holders.clear();
    inUse = 0;
    notifyAll();
  }

  /** The refusal of a release by a process that holds no permit, worded the same on every backend. */
  static IllegalStateException notHeld(String name) {
    return new IllegalStateException("This process holds no permit of semaphore '" + name + "', so it has"
        + " none to release; nothing was changed. A permit is released by the process that acquired it,"
        + " once per successful acquire() or tryAcquire(): release only after one of them succeeded.");
  }
}
