package io.sharedobjects.hazelcast;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryEvictedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.sharedobjects.QueueRules;
import io.sharedobjects.hazelcast.SealedState.Known;
import java.util.UUID;
import java.util.function.LongUnaryOperator;

/**
 * The count of a queue's unfinished tasks (Python's {@code JoinableQueue}), kept in the cluster so every
 * process sees it: an entry of {@value #COUNTS_MAP} under the queue's name, absent for zero, changed only
 * by compare-and-set ({@code putIfAbsent}, {@code replace}, {@code remove} of the value read), which stock
 * members offer. Uncontended, a change is one round trip when this process made the last change (it then
 * knows the value), else two.
 *
 * <p>Waiting for zero ({@link #awaitNone}) listens to the entry's events, with a re-check every
 * {@link HazelcastSharedQueue#RECHECK_NANOS} in case one is lost; the listener lives only while some thread
 * of this process waits.
 */
final class UnfinishedTasks {

  /** The internal map of counts; user names cannot start with '_', so none collides. */
  static final String COUNTS_MAP = "__shared-objects.unfinished-tasks";

  private final IMap<String, Object> counts;
  /** The form of the counts in {@link #counts}: sealed with an authKey. */
  private final SealedState state;
  private final String name;
  private final String what;
  private final QueueCalls calls;
  /**
   * The count as this process last read or wrote it, with the form it was stored as: the expected value of
   * its next compare-and-set.
   */
  private volatile Known lastKnown = NONE;

  /** No entry: zero. */
  private static final Known NONE = new Known(0, null);

  UnfinishedTasks(ObjectContext context, String name, QueueCalls calls) {
    this.counts = context.instance().getMap(COUNTS_MAP);
    this.state = SealedState.of(context, COUNTS_MAP);
    this.name = name;
    this.what = "queue '" + name + "'";
    this.calls = calls;
  }

  /** The count now. */
  long get() {
    return calls.call(this::read);
  }

  /** Counts {@code n} elements added, before they are added: a taker must never see an element uncounted. */
  void added(int n) {
    calls.call(() -> update(count -> count + n, false));
  }

  /** As {@link #added}, for a caller that may wait: an interrupt is thrown as {@link InterruptedException}. */
  void addedBeforeWaiting(int n) throws InterruptedException {
    calls.callWaiting(() -> update(count -> count + n, false));
  }

  /**
   * Marks one task done.
   *
   * @throws IllegalStateException if none is unfinished; nothing changes
   */
  void done() {
    calls.call(() -> update(count -> count - 1, true));
  }

  /** Counts {@code n} elements as done that left without being handed out, or were never added; not below zero. */
  void removedUnseen(int n) {
    if (n > 0) {
      calls.call(() -> update(count -> Math.max(0, count - n), false));
    }
  }

  /** Back to zero, for a destroyed queue. */
  void reset() {
    calls.run(() -> counts.delete(name));
    lastKnown = NONE;
  }

  /**
   * Waits until the count is zero, at most {@code nanos}; {@code wake} is signalled at each change of the
   * count (and by the queue's close, so waiting threads fail at once).
   *
   * @return whether the count reached zero in time
   */
  boolean awaitNone(long nanos, ChangeSignal wake) throws InterruptedException {
    long deadline = System.nanoTime() + nanos;
    if (calls.callWaiting(this::read) == 0) {
      return true;
    }
    UUID listener = calls.callWaiting(() -> counts.addEntryListener(new Changes(wake), name, false));
    try {
      while (true) {
        long seen = wake.sequence();
        if (calls.callWaiting(this::read) == 0) {
          return true;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        wake.awaitChange(seen, Math.min(left, HazelcastSharedQueue.RECHECK_NANOS));
      }
    } finally {
      try {
        calls.call(() -> counts.removeEntryListener(listener));
      } catch (RuntimeException e) {
        // Unreachable or closed: the cluster drops a closed client's listeners itself.
      }
    }
  }

  private long read() {
    return readKnown().value();
  }

  /** The count stored now, verified, with its stored form; kept as the last known. */
  private Known readKnown() {
    Object stored = counts.get(name);
    Long count = state.readLong(name, stored, what);
    Known known = count == null ? NONE : new Known(count, stored);
    lastKnown = known;
    return known;
  }

  /**
   * Applies {@code change} by compare-and-set, first from the last known count, then from the count read.
   * A change that leaves the last known count as it is, or makes it negative, is checked against the count
   * read before it is taken as final. Run as one call of {@link Calls}: if it is retried after the client
   * was offline, nothing of it had been sent.
   */
  private long update(LongUnaryOperator change, boolean refuseBelowZero) {
    Known expected = lastKnown;
    boolean fresh = false;
    while (true) {
      long next = change.applyAsLong(expected.value());
      if (next < 0 || next == expected.value()) {
        if (!fresh) {
          expected = readKnown();
          fresh = true;
          continue;
        }
        if (next < 0 && refuseBelowZero) {
          throw QueueRules.noUnfinishedTask(name);
        }
        return expected.value();
      }
      Known written = compareAndSet(expected, next);
      if (written != null) {
        lastKnown = written;
        return next;
      }
      expected = readKnown();
      fresh = true;
    }
  }

  /** Moves the count from {@code expected} (passing back the form it was read as) to {@code next}; null if it had moved. */
  private Known compareAndSet(Known expected, long next) {
    if (expected.value() == 0) {
      Object stored = state.seal(name, next);
      return counts.putIfAbsent(name, stored) == null ? new Known(next, stored) : null;
    }
    Object from = state.expected(name, expected.stored(), expected.value());
    if (next == 0) {
      return counts.remove(name, from) ? NONE : null;
    }
    Object stored = state.seal(name, next);
    return counts.replace(name, from, stored) ? new Known(next, stored) : null;
  }

  /** Signals every change of one count. */
  private record Changes(ChangeSignal wake) implements EntryAddedListener<String, Object>,
      EntryUpdatedListener<String, Object>, EntryRemovedListener<String, Object>, EntryEvictedListener<String, Object>,
      EntryExpiredListener<String, Object> {

    @Override
    public void entryAdded(EntryEvent<String, Object> event) {
      wake.changed();
    }

    @Override
    public void entryUpdated(EntryEvent<String, Object> event) {
      wake.changed();
    }

    @Override
    public void entryRemoved(EntryEvent<String, Object> event) {
      wake.changed();
    }

    @Override
    public void entryEvicted(EntryEvent<String, Object> event) {
      wake.changed();
    }

    @Override
    public void entryExpired(EntryEvent<String, Object> event) {
      wake.changed();
    }
  }
}
