package io.sharedobjects;

/**
 * The entry point: named dicts, lists and locks that every process connected to the same backend sees.
 *
 * <p>This is Java's counterpart of Python's {@code multiprocessing.Manager}. Ask for an object by name from
 * any process and you reach the same object; ask without a name and you get a new, uniquely named one whose
 * {@link SharedObject#name()} tells other processes how to find it.
 *
 * <p><b>Thread safety:</b> implementations are thread-safe; one instance is meant to be shared by a whole
 * application. Objects returned for the same name and kind are interchangeable; implementations may cache
 * and return the same proxy.
 *
 * <p><b>Names:</b> a name is 1 to 200 characters of ASCII letters, digits and {@code . _ - : /}, starting
 * with a letter or digit (see {@link SharedNames}). A dict, a list and a lock may share a name without
 * clashing. An invalid name fails with {@link InvalidNameException}.
 *
 * <p><b>Lifecycle:</b> {@link #close()} releases only what this instance itself started (for the Hazelcast
 * backend, an embedded member or a client it created, never an instance it was handed). Shared objects are
 * not destroyed by {@code close()}: other processes may still use them; call {@link SharedObject#destroy()}
 * for that. Any call after {@code close()} fails with {@link SharedObjectsClosedException}.
 */
public interface SharedObjects extends AutoCloseable {

  /**
   * The default maximum serialized size of one key, value or element: 16 MiB. Larger ones fail with
   * {@link ValueTooLargeException} before anything is sent, because a few of them can exhaust a member's
   * heap; each backend lets you raise it.
   */
  long DEFAULT_MAX_VALUE_SIZE = 16L * 1024 * 1024;

  /**
   * Returns the dict with this name, creating it empty if no process has created it yet.
   *
   * @throws InvalidNameException if {@code name} is not a valid name
   * @throws SharedObjectsClosedException if this instance is closed
   */
  <K, V> SharedDict<K, V> dict(String name);

  /**
   * Returns the list with this name, creating it empty if no process has created it yet.
   *
   * @throws InvalidNameException if {@code name} is not a valid name
   * @throws SharedObjectsClosedException if this instance is closed
   */
  <E> SharedList<E> list(String name);

  /**
   * Returns the set with this name, creating it empty if no process has created it yet.
   *
   * @throws InvalidNameException if {@code name} is not a valid name
   * @throws SharedObjectsClosedException if this instance is closed
   */
  <E> SharedSet<E> set(String name);

  /**
   * Returns the queue with this name as it was created, creating it empty and unbounded if no process has
   * created it yet, as Python's {@code manager.Queue()} / {@code JoinableQueue()}.
   *
   * @throws InvalidNameException if {@code name} is not a valid name
   * @throws SharedObjectsClosedException if this instance is closed
   */
  <E> SharedQueue<E> queue(String name);

  /**
   * Returns the queue with this name, creating it empty with room for {@code capacity} elements if no
   * process has created it yet, as Python's {@code manager.Queue(maxsize)}.
   *
   * @throws IllegalArgumentException if {@code capacity} is not positive, or if the queue was created with
   *     another capacity (or unbounded), naming both
   * @throws InvalidNameException if {@code name} is not a valid name
   * @throws SharedObjectsClosedException if this instance is closed
   */
  <E> SharedQueue<E> queue(String name, int capacity);

  /**
   * Returns the lock with this name, creating it unlocked if no process has created it yet.
   *
   * @throws InvalidNameException if {@code name} is not a valid name
   * @throws SharedObjectsClosedException if this instance is closed
   */
  SharedLock lock(String name);

  /**
   * Returns the value with this name, holding null if no process has set it yet.
   *
   * @throws InvalidNameException if {@code name} is not a valid name
   * @throws SharedObjectsClosedException if this instance is closed
   */
  <T> SharedValue<T> value(String name);

  /**
   * Returns the counter with this name, at 0 if no process has changed it yet.
   *
   * @throws InvalidNameException if {@code name} is not a valid name
   * @throws SharedObjectsClosedException if this instance is closed
   */
  SharedCounter counter(String name);

  /**
   * Returns the event with this name, creating it clear if no process has created it yet, as Python's
   * {@code manager.Event()}.
   *
   * @throws InvalidNameException if {@code name} is not a valid name
   * @throws SharedObjectsClosedException if this instance is closed
   */
  SharedEvent event(String name);

  /**
   * Returns the semaphore with this name, creating it with {@code permits} free permits if no process has
   * created it yet, as Python's {@code manager.BoundedSemaphore(permits)}.
   *
   * @throws IllegalArgumentException if {@code permits} is not positive, or if the semaphore was created with
   *     another number of permits, naming both
   * @throws InvalidNameException if {@code name} is not a valid name
   * @throws SharedObjectsClosedException if this instance is closed
   */
  SharedSemaphore semaphore(String name, int permits);

  /**
   * Returns the latch with this name, creating it at {@code count} if no process has created it yet.
   *
   * @throws IllegalArgumentException if {@code count} is negative, or if the latch was created with another
   *     count, naming both
   * @throws InvalidNameException if {@code name} is not a valid name
   * @throws SharedObjectsClosedException if this instance is closed
   */
  SharedLatch latch(String name, int count);

  /**
   * Returns the barrier with this name, creating it for {@code parties} parties if no process has created it
   * yet, as Python's {@code manager.Barrier(parties)}.
   *
   * @throws IllegalArgumentException if {@code parties} is not positive, or if the barrier was created for
   *     another number of parties, naming both
   * @throws InvalidNameException if {@code name} is not a valid name
   * @throws SharedObjectsClosedException if this instance is closed
   */
  SharedBarrier barrier(String name, int parties);

  /** Creates a new, clear event with a unique generated name, as Python's {@code manager.Event()} does. */
  default SharedEvent event() {
    return event(SharedNames.unique("event"));
  }

  /** Creates a new, empty, unbounded queue with a unique generated name, as Python's {@code manager.Queue()}. */
  default <E> SharedQueue<E> queue() {
    return queue(SharedNames.unique("queue"));
  }

  /** Creates a new, empty dict with a unique generated name, as Python's {@code manager.dict()} does. */
  default <K, V> SharedDict<K, V> dict() {
    return dict(SharedNames.unique("dict"));
  }

  /** Creates a new, empty list with a unique generated name, as Python's {@code manager.list()} does. */
  default <E> SharedList<E> list() {
    return list(SharedNames.unique("list"));
  }

  /** Creates a new, empty set with a unique generated name, as Python's {@code manager.set()} does. */
  default <E> SharedSet<E> set() {
    return set(SharedNames.unique("set"));
  }

  /** Creates a new, unlocked lock with a unique generated name, as Python's {@code manager.Lock()} does. */
  default SharedLock lock() {
    return lock(SharedNames.unique("lock"));
  }

  /** Creates a new value holding null with a unique generated name, as Python's {@code manager.Value} does. */
  default <T> SharedValue<T> value() {
    return value(SharedNames.unique("value"));
  }

  /** Creates a new counter at 0 with a unique generated name. */
  default SharedCounter counter() {
    return counter(SharedNames.unique("counter"));
  }

  /**
   * Releases what this instance started; idempotent. Shared data stays for other processes, and locks held
   * through this instance are released by the backend as its owner goes away.
   */
  @Override
  void close();
}
