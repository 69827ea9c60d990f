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
  /** Keys a release handed to a waiting thread of this process: still locked by this process, still claimed. */
  private final ArrayDeque<Integer> handed = new ArrayDeque<>();
  /** Threads of this process waiting for a permit. */
  private int waiting;
  /** Releases handed over in a row since the last one given back to the cluster. */
  private int streak;
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

  /**
   * Hands a key being released to a waiting thread of this process, if one waits for it and fewer than
   * {@code maxStreak} releases in a row were handed over: the key stays locked by this process, so the
   * permit changes threads without a round trip. Returns false when the caller must give it back to the
   * cluster, which it must do at least every {@code maxStreak + 1} releases, so that other processes'
   * waiters get their turn.
   */
  synchronized boolean handOff(int index, int maxStreak) {
    if (closed || handed.size() >= waiting || streak >= maxStreak) {
      streak = 0;
      return false;
    }
    handed.add(index);
    streak++;
    return true;
  }

  /** Takes a key handed over to the waiting threads, as held by the calling one; false if none. */
  synchronized boolean takeHanded() {
    Integer index = closed ? null : handed.poll();
    if (index == null) {
      return false;
    }
    held.push(index);
    return true;
  }

  /** Counts a thread starting ({@code +1}) or ending ({@code -1}) its wait for a permit. */
  synchronized void waiting(int change) {
    waiting += change;
  }

  /**
   * A handed-over key that no waiting thread will take (more handed than threads waiting, after one gave
   * up), for the caller to give back to the cluster; null if none.
   */
  synchronized Integer surplus() {
    return handed.size() > waiting ? handed.pollLast() : null;
  }

  /** Puts back a key whose release was refused before it was sent: still this process's. */
  synchronized void putBack(int index) {
    held.push(index);
  }

  /** Records a claimed key this process may hold without knowing; it stays claimed until settled. */
  synchronized void doubt(int index) {
    doubtful.add(index);
  }

  /** Whether some key is doubtful and not being settled. */
  synchronized boolean hasDoubtful() {
    return !doubtful.isEmpty();
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
    for (int index : handed) {
      claimed[index] = false;
    }
    held.clear();
    handed.clear();
  }

  /** Marks this process closed (no key is kept any more) and takes out every key it holds or may hold. */
  synchronized List<Integer> close() {
    closed = true;
    List<Integer> mine = new ArrayList<>(held);
    mine.addAll(doubtful);
    mine.addAll(handed);
    held.clear();
    doubtful.clear();
    handed.clear();
    return mine;
  }
}
