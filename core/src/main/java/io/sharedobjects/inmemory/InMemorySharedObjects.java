package io.sharedobjects.inmemory;

import io.sharedobjects.QueueRules;
import io.sharedobjects.SharedBarrier;
import io.sharedobjects.SharedCounter;
import io.sharedobjects.SharedDict;
import io.sharedobjects.SharedEvent;
import io.sharedobjects.SharedLatch;
import io.sharedobjects.SharedList;
import io.sharedobjects.SharedLock;
import io.sharedobjects.SharedNames;
import io.sharedobjects.SharedObjects;
import io.sharedobjects.SharedObjectsClosedException;
import io.sharedobjects.SharedQueue;
import io.sharedobjects.SharedSemaphore;
import io.sharedobjects.SharedSet;
import io.sharedobjects.SharedValue;
import io.sharedobjects.SynchronizerRules;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link SharedObjects} that keeps its dicts, lists and locks in this JVM's memory, for unit tests.
 *
 * <p>It follows the same contract as the Hazelcast backend, including the parts a test should catch:
 * keys, values and elements are copied on the way in and out, so changing a value read from a dict
 * changes nothing until it is written back; and a value that Hazelcast could not store fails with {@link
 * io.sharedobjects.NotStorableException}, before anything stored changes. It accepts no value that the
 * Hazelcast backend would refuse, and refuses a few that Hazelcast accepts (such as an {@code ArrayList} of
 * records that are not {@code Serializable}).
 *
 * <p><b>Size limit:</b> as on Hazelcast, a key, value or element whose stored form is estimated above
 * {@link SharedObjects#DEFAULT_MAX_VALUE_SIZE} (16 MiB) fails with {@link
 * io.sharedobjects.ValueTooLargeException}; {@link #InMemorySharedObjects(long)} sets another limit. The
 * estimate is the Java serialization length of a {@code Serializable} value, else the sum of its parts.
 *
 * <p><b>Processes:</b> {@link #peer()} returns another instance over the same objects, which stands in for
 * a second process: both reach the same dict, list and lock by name. A lock held through one instance is
 * held against every other one, even on the same thread, as two processes would see it. Closing an
 * instance releases the locks held through it, as a process's death does, and leaves its peers open.
 *
 * <p><b>Lifecycle:</b> {@link #close()} is idempotent. After it, every call on this instance or on an object
 * obtained from it fails with {@link SharedObjectsClosedException}, except {@code name()}. The objects stay
 * for the peers; {@code destroy()} removes one for all of them.
 *
 * <p><b>Thread safety:</b> thread-safe; each single operation on a dict, list or lock is atomic, even
 * compound list operations such as {@code sort}.
 */
public final class InMemorySharedObjects implements SharedObjects {

  private final InMemoryStore store;
  private final long maxValueSize;
  private final AtomicBoolean closed = new AtomicBoolean();

  /** Creates an instance with a new, empty store of its own and the default size limit (16 MiB). */
  public InMemorySharedObjects() {
    this(SharedObjects.DEFAULT_MAX_VALUE_SIZE);
  }

  /**
   * Creates an instance with a new, empty store of its own that refuses keys, values and elements whose
   * stored form is estimated above {@code maxValueSize} bytes; use the same limit as the Hazelcast backend
   * in production, so a unit test fails where production would.
   *
   * @throws IllegalArgumentException if {@code maxValueSize} is not positive
   */
  public InMemorySharedObjects(long maxValueSize) {
    this(new InMemoryStore(), maxValueSize);
  }

  private InMemorySharedObjects(InMemoryStore store, long maxValueSize) {
    if (maxValueSize <= 0) {
      throw new IllegalArgumentException("maxValueSize must be positive, was " + maxValueSize);
    }
    this.store = store;
    this.maxValueSize = maxValueSize;
  }

  /** The largest stored size, in bytes, of a key, value or element this instance accepts. */
  public long maxValueSize() {
    return maxValueSize;
  }

  /**
   * Returns a new instance over the same store, standing in for another process that uses the same
   * objects, with the same size limit; each of the two can be closed without closing the other.
   *
   * @throws SharedObjectsClosedException if this instance is closed
   */
  public InMemorySharedObjects peer() {
    checkOpen("peer()");
    return new InMemorySharedObjects(store, maxValueSize);
  }

  @Override
  public <K, V> SharedDict<K, V> dict(String name) {
    checkOpen("dict(\"" + name + "\")");
    return new InMemorySharedDict<>(new StoredRef<>(this, store.dicts, "dict", SharedNames.validate(name)));
  }

  @Override
  public <E> SharedList<E> list(String name) {
    checkOpen("list(\"" + name + "\")");
    return new InMemorySharedList<>(new StoredRef<>(this, store.lists, "list", SharedNames.validate(name)));
  }

  @Override
  public <E> SharedSet<E> set(String name) {
    checkOpen("set(\"" + name + "\")");
    return new InMemorySharedSet<>(new StoredRef<>(this, store.sets, "set", SharedNames.validate(name)));
  }

  @Override
  public <E> SharedQueue<E> queue(String name) {
    checkOpen("queue(\"" + name + "\")");
    return openQueue(SharedNames.validate(name), 0);
  }

  @Override
  public <E> SharedQueue<E> queue(String name, int capacity) {
    checkOpen("queue(\"" + name + "\", " + capacity + ")");
    return openQueue(SharedNames.validate(name), QueueRules.requirePositive(name, capacity));
  }

  /** The queue as it was created, or created now with {@code capacity} (unbounded for 0). */
  private <E> SharedQueue<E> openQueue(String name, int capacity) {
    int created = store.queueCapacity(name, capacity == 0 ? SharedQueue.UNBOUNDED : capacity);
    return new InMemorySharedQueue<>(new StoredRef<>(this, store.queues, "queue", name),
        QueueRules.checkCapacity(name, created, capacity));
  }

  @Override
  public SharedLock lock(String name) {
    checkOpen("lock(\"" + name + "\")");
    return new InMemorySharedLock(new StoredRef<>(this, store.locks, "lock", SharedNames.validate(name)), store);
  }

  @Override
  public <T> SharedValue<T> value(String name) {
    checkOpen("value(\"" + name + "\")");
    return new InMemorySharedValue<>(new StoredRef<>(this, store.values, "value", SharedNames.validate(name)));
  }

  @Override
  public SharedCounter counter(String name) {
    checkOpen("counter(\"" + name + "\")");
    return new InMemorySharedCounter(new StoredRef<>(this, store.counters, "counter", SharedNames.validate(name)));
  }

  @Override
  public SharedEvent event(String name) {
    checkOpen("event(\"" + name + "\")");
    return new InMemorySharedEvent(new StoredRef<>(this, store.events, "event", SharedNames.validate(name)));
  }

  @Override
  public SharedSemaphore semaphore(String name, int permits) {
    checkOpen("semaphore(\"" + name + "\", " + permits + ")");
    SynchronizerRules.requireAtLeast("semaphore", SharedNames.validate(name), "permits", permits, 1);
    return new InMemorySharedSemaphore(new StoredRef<>(this, store.semaphores, "semaphore", name), permits);
  }

  @Override
  public SharedLatch latch(String name, int count) {
    checkOpen("latch(\"" + name + "\", " + count + ")");
    SynchronizerRules.requireAtLeast("latch", SharedNames.validate(name), "count", count, 0);
    return new InMemorySharedLatch(new StoredRef<>(this, store.latches, "latch", name), count);
  }

  @Override
  public SharedBarrier barrier(String name, int parties) {
    checkOpen("barrier(\"" + name + "\", " + parties + ")");
    SynchronizerRules.requireAtLeast("barrier", SharedNames.validate(name), "parties", parties, 1);
    return new InMemorySharedBarrier(new StoredRef<>(this, store.barriers, "barrier", name), parties);
  }

  /**
   * Closes this instance and releases the locks held through it, as if its process had died; its peers and
   * the stored objects are not affected. Idempotent.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      for (LockState lock : store.locks.all()) {
        lock.releaseFor(this);
      }
      for (SemaphoreState semaphore : store.semaphores.all()) {
        semaphore.releaseFor(this);
      }
      // Threads of this instance waiting on a queue, event or latch fail once woken: they check that it is open.
      store.queues.all().forEach(InMemoryStore.StoredQueue::wakeAll);
      store.events.all().forEach(EventState::wakeAll);
      store.latches.all().forEach(LatchState::wakeAll);
      // A barrier one of its threads waits at is broken for the others, as by the death of its process.
      store.barriers.all().forEach(barrier -> barrier.closedPeer(this));
    }
  }

  @Override
  public String toString() {
    return "InMemorySharedObjects{" + (closed.get() ? "closed" : "open") + "}";
  }

  boolean isClosed() {
    return closed.get();
  }

  void checkOpen(String what) {
    if (closed.get()) {
      throw new SharedObjectsClosedException(
          "This InMemorySharedObjects is closed, so "
              + what
              + " cannot be used any more; create a new InMemorySharedObjects, or use a peer() of an open one.");
    }
  }
}
