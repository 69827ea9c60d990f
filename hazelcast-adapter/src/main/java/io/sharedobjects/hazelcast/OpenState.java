package io.sharedobjects.hazelcast;

import io.sharedobjects.SharedObjectsClosedException;

/**
 * Whether one {@link HazelcastSharedObjects} is still open: set once by its {@code close()}, and checked by
 * {@link Calls} and {@link StoredForm} before each call, so every object it handed out fails clearly after
 * close.
 */
final class OpenState {

  private volatile boolean closed;

  /** Marks it closed; returns whether it was open until now, so whoever gets true does the closing. */
  synchronized boolean close() {
    if (closed) {
      return false;
    }
    closed = true;
    return true;
  }

  boolean isClosed() {
    return closed;
  }

  /** @throws SharedObjectsClosedException if closed */
  void ensureOpen() {
    if (closed) {
      throw closedException();
    }
  }

  static SharedObjectsClosedException closedException() {
    return new SharedObjectsClosedException(
        "This SharedObjects is closed; create a new one (HazelcastSharedObjects.embedded(), client(...) or wrap(...)).");
  }
}
