package io.sharedobjects;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentMap;

/**
 * A map shared by every process that asks for it by the same name: a real {@link ConcurrentMap}.
 *
 * <p><b>Nulls:</b> as in Python's dict and {@link java.util.HashMap}, a null key and null values are stored
 * and returned. {@link #get} of a missing key returns null; {@link #containsKey} tells a missing key from a
 * key mapped to null. Every {@code ConcurrentMap} default method behaves exactly as {@code HashMap}'s does
 * with nulls: {@code getOrDefault} returns null for a key mapped to null, while {@code putIfAbsent},
 * {@code computeIfAbsent}, {@code computeIfPresent}, {@code compute} and {@code merge} treat a key mapped
 * to null as absent, as the {@link Map} Javadoc specifies.
 *
 * <p><b>Copies, not references:</b> keys and values are stored as copies. A value read is a copy too;
 * changing it changes nothing shared until it is written back with {@code put}.
 *
 * <p><b>What can be stored:</b> {@link java.io.Serializable} classes (all JDK value and collection types),
 * records, and plain classes whose fields can be stored. A key or value that cannot be stored fails at the
 * call with {@link NotStorableException}, naming the class and the fix; nothing stored changes. Keys are
 * compared by their serialized form, so a key class must serialize equal keys identically (all JDK value
 * types, strings, numbers and records of them do).
 *
 * <p><b>Atomicity:</b> every single operation, the {@code ConcurrentMap} default methods included, is
 * atomic. {@link #putAll} and {@link #getAll} are one round trip each but not atomic as a whole.
 * {@link #keySet()}, {@link #values()} and {@link #entrySet()} are live, weakly consistent views that
 * write through; their iterators support {@code remove} and page through a large dict rather than copy it.
 *
 * <p><b>Writing without the old value:</b> {@link #set} writes as {@code put} does and returns nothing, which
 * saves sending the replaced value back.
 *
 * <p><b>Asynchronous calls:</b> {@link #getAsync}, {@link #putAsync}, {@link #setAsync} and
 * {@link #removeAsync} send the operation and return at once, so one thread can have many operations on
 * their way; see {@link #getAsync} for what they share.
 *
 * <p><b>Thread safety:</b> thread-safe; any number of threads and processes may use the same dict.
 * {@link #equals}, {@link #hashCode} and {@link Object#toString toString} follow the {@link Map} contract and describe
 * the contents, not the proxy.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface SharedDict<K, V> extends ConcurrentMap<K, V>, SharedObject {

  /**
   * Reads the given keys in one round trip. The result holds only the keys that are present (mapped to
   * null included); it is a private copy.
   */
  Map<K, V> getAll(Collection<? extends K> keys);

  /**
   * Writes {@code value} for {@code key}, as {@link #put} does, but returns nothing: the value it replaces is
   * neither sent back nor read (Hazelcast's {@code IMap.set}, Redisson's {@code fastPut}). It waits for the
   * write as {@code put} does; nulls, copies and atomicity are {@code put}'s.
   *
   * @throws NotStorableException if the key or value cannot be stored; nothing is written
   * @throws ValueTooLargeException if the key or value is over the size limit; nothing is written
   * @throws SharedObjectsClosedException if this dict's {@link SharedObjects} is closed
   */
  default void set(K key, V value) {
    put(key, value);
  }

  /** Writes all entries in one round trip; each entry is written atomically, the whole is not. */
  @Override
  void putAll(Map<? extends K, ? extends V> entries);

  /** Returns a private {@link java.util.HashMap} copy of the current contents (null key and values kept). */
  Map<K, V> snapshot();

  /**
   * Reads the value for {@code key} without waiting for the answer. The stage completes when the value has
   * arrived, with a copy of it, or with null if the key is missing or mapped to null (as {@link #get}).
   *
   * <p>What every asynchronous method of this interface shares:
   *
   * <ul>
   *   <li><b>Errors known before sending are thrown at the call</b>, and nothing is sent: a key or value
   *       that cannot be stored ({@link NotStorableException}, {@link ValueTooLargeException}) and a closed
   *       instance ({@link SharedObjectsClosedException}). <b>Errors learned later fail the stage</b> with the
   *       exception the synchronous method would throw: {@link ClusterUnavailableException} when the cluster
   *       does not answer (the operation may or may not have been applied) or a client is not connected when
   *       the call is made (an asynchronous call fails at once rather than wait for a reconnect, as the
   *       synchronous methods do), {@link UnreadableValueException} when a value read cannot be
   *       deserialized.
   *   <li><b>Atomicity and order:</b> each operation is atomic, as its synchronous form. Operations whose
   *       stages are not complete yet may be applied and complete in any order; to order two operations,
   *       start the second when the first's stage completes.
   *   <li><b>Threads:</b> the stage may complete on a thread of the backend (a Hazelcast I/O or response
   *       thread), and dependent stages added without an {@code Async} suffix run there: do not block in
   *       them; use {@code thenApplyAsync} and the like for blocking work. A backend without a network (the
   *       in-memory one) returns stages that are already complete.
   * </ul>
   *
   * @throws NotStorableException if the key cannot be stored
   * @throws SharedObjectsClosedException if this dict's {@link SharedObjects} is closed
   */
  CompletionStage<V> getAsync(K key);

  /**
   * Writes {@code value} for {@code key} without waiting for the answer. The stage completes once the write
   * is applied (and, on Hazelcast, backed up), with a copy of the value it replaced, or null if there was
   * none or it was null (as {@link #put}). See {@link #getAsync} for errors, atomicity and threads.
   *
   * @throws NotStorableException if the key or value cannot be stored; nothing is written
   * @throws ValueTooLargeException if the key or value is over the size limit; nothing is written
   * @throws SharedObjectsClosedException if this dict's {@link SharedObjects} is closed
   */
  CompletionStage<V> putAsync(K key, V value);

  /**
   * As {@link #putAsync}, but without sending the replaced value back, which saves its transfer. The stage
   * completes with null once the write is applied. See {@link #getAsync} for errors, atomicity and threads.
   *
   * @throws NotStorableException if the key or value cannot be stored; nothing is written
   * @throws ValueTooLargeException if the key or value is over the size limit; nothing is written
   * @throws SharedObjectsClosedException if this dict's {@link SharedObjects} is closed
   */
  CompletionStage<Void> setAsync(K key, V value);

  /**
   * Removes {@code key} without waiting for the answer. The stage completes once the removal is applied,
   * with a copy of the value removed, or null if the key was missing or mapped to null (as {@link #remove}).
   * See {@link #getAsync} for errors, atomicity and threads.
   *
   * @throws NotStorableException if the key cannot be stored
   * @throws SharedObjectsClosedException if this dict's {@link SharedObjects} is closed
   */
  CompletionStage<V> removeAsync(K key);

  /**
   * Returns the value for {@code key} as a {@code type}, or null if the key is missing or mapped to null.
   *
   * <p>Java's generics are erased, so a {@code SharedDict<String, Integer>} cannot stop another process
   * from storing a {@code String} under a key; plain {@link #get} then fails later, with a bare {@link
   * ClassCastException} at the caller's assignment, or not at all for a {@code SharedDict<Object, Object>}.
   * This method checks at the read and says what is there. A primitive type accepts its wrapper
   * ({@code int.class} reads an {@code Integer}).
   *
   * @throws WrongTypeException if the stored value is not a {@code type}, naming the dict, the key, the
   *     expected and the actual class; nothing stored changes
   */
  default <T> T get(Object key, Class<T> type) {
    return WrongTypeException.check(get(key), type, "dict '" + name() + "', key " + WrongTypeException.describe(key) + ",");
  }
}
