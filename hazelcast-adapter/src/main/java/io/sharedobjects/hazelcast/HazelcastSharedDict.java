package io.sharedobjects.hazelcast;

import static io.sharedobjects.hazelcast.NullMarker.unwrap;

import com.hazelcast.internal.serialization.Data;
import com.hazelcast.map.IMap;
import io.sharedobjects.SharedDict;
import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A {@link SharedDict} on a Hazelcast {@code IMap} of the same name. Nulls are stored as {@link NullMarker};
 * the {@code ConcurrentMap} defaults are compare-and-set loops, so each is atomic without server-side code.
 * Keys and values are serialized by {@link HazelcastSharedObjects#toStored} before any call, so a key or
 * value that is not storable or too large fails before anything changes.
 */
final class HazelcastSharedDict<K, V> extends AbstractMap<K, V> implements SharedDict<K, V> {

  /** Entries fetched per round trip while iterating: bounded memory for dicts of any size. */
  static final int FETCH_SIZE = 500;

  private final HazelcastSharedObjects owner;
  private final Calls calls;
  private final String name;
  private volatile IMap<Object, Object> map;

  HazelcastSharedDict(HazelcastSharedObjects owner, String name) {
    this.owner = owner;
    this.calls = owner.calls();
    this.name = name;
    this.map = owner.instance().getMap(name);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void destroy() {
    calls.run(() -> map.destroy());
    // A fresh proxy is created on the cluster: a remote call for a client, so bounded and typed too.
    map = calls.call(() -> owner.instance().getMap(name));
  }

  @Override
  public int size() {
    return calls.call(() -> map.size());
  }

  @Override
  public boolean isEmpty() {
    return calls.call(() -> map.isEmpty());
  }

  @Override
  public boolean containsKey(Object key) {
    Data k = stored(key);
    return calls.call(() -> map.containsKey(k));
  }

  @Override
  public boolean containsValue(Object value) {
    Data v = stored(value);
    return calls.call(() -> map.containsValue(v));
  }

  @Override
  public V get(Object key) {
    Data k = stored(key);
    return unwrap(calls.call(() -> map.get(k)));
  }

  @Override
  public V getOrDefault(Object key, V defaultValue) {
    Data k = stored(key);
    Object stored = calls.call(() -> map.get(k));
    return stored == null ? defaultValue : unwrap(stored);
  }

  @Override
  public V put(K key, V value) {
    Data k = stored(key);
    Data v = stored(value);
    return unwrap(calls.call(() -> map.put(k, v)));
  }

  @Override
  public V remove(Object key) {
    Data k = stored(key);
    return unwrap(calls.call(() -> map.remove(k)));
  }

  @Override
  public void putAll(Map<? extends K, ? extends V> entries) {
    if (entries.isEmpty()) {
      return;
    }
    Map<Data, Data> stored = new HashMap<>(Math.max(16, entries.size() * 2));
    entries.forEach((key, value) -> stored.put(stored(key), stored(value)));
    calls.run(() -> map.putAll(stored));
  }

  @Override
  public Map<K, V> getAll(Collection<? extends K> keys) {
    Set<Object> wanted = new HashSet<>();
    for (K key : keys) {
      wanted.add(stored(key));
    }
    Map<Object, Object> found = calls.call(() -> map.getAll(wanted));
    Map<K, V> result = new HashMap<>(Math.max(16, found.size() * 2));
    found.forEach((key, value) -> result.put(unwrap(key), unwrap(value)));
    return result;
  }

  @Override
  public Map<K, V> snapshot() {
    Map<K, V> copy = new HashMap<>();
    for (Entry<K, V> entry : entrySet()) {
      copy.put(entry.getKey(), entry.getValue());
    }
    return copy;
  }

  @Override
  public void clear() {
    calls.run(() -> map.clear());
  }

  // --- ConcurrentMap: compare-and-set loops, with HashMap's treatment of a key mapped to null -------------

  @Override
  public V putIfAbsent(K key, V value) {
    Data k = stored(key);
    Data v = stored(value);
    while (true) {
      Object previous = calls.call(() -> map.putIfAbsent(k, v));
      if (previous == null) {
        return null;
      }
      if (previous != NullMarker.INSTANCE) {
        return unwrap(previous);
      }
      // A key mapped to null counts as absent, as in HashMap.putIfAbsent.
      if (replaceStored(k, NullMarker.INSTANCE, v)) {
        return null;
      }
    }
  }

  @Override
  public boolean remove(Object key, Object value) {
    Data k = stored(key);
    Data v = stored(value);
    return calls.call(() -> map.remove(k, v));
  }

  @Override
  public boolean replace(K key, V oldValue, V newValue) {
    return replaceStored(stored(key), stored(oldValue), stored(newValue));
  }

  @Override
  public V replace(K key, V value) {
    Data k = stored(key);
    Data v = stored(value);
    return unwrap(calls.call(() -> map.replace(k, v)));
  }

  @Override
  public V computeIfAbsent(K key, Function<? super K, ? extends V> mapping) {
    Objects.requireNonNull(mapping);
    Data k = stored(key);
    while (true) {
      Object current = calls.call(() -> map.get(k));
      if (current != null && current != NullMarker.INSTANCE) {
        return unwrap(current);
      }
      V computed = mapping.apply(key);
      if (computed == null) {
        return null;
      }
      Data v = stored(computed);
      if (current == null ? insertStored(k, v) : replaceStored(k, current, v)) {
        return computed;
      }
    }
  }

  @Override
  public V computeIfPresent(K key, BiFunction<? super K, ? super V, ? extends V> remapping) {
    Objects.requireNonNull(remapping);
    Data k = stored(key);
    while (true) {
      Object current = calls.call(() -> map.get(k));
      if (current == null || current == NullMarker.INSTANCE) {
        return null;
      }
      V computed = remapping.apply(key, unwrap(current));
      if (computed == null ? removeStored(k, current) : replaceStored(k, current, stored(computed))) {
        return computed;
      }
    }
  }

  @Override
  public V compute(K key, BiFunction<? super K, ? super V, ? extends V> remapping) {
    Objects.requireNonNull(remapping);
    Data k = stored(key);
    while (true) {
      Object current = calls.call(() -> map.get(k));
      V computed = remapping.apply(key, unwrap(current));
      if (computed == null) {
        // HashMap removes the mapping, even one to null, when the function returns null.
        if (current == null || removeStored(k, current)) {
          return null;
        }
      } else if (current == null ? insertStored(k, stored(computed)) : replaceStored(k, current, stored(computed))) {
        return computed;
      }
    }
  }

  @Override
  public V merge(K key, V value, BiFunction<? super V, ? super V, ? extends V> remapping) {
    Objects.requireNonNull(remapping);
    Objects.requireNonNull(value);
    Data k = stored(key);
    while (true) {
      Object current = calls.call(() -> map.get(k));
      V merged = current == null || current == NullMarker.INSTANCE ? value : remapping.apply(unwrap(current), value);
      if (merged == null) {
        if (removeStored(k, current)) {
          return null;
        }
      } else if (current == null ? insertStored(k, stored(merged)) : replaceStored(k, current, stored(merged))) {
        return merged;
      }
    }
  }

  @Override
  public void replaceAll(BiFunction<? super K, ? super V, ? extends V> function) {
    Objects.requireNonNull(function);
    for (Entry<K, V> entry : entrySet()) {
      K key = entry.getKey();
      Data k = stored(key);
      Object current = NullMarker.wrap(entry.getValue());
      while (!replaceStored(k, current, stored(function.apply(key, unwrap(current))))) {
        current = calls.call(() -> map.get(k));
        if (current == null) {
          break; // removed meanwhile: nothing to replace
        }
      }
    }
  }

  /** The serialized form of a key or value, checked; see {@link HazelcastSharedObjects#toStored}. */
  private Data stored(Object value) {
    return owner.toStored(value);
  }

  private boolean insertStored(Data k, Data v) {
    return calls.call(() -> map.putIfAbsent(k, v)) == null;
  }

  /** Replaces the value if it is still {@code expected}, a value as read (or its stored form). */
  private boolean replaceStored(Data k, Object expected, Data v) {
    return calls.call(() -> map.replace(k, expected, v));
  }

  private boolean removeStored(Data k, Object expected) {
    return calls.call(() -> map.remove(k, expected));
  }

  // --- views -----------------------------------------------------------------------------------------

  private transient Set<Entry<K, V>> entrySet;
  private transient Set<K> keySet;
  private transient Collection<V> values;

  @Override
  public Set<Entry<K, V>> entrySet() {
    Set<Entry<K, V>> view = entrySet;
    return view != null ? view : (entrySet = new EntrySetView());
  }

  @Override
  public Set<K> keySet() {
    Set<K> view = keySet;
    return view != null ? view : (keySet = new KeySetView());
  }

  @Override
  public Collection<V> values() {
    Collection<V> view = values;
    return view != null ? view : (values = new ValuesView());
  }

  /** Pages through the map {@link #FETCH_SIZE} entries at a time; {@code remove} deletes the last key. */
  private final class EntryIterator implements Iterator<Entry<K, V>> {
    private final Iterator<Entry<Object, Object>> pages = calls.call(() -> map.iterator(FETCH_SIZE));
    private Entry<K, V> last;

    @Override
    public boolean hasNext() {
      return calls.call(pages::hasNext);
    }

    @Override
    public Entry<K, V> next() {
      Entry<Object, Object> stored = calls.call(pages::next);
      last = new LiveEntry(unwrap(stored.getKey()), unwrap(stored.getValue()));
      return last;
    }

    @Override
    public void remove() {
      if (last == null) {
        throw new IllegalStateException("next() has not been called, or remove() was already called");
      }
      Data k = stored(last.getKey());
      calls.run(() -> map.delete(k));
      last = null;
    }
  }

  /** Keys or values of a paging {@link EntryIterator}; {@code remove} removes the whole entry. */
  private final class ProjectingIterator<T> implements Iterator<T> {
    private final EntryIterator entries = new EntryIterator();
    private final Function<Entry<K, V>, T> part;

    ProjectingIterator(Function<Entry<K, V>, T> part) {
      this.part = part;
    }

    @Override
    public boolean hasNext() {
      return entries.hasNext();
    }

    @Override
    public T next() {
      return part.apply(entries.next());
    }

    @Override
    public void remove() {
      entries.remove();
    }
  }

  /** An entry read by iteration whose {@code setValue} writes through to the shared dict. */
  private final class LiveEntry extends SimpleEntry<K, V> {
    LiveEntry(K key, V value) {
      super(key, value);
    }

    @Override
    public V setValue(V value) {
      put(getKey(), value);
      return super.setValue(value);
    }
  }

  private final class EntrySetView extends AbstractSet<Entry<K, V>> {
    @Override
    public Iterator<Entry<K, V>> iterator() {
      return new EntryIterator();
    }

    @Override
    public int size() {
      return HazelcastSharedDict.this.size();
    }

    @Override
    public boolean isEmpty() {
      return HazelcastSharedDict.this.isEmpty();
    }

    @Override
    public void clear() {
      HazelcastSharedDict.this.clear();
    }

    @Override
    public boolean contains(Object o) {
      if (!(o instanceof Entry<?, ?> entry)) {
        return false;
      }
      Data k = stored(entry.getKey());
      Object stored = calls.call(() -> map.get(k));
      return stored != null && Objects.equals(unwrap(stored), entry.getValue());
    }

    @Override
    public boolean remove(Object o) {
      return o instanceof Entry<?, ?> entry && HazelcastSharedDict.this.remove(entry.getKey(), entry.getValue());
    }
  }

  private final class KeySetView extends AbstractSet<K> {
    @Override
    public Iterator<K> iterator() {
      return new ProjectingIterator<>(Entry::getKey);
    }

    @Override
    public int size() {
      return HazelcastSharedDict.this.size();
    }

    @Override
    public boolean isEmpty() {
      return HazelcastSharedDict.this.isEmpty();
    }

    @Override
    public void clear() {
      HazelcastSharedDict.this.clear();
    }

    @Override
    public boolean contains(Object key) {
      return containsKey(key);
    }

    @Override
    public boolean remove(Object key) {
      Data k = stored(key);
      return calls.call(() -> map.remove(k)) != null;
    }
  }

  private final class ValuesView extends AbstractCollection<V> {
    @Override
    public Iterator<V> iterator() {
      return new ProjectingIterator<>(Entry::getValue);
    }

    @Override
    public int size() {
      return HazelcastSharedDict.this.size();
    }

    @Override
    public boolean isEmpty() {
      return HazelcastSharedDict.this.isEmpty();
    }

    @Override
    public void clear() {
      HazelcastSharedDict.this.clear();
    }

    @Override
    public boolean contains(Object value) {
      return containsValue(value);
    }
  }
}
