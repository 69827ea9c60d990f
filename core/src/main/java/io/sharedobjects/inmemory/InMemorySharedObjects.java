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
 * <p><b>authKey:</b> {@link #withAuthKey(String)} and {@link #withAuthKey(byte[])} stand in for the Hazelcast
 * backend's {@code authKey(...)}, so a unit test catches a process that forgot its key. In memory nothing
 * leaves the JVM, so this is a faithful check of keys, not encryption: each key, value and element of a
 * dict, list, set, queue or shared value is stored wrapped with a SHA-256 fingerprint of the key and the
 * object it belongs to. As on Hazelcast, a process with another key, or none, finds nothing by a lookup
 * ({@code dict.get(k)} returns null, {@code contains} false), and gets {@link
 * io.sharedobjects.AuthKeyMismatchException} naming the object from a read that returns a stored item
 * (iteration, {@code list.get}, {@code queue.poll}, {@code value.get}, ...); a process with a key gets it
 * for an item written without one. A failed read changes nothing stored (a failed poll leaves the element
 * at the head of the queue). Null is stored as it is, under any key: it holds no data. Counters, locks,
 * semaphores, latches, barriers and events hold no user data and are not wrapped. {@link #peer()} keeps the
 * key; {@link #peerWithAuthKey(String)} and {@link #peerWithoutAuthKey()} stand in for a process given
 * another key or none.
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
  /** Null without an authKey. */
  private final InMemoryAuthKey authKey;
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
    this(new InMemoryStore(), maxValueSize, null);
  }

  private InMemorySharedObjects(InMemoryStore store, long maxValueSize, InMemoryAuthKey authKey) {
    if (maxValueSize <= 0) {
      throw new IllegalArgumentException("maxValueSize must be positive, was " + maxValueSize);
    }
    this.store = store;
    this.maxValueSize = maxValueSize;
    this.authKey = authKey;
  }

  /**
   * Creates an instance with a new, empty store of its own and the default size limit, that stores every
   * key, value and element of its dicts, lists, sets, queues and values bound to a key derived from
   * {@code passphrase}, and refuses to read items stored under another key or none, as the Hazelcast
   * backend's {@code authKey(passphrase)} does (see the class comment: in memory this is a check of keys,
   * not encryption). Give its peers the same key with {@link #peer()}. The passphrase is not kept (only a
   * SHA-256 fingerprint of it) and never printed. Thread-safe (a static factory).
   *
   * @param passphrase the passphrase, as every process is given it; not null
   * @return the new instance
   * @throws IllegalArgumentException if {@code passphrase} is null, empty or blank
   */
  public static InMemorySharedObjects withAuthKey(String passphrase) {
    return new InMemorySharedObjects(new InMemoryStore(), SharedObjects.DEFAULT_MAX_VALUE_SIZE,
        InMemoryAuthKey.ofPassphrase(passphrase));
  }

  /**
   * As {@link #withAuthKey(String)}, with a raw key of at least 16 bytes, as the Hazelcast backend's {@code
   * authKey(byte[])} takes it. The array is read at this call and not kept; changing it later changes
   * nothing. A raw key and a passphrase of the same bytes are different keys.
   *
   * @param key the raw key; not null
   * @return the new instance
   * @throws IllegalArgumentException if {@code key} is null or shorter than 16 bytes
   */
  public static InMemorySharedObjects withAuthKey(byte[] key) {
    return new InMemorySharedObjects(new InMemoryStore(), SharedObjects.DEFAULT_MAX_VALUE_SIZE,
        InMemoryAuthKey.ofKey(key));
  }

  /** The largest stored size, in bytes, of a key, value or element this instance accepts. */
  public long maxValueSize() {
    return maxValueSize;
  }

  /** This instance's authKey, or null without one. */
  InMemoryAuthKey authKey() {
    return authKey;
  }

  /**
   * Returns a new instance over the same store, standing in for another process that uses the same
   * objects, with the same size limit and the same authKey (or none, if this instance has none); each of
   * the two can be closed without closing the other. Thread-safe.
   *
   * @throws SharedObjectsClosedException if this instance is closed
   */
  public InMemorySharedObjects peer() {
    checkOpen("peer()");
    return new InMemorySharedObjects(store, maxValueSize, authKey);
  }

  /**
   * Returns a new instance over the same store with the same size limit, standing in for another process
   * given the authKey derived from {@code passphrase}: with another key than this instance's, it finds
   * nothing this one wrote by a lookup, and fails with {@link io.sharedobjects.AuthKeyMismatchException} on
   * reading it (see the class comment). With the same passphrase, it is as {@link #peer()}. Thread-safe.
   *
   * @param passphrase the other process's passphrase; not null
   * @throws IllegalArgumentException if {@code passphrase} is null, empty or blank
   * @throws SharedObjectsClosedException if this instance is closed
   */
  public InMemorySharedObjects peerWithAuthKey(String passphrase) {
    checkOpen("peerWithAuthKey(passphrase)");
    return new InMemorySharedObjects(store, maxValueSize, InMemoryAuthKey.ofPassphrase(passphrase));
  }

  /**
   * As {@link #peerWithAuthKey(String)}, with a raw key of at least 16 bytes; the array is read at this call
   * and not kept.
   *
   * @param key the other process's raw key; not null
   * @throws IllegalArgumentException if {@code key} is null or shorter than 16 bytes
   * @throws SharedObjectsClosedException if this instance is closed
   */
  public InMemorySharedObjects peerWithAuthKey(byte[] key) {
    checkOpen("peerWithAuthKey(key)");
    return new InMemorySharedObjects(store, maxValueSize, InMemoryAuthKey.ofKey(key));
  }

  /**
   * Returns a new instance over the same store with the same size limit and no authKey, standing in for a
   * process that forgot its key: if this instance has one, the peer finds nothing this one wrote by a
   * lookup and fails with {@link io.sharedobjects.AuthKeyMismatchException} on reading it, and this one
   * fails the same way on reading what the peer writes. Without a key here, it is as {@link #peer()}.
   * Thread-safe.
   *
   * @throws SharedObjectsClosedException if this instance is closed
   */
  public InMemorySharedObjects peerWithoutAuthKey() {
    checkOpen("peerWithoutAuthKey()");
    return new InMemorySharedObjects(store, maxValueSize, null);
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
    // Whether a key is set helps to find a process that forgot it; nothing of the key itself is shown.
    return "InMemorySharedObjects{" + (closed.get() ? "closed" : "open") + (authKey == null ? "" : ", authKey set")
        + "}";
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
