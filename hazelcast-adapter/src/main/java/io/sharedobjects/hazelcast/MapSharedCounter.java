package io.sharedobjects.hazelcast;

import com.hazelcast.map.IMap;
import io.sharedobjects.hazelcast.SealedState.Known;

/**
 * The counter on stock members: the entry of its name in {@value #COUNTERS_MAP}; no entry means 0. Every
 * update is a compare-and-set loop on {@code IMap} ({@code replace(key, old, new)}, {@code putIfAbsent}),
 * so no server-side code is needed and no update is lost or counted twice.
 *
 * <p>The loop starts from the value this process last read or wrote: when no other process changed the
 * counter since, an update is one round trip. When one did, that first compare-and-set fails and
 * {@code putIfAbsent} (which also creates the counter at once when it is new) reads the current value for
 * the next: three. A counter this process has not seen yet takes two, or one if it is new.
 */
final class MapSharedCounter extends HazelcastSharedCounter {

  /** The internal map holding every map-backed counter; user names cannot start with '_', so none collides. */
  static final String COUNTERS_MAP = "__shared-objects.counters";

  private final IMap<String, Object> counters;
  private final SealedState state;
  private final String what;
  /**
   * The value this process last read or wrote, with its stored form, or null if none: what the next update
   * expects first.
   */
  private volatile Known last;

  MapSharedCounter(ObjectContext context, String name) {
    super(context, name);
    this.counters = context.instance().getMap(COUNTERS_MAP);
    this.state = SealedState.of(context, COUNTERS_MAP);
    this.what = "counter '" + name + "'";
  }

  @Override
  public long get() {
    Known value = known(calls.call(() -> counters.get(name)));
    last = value;
    return value == null ? 0 : value.value();
  }

  @Override
  public void set(long value) {
    Object stored = state.seal(name, value);
    calls.run(() -> counters.set(name, stored));
    last = new Known(value, stored);
  }

  @Override
  public long addAndGet(long delta) {
    return calls.call(() -> {
      Known expected = last;
      while (true) {
        if (expected != null) {
          long next = expected.value() + delta;
          Object stored = state.seal(name, next);
          if (counters.replace(name, expected.stored(), stored)) {
            last = new Known(next, stored);
            return next;
          }
        }
        // Absent means 0, so creating the counter at delta is the update; present, it is the current value.
        Object created = state.seal(name, delta);
        expected = known(counters.putIfAbsent(name, created));
        if (expected == null) {
          last = new Known(delta, created);
          return delta;
        }
      }
    });
  }

  @Override
  public boolean compareAndSet(long expected, long update) {
    return calls.call(() -> {
      Object stored = state.seal(name, update);
      if (expected != 0) {
        // An absent counter is 0, not expected, and replace fails on it as it should. The stored form of
        // expected: as last read if that is the value, else sealed now.
        Known seen = last;
        Object from = seen != null && seen.value() == expected ? seen.stored() : state.seal(name, expected);
        while (true) {
          if (counters.replace(name, from, stored)) {
            last = new Known(update, stored);
            return true;
          }
          if (!state.sealed()) {
            return false;
          }
          // Sealed: the entry may hold expected in another stored form (another key id); read and pass that back.
          Known current = known(counters.get(name));
          last = current;
          if (current == null || current.value() != expected) {
            return false;
          }
          from = current.stored();
        }
      }
      while (true) {
        Known current = known(counters.putIfAbsent(name, stored));
        if (current == null || (current.value() == 0 && counters.replace(name, current.stored(), stored))) {
          last = new Known(update, stored);
          return true;
        }
        if (current.value() != 0) {
          last = current;
          return false;
        }
        // It was 0 and changed before the replace: look again.
      }
    });
  }

  /** The value stored as {@code stored}, verified, with its stored form; null for none. */
  private Known known(Object stored) {
    Long value = state.readLong(name, stored, what);
    return value == null ? null : new Known(value, stored);
  }

  /** Sets the counter back to 0 for every process, as a new counter is. */
  @Override
  public void destroy() {
    calls.run(() -> counters.delete(name));
    last = null;
  }
}
