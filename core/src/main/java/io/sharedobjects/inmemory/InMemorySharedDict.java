package io.sharedobjects.inmemory;

import io.sharedobjects.SharedDict;
import io.sharedobjects.inmemory.InMemoryStore.StoredDict;
import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The in-memory {@link SharedDict}: a {@link java.util.concurrent.ConcurrentMap} that behaves as {@link
 * HashMap} does, null key and null values included, over a map shared by name with every peer.
 *
 * <p><b>Copies:</b> keys and values are copied on the way in and on the way out (see {@link
 * InMemorySharedObjects} for what can be stored). A key given only to look something up ({@code get},
 * {@code containsKey}, {@code remove}, ...) is copied too, because Hazelcast serializes it as well, so an
 * unstorable key fails with {@link io.sharedobjects.NotStorableException} there too. The copying happens
 * before anything stored changes, so a refused key or value leaves the dict as it was.
 *
 * <p><b>Keys:</b> here, keys are compared by {@code equals} and {@code hashCode} of their copies, as in a
 * {@code HashMap}; Hazelcast compares them by their serialized form. The two agree for value classes
 * (strings, numbers, enums, records of such values, classes with value-based {@code equals}); a key class
 * that relies on identity, or an array used as a key, is never found again here.
 *
 * <p><b>Atomicity:</b> every single operation is atomic, including the {@code ConcurrentMap} default
 * methods, {@link #putAll}, {@link #getAll} and {@link #replaceAll}, which here are atomic as a whole.
 * Functions passed to {@code compute*}, {@code merge} and {@code replaceAll} run while the dict is locked
 * against every other thread and peer, so they should be quick and must not wait for other threads that
 * use this dict. A refused function result leaves the dict unchanged.
 *
 * <p><b>Views:</b> {@link #keySet()}, {@link #values()} and {@link #entrySet()} are live and write through;
 * their iterators are weakly consistent: they walk the entries present when the iterator was created,
 * never throw {@link java.util.ConcurrentModificationException}, and support {@code remove}.
 * {@code Entry.setValue} writes the value to the dict.
 *
 * <p><b>Thread safety:</b> thread-safe. After the owning {@link InMemorySharedObjects} is closed, every
 * method but {@link #name()} fails with {@link io.sharedobjects.SharedObjectsClosedException}.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class InMemorySharedDict<K, V> implements SharedDict<K, V> {

  private static final Object ABSENT = new Object();

  private final StoredRef<StoredDict> ref;

  InMemorySharedDict(StoredRef<StoredDict> ref) {
    this.ref = ref;
  }

  @Override
  public String name() {
    return ref.name();
  }

  @Override
  public void destroy() {
    ref.destroy();
  }

  @Override
  public int size() {
    return apply(HashMap::size);
  }

  @Override
  public boolean isEmpty() {
    return apply(HashMap::isEmpty);
  }

  @Override
  public boolean containsKey(Object key) {
    Object k = in(key);
    return apply(m -> m.containsKey(k));
  }

  @Override
  public boolean containsValue(Object value) {
    Object v = in(value);
    return apply(m -> m.containsValue(v));
  }

  @Override
  public V get(Object key) {
    Object k = in(key);
    return out(apply(m -> m.get(k)));
  }

  @Override
  public V getOrDefault(Object key, V defaultValue) {
    Object k = in(key);
    Object stored = apply(m -> m.getOrDefault(k, ABSENT));
    return stored == ABSENT ? defaultValue : out(stored);
  }

  @Override
  public Map<K, V> getAll(Collection<? extends K> keys) {
    List<Object> copies = new ArrayList<>(keys.size());
    for (K key : keys) {
      copies.add(in(key));
    }
    Object[] found =
        apply(
            m -> {
              Object[] values = new Object[copies.size()];
              for (int i = 0; i < values.length; i++) {
                values[i] = m.getOrDefault(copies.get(i), ABSENT);
              }
              return values;
            });
    Map<K, V> result = new HashMap<>();
    for (int i = 0; i < found.length; i++) {
      if (found[i] != ABSENT) {
        result.put(out(copies.get(i)), out(found[i]));
      }
    }
    return result;
  }

  @Override
  public V put(K key, V value) {
    Object k = in(key);
    Object v = in(value);
    return out(apply(m -> replaced(m, k, v)));
  }

  /** As {@link #put}, without copying the replaced value out. */
  @Override
  public void set(K key, V value) {
    Object k = in(key);
    Object v = in(value);
    apply(m -> m.put(k, v));
  }

  @Override
  public void putAll(Map<? extends K, ? extends V> entries) {
    List<Object> keys = new ArrayList<>(entries.size());
    List<Object> values = new ArrayList<>(entries.size());
    for (Map.Entry<? extends K, ? extends V> entry : entries.entrySet()) {
      keys.add(in(entry.getKey()));
      values.add(in(entry.getValue()));
    }
    apply(
        m -> {
          for (int i = 0; i < keys.size(); i++) {
            m.put(keys.get(i), values.get(i));
          }
          return null;
        });
  }

  @Override
  public V remove(Object key) {
    Object k = in(key);
    return out(apply(m -> {
      ref.verify(m.get(k));
      return m.remove(k);
    }));
  }

  // --- asynchronous calls: there is no network to wait for, so each runs at the call and returns a stage
  // that is already complete; errors are thrown at the call, as the Hazelcast backend throws those it knows
  // before sending (what cannot be stored, a closed instance).

  @Override
  public CompletionStage<V> getAsync(K key) {
    return CompletableFuture.completedFuture(get(key));
  }

  @Override
  public CompletionStage<V> putAsync(K key, V value) {
    return CompletableFuture.completedFuture(put(key, value));
  }

  @Override
  public CompletionStage<Void> setAsync(K key, V value) {
    put(key, value);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletionStage<V> removeAsync(K key) {
    return CompletableFuture.completedFuture(remove(key));
  }

  @Override
  public boolean remove(Object key, Object value) {
    Object k = in(key);
    Object v = in(value);
    return apply(m -> m.remove(k, v));
  }

  @Override
  public void clear() {
    apply(
        m -> {
          m.clear();
          return null;
        });
  }

  @Override
  public V putIfAbsent(K key, V value) {
    Object k = in(key);
    Object v = in(value);
    // As HashMap: a key mapped to null counts as absent.
    return out(
        apply(
            m -> {
              Object old = m.get(k);
              if (old == null) {
                m.put(k, v);
              }
              return old;
            }));
  }

  @Override
  public boolean replace(K key, V oldValue, V newValue) {
    Object k = in(key);
    Object expected = in(oldValue);
    Object v = in(newValue);
    return apply(m -> m.replace(k, expected, v));
  }

  @Override
  public V replace(K key, V value) {
    Object k = in(key);
    Object v = in(value);
    return out(apply(m -> m.containsKey(k) ? replaced(m, k, v) : null));
  }

  @Override
  public V computeIfAbsent(K key, Function<? super K, ? extends V> mappingFunction) {
    Objects.requireNonNull(mappingFunction);
    Object k = in(key);
    return apply(
        m -> {
          Object old = m.get(k);
          if (old != null) {
            return out(old);
          }
          V value = mappingFunction.apply(key);
          if (value != null) {
            m.put(k, in(value));
          }
          return value;
        });
  }

  @Override
  public V computeIfPresent(K key, BiFunction<? super K, ? super V, ? extends V> remappingFunction) {
    Objects.requireNonNull(remappingFunction);
    Object k = in(key);
    return apply(
        m -> {
          Object old = m.get(k);
          if (old == null) {
            return null;
          }
          V value = remappingFunction.apply(key, out(old));
          store(m, k, value);
          return value;
        });
  }

  @Override
  public V compute(K key, BiFunction<? super K, ? super V, ? extends V> remappingFunction) {
    Objects.requireNonNull(remappingFunction);
    Object k = in(key);
    return apply(
        m -> {
          boolean present = m.containsKey(k);
          V value = remappingFunction.apply(key, out(m.get(k)));
          if (value != null || present) {
            store(m, k, value);
          }
          return value;
        });
  }

  @Override
  public V merge(K key, V value, BiFunction<? super V, ? super V, ? extends V> remappingFunction) {
    Objects.requireNonNull(value);
    Objects.requireNonNull(remappingFunction);
    Object k = in(key);
    Object given = in(value);
    return apply(
        m -> {
          Object old = m.get(k);
          if (old == null) {
            // Absent, or mapped to null: HashMap stores the given value without calling the function.
            m.put(k, given);
            return value;
          }
          V merged = remappingFunction.apply(out(old), value);
          store(m, k, merged);
          return merged;
        });
  }

  @Override
  public void replaceAll(BiFunction<? super K, ? super V, ? extends V> function) {
    Objects.requireNonNull(function);
    apply(
        m -> {
          // All new values are computed and copied first, so a failure leaves every entry as it was.
          List<Map.Entry<Object, Object>> entries = new ArrayList<>(m.entrySet());
          List<Object> values = new ArrayList<>(entries.size());
          for (Map.Entry<Object, Object> entry : entries) {
            values.add(in(function.apply(out(entry.getKey()), out(entry.getValue()))));
          }
          for (int i = 0; i < entries.size(); i++) {
            entries.get(i).setValue(values.get(i));
          }
          return null;
        });
  }

  @Override
  public void forEach(BiConsumer<? super K, ? super V> action) {
    Objects.requireNonNull(action);
    Object[] entries = rawEntries();
    for (int i = 0; i < entries.length; i += 2) {
      action.accept(out(entries[i]), out(entries[i + 1]));
    }
  }

  @Override
  public Map<K, V> snapshot() {
    Object[] entries = rawEntries();
    Map<K, V> copy = new HashMap<>();
    for (int i = 0; i < entries.length; i += 2) {
      copy.put(out(entries[i]), out(entries[i + 1]));
    }
    return copy;
  }

  @Override
  public Set<K> keySet() {
    ref.checkOpen();
    return new KeySet();
  }

  @Override
  public Collection<V> values() {
    ref.checkOpen();
    return new Values();
  }

  @Override
  public Set<Map.Entry<K, V>> entrySet() {
    ref.checkOpen();
    return new EntrySet();
  }

  @Override
  public boolean equals(Object o) {
    if (o == this) {
      return true;
    }
    if (!(o instanceof Map)) {
      return false;
    }
    // Compared outside the lock: o may be another shared dict, and locking both could deadlock.
    return comparableCopy().equals(o);
  }

  @Override
  public int hashCode() {
    return comparableCopy().hashCode();
  }

  /** As {@code AbstractMap} prints: through {@link #entrySet()}, so in its iteration order. */
  @Override
  public String toString() {
    StringJoiner text = new StringJoiner(", ", "{", "}");
    for (Map.Entry<K, V> entry : entrySet()) {
      K key = entry.getKey();
      V value = entry.getValue();
      text.add((key == this ? "(this Map)" : String.valueOf(key)) + "=" + (value == this ? "(this Map)" : String.valueOf(value)));
    }
    return text.toString();
  }

  private <R> R apply(Function<HashMap<Object, Object>, R> operation) {
    return ref.apply(stored -> operation.apply(stored.entries));
  }

  /**
   * Puts {@code value} under {@code key} and returns the value it replaces, once that is verified against
   * the owner's authKey, so a put that would return what it cannot read changes nothing.
   */
  private Object replaced(HashMap<Object, Object> m, Object key, Object value) {
    ref.verify(m.get(key));
    return m.put(key, value);
  }

  /** Stores a function's result as HashMap does: null removes the key. Copies before changing anything. */
  private void store(HashMap<Object, Object> m, Object key, Object value) {
    if (value == null) {
      m.remove(key);
    } else {
      m.put(key, in(value));
    }
  }

  /** The stored keys and values, alternating; they may be read but must not leave this class uncopied. */
  private Object[] rawEntries() {
    return apply(
        m -> {
          Object[] entries = new Object[m.size() * 2];
          int i = 0;
          for (Map.Entry<Object, Object> entry : m.entrySet()) {
            entries[i++] = entry.getKey();
            entries[i++] = entry.getValue();
          }
          return entries;
        });
  }

  /** The stored entries as they compare, references as live objects; not to be handed out. */
  private HashMap<Object, Object> comparableCopy() {
    Object[] entries = rawEntries();
    HashMap<Object, Object> copy = new HashMap<>();
    for (int i = 0; i < entries.length; i += 2) {
      copy.put(ref.comparable(entries[i]), ref.comparable(entries[i + 1]));
    }
    return copy;
  }

  private boolean removeKey(Object key) {
    Object k = in(key);
    return apply(
        m -> {
          if (!m.containsKey(k)) {
            return false;
          }
          m.remove(k);
          return true;
        });
  }

  /**
   * Copies a key, value or element on its way in, refusing it if it is not storable or too large; sealed
   * with the owner's authKey, if any (see {@link StoredRef#toStored}).
   */
  private Object in(Object value) {
    return ref.toStored(value);
  }

  /**
   * A copy of a stored key, value or element on its way out, verified against the owner's authKey; a
   * reference becomes the reader's live object.
   */
  private <T> T out(Object stored) {
    return ref.fromStored(stored);
  }


  /** Walks the entries present when it was created; {@code remove} removes the last key from the dict. */
  private abstract class SnapshotIterator<T> implements Iterator<T> {
    private final Object[] entries = rawEntries();
    private int next;
    private Object lastKey = ABSENT;

    @Override
    public boolean hasNext() {
      return next < entries.length;
    }

    @Override
    public T next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      lastKey = entries[next];
      next += 2;
      return element(entries[next - 2], entries[next - 1]);
    }

    @Override
    public void remove() {
      if (lastKey == ABSENT) {
        throw new IllegalStateException("next() has not been called, or remove() was already called");
      }
      // By its stored form: the key was read through this instance, so it is this instance's.
      Object stored = lastKey;
      lastKey = ABSENT;
      apply(m -> m.remove(stored));
    }

    abstract T element(Object key, Object value);
  }

  private final class KeySet extends AbstractSet<K> {
    @Override
    public Iterator<K> iterator() {
      return new SnapshotIterator<>() {
        @Override
        K element(Object key, Object value) {
          return out(key);
        }
      };
    }

    @Override
    public int size() {
      return InMemorySharedDict.this.size();
    }

    @Override
    public boolean isEmpty() {
      return InMemorySharedDict.this.isEmpty();
    }

    @Override
    public boolean contains(Object o) {
      return containsKey(o);
    }

    @Override
    public boolean remove(Object o) {
      return removeKey(o);
    }

    @Override
    public void clear() {
      InMemorySharedDict.this.clear();
    }

    @Override
    public Spliterator<K> spliterator() {
      return Spliterators.spliterator(toArray(), Spliterator.DISTINCT);
    }
  }

  private final class Values extends AbstractCollection<V> {
    @Override
    public Iterator<V> iterator() {
      return new SnapshotIterator<>() {
        @Override
        V element(Object key, Object value) {
          return out(value);
        }
      };
    }

    @Override
    public int size() {
      return InMemorySharedDict.this.size();
    }

    @Override
    public boolean isEmpty() {
      return InMemorySharedDict.this.isEmpty();
    }

    @Override
    public boolean contains(Object o) {
      return containsValue(o);
    }

    @Override
    public void clear() {
      InMemorySharedDict.this.clear();
    }

    @Override
    public Spliterator<V> spliterator() {
      return Spliterators.spliterator(toArray(), 0);
    }
  }

  private final class EntrySet extends AbstractSet<Map.Entry<K, V>> {
    @Override
    public Iterator<Map.Entry<K, V>> iterator() {
      return new SnapshotIterator<>() {
        @Override
        Map.Entry<K, V> element(Object key, Object value) {
          return new WriteThroughEntry(out(key), out(value));
        }
      };
    }

    @Override
    public int size() {
      return InMemorySharedDict.this.size();
    }

    @Override
    public boolean isEmpty() {
      return InMemorySharedDict.this.isEmpty();
    }

    @Override
    public boolean contains(Object o) {
      if (!(o instanceof Map.Entry<?, ?> entry)) {
        return false;
      }
      Object k = in(entry.getKey());
      Object v = in(entry.getValue());
      return apply(m -> m.containsKey(k) && Objects.equals(m.get(k), v));
    }

    @Override
    public boolean remove(Object o) {
      return o instanceof Map.Entry<?, ?> entry && InMemorySharedDict.this.remove(entry.getKey(), entry.getValue());
    }

    @Override
    public void clear() {
      InMemorySharedDict.this.clear();
    }

    @Override
    public Spliterator<Map.Entry<K, V>> spliterator() {
      return Spliterators.spliterator(toArray(), Spliterator.DISTINCT);
    }
  }

  /** An entry whose {@code setValue} puts the value into the dict, as a ConcurrentHashMap entry does. */
  private final class WriteThroughEntry extends AbstractMap.SimpleEntry<K, V> {
    private static final long serialVersionUID = 1L;

    WriteThroughEntry(K key, V value) {
      super(key, value);
    }

    @Override
    public V setValue(V value) {
      put(getKey(), value);
      return super.setValue(value);
    }
  }
}
