package io.sharedobjects.hazelcast;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryEvictedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.sharedobjects.QueueRules;
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

  private final IMap<String, Long> counts;
  private final String name;
  private final QueueCalls calls;
  /** The count as this process last read or wrote it: the expected value of its next compare-and-set. */
  private volatile long lastKnown;

  UnfinishedTasks(ObjectContext context, String name, QueueCalls calls) {
    this.counts = context.instance().getMap(COUNTS_MAP);
    this.name = name;
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
    lastKnown = 0;
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
    Long count = counts.get(name);
    long known = count == null ? 0 : count;
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
    long expected = lastKnown;
    boolean fresh = false;
    while (true) {
      long next = change.applyAsLong(expected);
      if (next < 0 || next == expected) {
        if (!fresh) {
          expected = read();
          fresh = true;
          continue;
        }
        if (next < 0 && refuseBelowZero) {
          throw QueueRules.noUnfinishedTask(name);
        }
        return expected;
      }
      if (compareAndSet(expected, next)) {
        lastKnown = next;
        return next;
      }
      expected = read();
      fresh = true;
    }
  }

  private boolean compareAndSet(long expected, long next) {
    if (expected == 0) {
      return counts.putIfAbsent(name, next) == null;
    }
    if (next == 0) {
      return counts.remove(name, expected);
    }
    return counts.replace(name, expected, next);
  }

  /** Signals every change of one count. */
  private record Changes(ChangeSignal wake) implements EntryAddedListener<String, Long>,
      EntryUpdatedListener<String, Long>, EntryRemovedListener<String, Long>, EntryEvictedListener<String, Long>,
      EntryExpiredListener<String, Long> {

    @Override
    public void entryAdded(EntryEvent<String, Long> event) {
      wake.changed();
    }

    @Override
    public void entryUpdated(EntryEvent<String, Long> event) {
      wake.changed();
    }

    @Override
    public void entryRemoved(EntryEvent<String, Long> event) {
      wake.changed();
    }

    @Override
    public void entryEvicted(EntryEvent<String, Long> event) {
      wake.changed();
    }

    @Override
    public void entryExpired(EntryEvent<String, Long> event) {
      wake.changed();
    }
  }
}
