package io.sharedobjects.inmemory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What a family of peer {@link InMemorySharedObjects} share, the in-memory stand-in for a cluster: the
 * dicts, lists, locks, values and counters by name, and the fencing token counter.
 *
 * <p>Thread-safe. Each stored object is guarded by its own monitor; see {@link StoredObject}.
 */
final class InMemoryStore {

  final Registry<StoredDict> dicts = new Registry<>(StoredDict::new);
  final Registry<StoredList> lists = new Registry<>(StoredList::new);
  final Registry<StoredSet> sets = new Registry<>(StoredSet::new);
  final Registry<LockState> locks = new Registry<>(LockState::new);
  final Registry<StoredValue> values = new Registry<>(StoredValue::new);
  final Registry<StoredCounter> counters = new Registry<>(StoredCounter::new);
  final Registry<StoredQueue> queues = new Registry<>(StoredQueue::new);
  final Registry<EventState> events = new Registry<>(EventState::new);
  final Registry<SemaphoreState> semaphores = new Registry<>(SemaphoreState::new);
  final Registry<LatchState> latches = new Registry<>(LatchState::new);
  final Registry<BarrierState> barriers = new Registry<>(BarrierState::new);
  /** Each queue name's capacity, fixed by its first creator and kept across destroy(), as on Hazelcast. */
  private final ConcurrentHashMap<String, Integer> queueCapacities = new ConcurrentHashMap<>();

  // One counter for all locks keeps every lock's tokens increasing, even across destroy().
  private final AtomicLong fences = new AtomicLong();

  long nextFence() {
    return fences.incrementAndGet();
  }

  /** The capacity queue {@code name} was created with, recording {@code requested} if it is the first. */
  int queueCapacity(String name, int requested) {
    return queueCapacities.computeIfAbsent(name, n -> requested);
  }

  /** The objects of one kind by name; a destroyed object is replaced by a new one on next use. */
  static final class Registry<T extends StoredObject> {
    private final ConcurrentHashMap<String, T> objects = new ConcurrentHashMap<>();
    private final Supplier<T> factory;

    Registry(Supplier<T> factory) {
      this.factory = factory;
    }

    T get(String name) {
      T object = objects.get(name);
      return object != null ? object : objects.computeIfAbsent(name, n -> factory.get());
    }

    void destroy(String name) {
      T object = objects.remove(name);
      if (object != null) {
        object.destroy();
      }
    }

    Collection<T> all() {
      return new ArrayList<>(objects.values());
    }
  }

  /**
   * One incarnation of a named object. All its state, {@link #destroyed} included, is guarded by its own
   * monitor, which makes each operation on it atomic. Once destroyed it is out of the registry and never
   * changes again; a proxy that finds it destroyed looks the name up anew.
   */
  abstract static class StoredObject {
    volatile boolean destroyed;

    synchronized void destroy() {
      destroyed = true;
      cleared();
    }

    /** Lets a subclass drop or wake what it holds once destroyed; called under the monitor. */
    void cleared() {}
  }

  /**
   * A synchronizer's state with the number its first creator fixed (permits, count, parties); a destroyed
   * one is gone with its number, so the next creator fixes a new one.
   */
  abstract static class NumberedState extends StoredObject {
    private int number = -1;

    /** The number fixed for this incarnation, fixing {@code asked} if it is the first. */
    synchronized int fix(int asked) {
      if (number < 0) {
        number = asked;
        fixed(asked);
      }
      return number;
    }

    /** Lets a subclass set up its state from the number fixed; called once, under the monitor. */
    void fixed(int number) {}
  }

  /**
   * A dict's entries. Keys and values in it are private copies that never leave the store and are never
   * changed in place, so a reference taken under the monitor may be read (copied, compared) after it.
   */
  static final class StoredDict extends StoredObject {
    final HashMap<Object, Object> entries = new HashMap<>();
  }

  /** A list's elements, private copies as in {@link StoredDict}. */
  static final class StoredList extends StoredObject {
    final ArrayList<Object> elements = new ArrayList<>();
  }

  /** A set's elements, private copies as in {@link StoredDict}. */
  static final class StoredSet extends StoredObject {
    final HashSet<Object> elements = new HashSet<>();
  }

  /** A value's private copy, as in {@link StoredDict}; null until set. */
  static final class StoredValue extends StoredObject {
    Object value;
  }

  /** A counter's value; 0 when new. */
  static final class StoredCounter extends StoredObject {
    long value;
  }

  /**
   * A queue's elements, private copies as in {@link StoredDict}, and its count of unfinished tasks. Waiting
   * threads wait on its monitor; every change wakes them.
   */
  static final class StoredQueue extends StoredObject {
    final ArrayDeque<Object> elements = new ArrayDeque<>();
    long unfinished;

    /** Wakes the waiting threads, so they look again (after a close, to fail). */
    synchronized void wakeAll() {
      notifyAll();
    }

    @Override
    void cleared() {
      elements.clear();
      unfinished = 0;
      notifyAll();
    }
  }
}
