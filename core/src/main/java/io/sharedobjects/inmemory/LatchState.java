package io.sharedobjects.inmemory;

/**
 * The stored state of one in-memory {@link io.sharedobjects.SharedLatch}: the count left, set from the
 * number its first creator fixed. Guarded by its monitor; waiting threads wait on it and every change wakes
 * them.
 */
final class LatchState extends InMemoryStore.NumberedState {
  long count;

  @Override
  void fixed(int number) {
    count = number;
  }

  /** Wakes the waiting threads, so they look again (after a close, to fail). */
  synchronized void wakeAll() {
    notifyAll();
  }

  @Override
  void cleared() {
    notifyAll();
  }
}
