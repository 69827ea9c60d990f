package io.sharedobjects.inmemory;

import io.sharedobjects.SharedDict;
import io.sharedobjects.SharedList;
import io.sharedobjects.SharedLock;
import io.sharedobjects.SharedNames;
import io.sharedobjects.SharedObjects;
import io.sharedobjects.SharedObjectsClosedException;
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
  private final AtomicBoolean closed = new AtomicBoolean();

  /** Creates an instance with a new, empty store of its own. */
  public InMemorySharedObjects() {
    this(new InMemoryStore());
  }

  private InMemorySharedObjects(InMemoryStore store) {
    this.store = store;
  }

  /**
   * Returns a new instance over the same store, standing in for another process that uses the same
   * objects; each of the two can be closed without closing the other.
   *
   * @throws SharedObjectsClosedException if this instance is closed
   */
  public InMemorySharedObjects peer() {
    checkOpen("peer()");
    return new InMemorySharedObjects(store);
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
  public SharedLock lock(String name) {
    checkOpen("lock(\"" + name + "\")");
    return new InMemorySharedLock(new StoredRef<>(this, store.locks, "lock", SharedNames.validate(name)), store);
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
