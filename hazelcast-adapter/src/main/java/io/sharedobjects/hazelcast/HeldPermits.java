package io.sharedobjects.hazelcast;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * What one process knows of the permit keys of one map-backed semaphore ({@link MapSharedSemaphore}): which
 * it holds, which of its threads is trying one, and which it may hold without knowing (a lock whose answer
 * was lost and whose undoing failed too). A key held, tried or doubtful is <em>claimed</em>, and no thread of
 * this process tries a claimed key: every thread of a process takes keys as the same lock owner, so a second
 * lock of one key would be a reentrant one, not a second permit. Thread-safe.
 */
final class HeldPermits {

  private final boolean[] claimed;
  private final ArrayDeque<Integer> held = new ArrayDeque<>();
  private final List<Integer> doubtful = new ArrayList<>();
  private boolean closed;

  HeldPermits(int permits) {
    this.claimed = new boolean[permits];
  }

  /** Claims {@code index} for the calling thread to try; false if it is claimed already. */
  synchronized boolean claim(int index) {
    if (claimed[index]) {
      return false;
    }
    claimed[index] = true;
    return true;
  }

  /** Gives up a claim: the key was not taken, or is no longer held. */
  synchronized void unclaim(int index) {
    claimed[index] = false;
  }

  /** Records a claimed key as held; false if this process closed meanwhile (the caller gives it back). */
  synchronized boolean keep(int index) {
    if (closed) {
      return false;
    }
    held.push(index);
    return true;
  }

  /** Takes one held key out to release it (it stays claimed), or null if this process holds none. */
  synchronized Integer toRelease() {
    return held.poll();
  }

  /** Puts back a key whose release failed without an answer: still this process's. */
  synchronized void putBack(int index) {
    held.push(index);
  }

  /** Records a claimed key this process may hold without knowing; it stays claimed until settled. */
  synchronized void doubt(int index) {
    doubtful.add(index);
  }

  /** Takes out the doubtful keys to settle (they stay claimed until the caller unclaims them). */
  synchronized List<Integer> doubtfulToSettle() {
    if (doubtful.isEmpty()) {
      return List.of();
    }
    List<Integer> unsure = new ArrayList<>(doubtful);
    doubtful.clear();
    return unsure;
  }

  /** Forgets the held keys, freed by a destroy; keys being tried stay claimed by their threads. */
  synchronized void forgetHeld() {
    for (int index : held) {
      claimed[index] = false;
    }
    held.clear();
  }

  /** Marks this process closed (no key is kept any more) and takes out every key it holds or may hold. */
  synchronized List<Integer> close() {
    closed = true;
    List<Integer> mine = new ArrayList<>(held);
    mine.addAll(doubtful);
    held.clear();
    doubtful.clear();
    return mine;
  }
}
