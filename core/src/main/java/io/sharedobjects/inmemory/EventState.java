package io.sharedobjects.inmemory;

/**
 * The stored state of one in-memory {@link io.sharedobjects.SharedEvent}: whether it is set, and how many
 * times it has been set, so a waiter also sees a set that was cleared again before it woke. Guarded by its
 * monitor; waiting threads wait on it and every change wakes them.
 */
final class EventState extends InMemoryStore.StoredObject {
  boolean set;
  /** How many times the event went from clear to set; a waiter returns once it changes. */
  long sets;

  /** Wakes the waiting threads, so they look again (after a close, to fail). */
  synchronized void wakeAll() {
    notifyAll();
  }

  @Override
  void cleared() {
    set = false;
    notifyAll();
  }
}
