package io.sharedobjects.hazelcast;

import com.hazelcast.map.IMap;
import io.sharedobjects.SharedEvent;
import io.sharedobjects.hazelcast.SealedState.Known;
import java.util.concurrent.TimeUnit;

/**
 * The event, on every cluster (there is no CP event): the entry of its name in {@value #EVENTS_MAP}, holding
 * a generation that each {@link #set()} and each {@link #clear()} of a set event moves up by one, so odd means
 * set; no entry means 0, clear. Each move is a compare-and-set ({@code putIfAbsent}, {@code replace}), so no
 * server-side code is needed, and every move has a number of its own: a waiter that saw generation
 * {@code g} and then sees any higher one knows the event was set since, even if it was cleared again at once
 * (Python's {@code Event.wait} returns true then too), and an event delivered late for an older generation
 * cannot wake it.
 *
 * <p>Waiters wait in this process ({@link EntryWaiters}): one entry listener per proxy, fanned out to every
 * waiting thread, with a look at the cluster at least every second as a safety net.
 *
 * <p>Every call needs a majority of a declared cluster size ({@link ObjectContext#synchronizerCalls}).
 */
final class MapSharedEvent implements SharedEvent, ReleasedOnClose {

  /** The internal map of every event's generation; user names cannot start with '_', so none collides. */
  static final String EVENTS_MAP = "__shared-objects.events";

  private final String name;
  private final QueueCalls calls;
  private final IMap<String, Object> events;
  private final SealedState state;
  private final String what;
  private final EntryWaiters<Object> waiters;
  /** What the events of the entry showed; see {@link Sightings}. */
  private final Sightings sightings = new Sightings();
  /**
   * The generation last seen, a guess that saves the read before a compare-and-set when right, with the
   * form it was read or written as (null for none): the expected value of that compare-and-set.
   */
  private volatile Known hint = new Known(0, null);

  MapSharedEvent(ObjectContext context, String name) {
    this.name = name;
    String what = "event '" + name + "'";
    this.calls = new QueueCalls(context.synchronizerCalls(what), what);
    this.events = context.instance().getMap(EVENTS_MAP);
    this.state = SealedState.of(context, EVENTS_MAP);
    this.what = what;
    this.waiters = new EntryWaiters<>(context, calls, events, name, this::seenInEvent);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void set() {
    move(true);
  }

  @Override
  public void clear() {
    move(false);
  }

  /** Moves the generation to the next odd ({@code set}) or even one, unless it is there already. */
  private void move(boolean set) {
    Known g = hint;
    boolean known = false;
    while (true) {
      if (isSet(g.value()) == set) {
        if (known) {
          hint = g;
          return;
        }
        // Only a guess: read what it is now.
        g = known(calls.call(() -> events.get(name)));
        known = true;
        continue;
      }
      long from = g.value();
      Object next = state.seal(name, from + 1);
      if (from == 0) {
        // No entry, as far as this process knows: create it; if there is one, its generation comes back.
        Object there = calls.call(() -> events.putIfAbsent(name, next));
        if (there == null) {
          hint = new Known(1, next);
          return;
        }
        g = known(there);
      } else {
        Object expected = state.expected(name, g.stored(), from);
        if (calls.call(() -> events.replace(name, expected, next))) {
          hint = new Known(from + 1, next);
          return;
        }
        g = known(calls.call(() -> events.get(name)));
      }
      known = true;
    }
  }

  @Override
  public boolean isSet() {
    Known g = known(calls.call(() -> events.get(name)));
    hint = g;
    return isSet(g.value());
  }

  @Override
  public void await() throws InterruptedException {
    awaitSet(-1);
  }

  @Override
  public boolean await(long time, TimeUnit unit) throws InterruptedException {
    return awaitSet(Math.max(0, unit.toNanos(time)));
  }

  private boolean awaitSet(long nanos) throws InterruptedException {
    return waiters.await(new SetSince(), nanos);
  }

  /** Removes the entry: the event is clear for every process, and the name works again as a new event. */
  @Override
  public void destroy() {
    calls.run(() -> events.delete(name));
    hint = new Known(0, null);
  }

  @Override
  public void releaseOnClose() {
    waiters.close();
  }

  @Override
  public String toString() {
    return "SharedEvent{" + name + "}";
  }

  /** The generation stored as {@code stored} (0 for none), verified, with its stored form. */
  private Known known(Object stored) {
    Long generation = state.readLong(name, stored, what);
    return new Known(generation == null ? 0 : generation, stored);
  }

  /** An event's generation; one that fails verification is left to the next look, which reports it. */
  private void seenInEvent(Object stored) {
    Long generation;
    try {
      generation = state.readLong(name, stored, what);
    } catch (RuntimeException unverified) {
      return;
    }
    sightings.seen(generation);
  }

  private static boolean isSet(long generation) {
    return (generation & 1) == 1;
  }

  /**
   * One wait: set if the event is set, or has been set since the wait's first look at generation {@code
   * from}, by any later generation, looked at or seen in an event.
   */
  private final class SetSince implements EntryWaiters.Wanted {
    private long from = -1;
    private long removals;

    @Override
    public boolean look() throws InterruptedException {
      Known read = known(calls.callWaiting(() -> events.get(name)));
      hint = read;
      long g = read.value();
      synchronized (sightings) {
        if (from < 0 || g < from) {
          // The first look, or the event was destroyed since: count from here.
          from = g;
          removals = sightings.removals;
          return isSet(g);
        }
      }
      return isSet(g) || g > from;
    }

    @Override
    public boolean seen() {
      synchronized (sightings) {
        // After a destroy, generations start again from 1: any set seen since counts. (An event delivered
        // late for the entry as it was before the first look could then wake a wait; destroy is rare.)
        return removals == sightings.removals ? sightings.highestSet > from : sightings.highestSet > 0;
      }
    }
  }

  /** What the entry's events showed: the highest set generation since the last removal, and how many removals. */
  private static final class Sightings {
    long highestSet;
    long removals;

    synchronized void seen(Long stored) {
      if (stored == null) {
        removals++;
        highestSet = 0;
      } else if (isSet(stored) && stored > highestSet) {
        highestSet = stored;
      }
    }
  }
}
