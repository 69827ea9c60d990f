package io.sharedobjects.hazelcast;

import com.hazelcast.map.IMap;

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

  private final IMap<String, Long> counters;
  /** The value this process last read or wrote, or null if none: what the next update expects first. */
  private volatile Long last;

  MapSharedCounter(ObjectContext context, String name) {
    super(context, name);
    this.counters = context.instance().getMap(COUNTERS_MAP);
  }

  @Override
  public long get() {
    Long value = calls.call(() -> counters.get(name));
    last = value;
    return value == null ? 0 : value;
  }

  @Override
  public void set(long value) {
    calls.run(() -> counters.set(name, value));
    last = value;
  }

  @Override
  public long addAndGet(long delta) {
    return calls.call(() -> {
      Long expected = last;
      while (true) {
        if (expected != null) {
          long next = expected + delta;
          if (counters.replace(name, expected, next)) {
            last = next;
            return next;
          }
        }
        // Absent means 0, so creating the counter at delta is the update; present, it is the current value.
        expected = counters.putIfAbsent(name, delta);
        if (expected == null) {
          last = delta;
          return delta;
        }
      }
    });
  }

  @Override
  public boolean compareAndSet(long expected, long update) {
    return calls.call(() -> {
      if (expected != 0) {
        // An absent counter is 0, not expected, and replace fails on it as it should.
        boolean set = counters.replace(name, expected, update);
        if (set) {
          last = update;
        }
        return set;
      }
      while (true) {
        Long current = counters.putIfAbsent(name, update);
        if (current == null || (current == 0 && counters.replace(name, 0L, update))) {
          last = update;
          return true;
        }
        if (current != 0) {
          last = current;
          return false;
        }
        // It was 0 and changed before the replace: look again.
      }
    });
  }

  /** Sets the counter back to 0 for every process, as a new counter is. */
  @Override
  public void destroy() {
    calls.run(() -> counters.delete(name));
    last = null;
  }
}
