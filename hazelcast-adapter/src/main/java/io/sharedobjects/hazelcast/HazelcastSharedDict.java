package io.sharedobjects.hazelcast;

import static io.sharedobjects.hazelcast.NullMarker.unwrap;
import static io.sharedobjects.hazelcast.NullMarker.wrap;

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
    map = owner.instance().getMap(name);
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
    Object k = wrap(key);
    return calls.call(() -> map.containsKey(k), k);
  }

  @Override
  public boolean containsValue(Object value) {
    Object v = wrap(value);
    return calls.call(() -> map.containsValue(v), v);
  }

  @Override
  public V get(Object key) {
    Object k = wrap(key);
    return unwrap(calls.call(() -> map.get(k), k));
  }

  @Override
  public V getOrDefault(Object key, V defaultValue) {
    Object k = wrap(key);
    Object stored = calls.call(() -> map.get(k), k);
    return stored == null ? defaultValue : unwrap(stored);
  }

  @Override
  public V put(K key, V value) {
    Object k = wrap(key);
    Object v = wrap(value);
    return unwrap(calls.call(() -> map.put(k, v), k, v));
  }

  @Override
  public V remove(Object key) {
    Object k = wrap(key);
    return unwrap(calls.call(() -> map.remove(k), k));
  }

  @Override
  public void putAll(Map<? extends K, ? extends V> entries) {
    if (entries.isEmpty()) {
      return;
    }
    Map<Object, Object> stored = new HashMap<>(Math.max(16, entries.size() * 2));
    entries.forEach((key, value) -> stored.put(wrap(key), wrap(value)));
    calls.run(() -> map.putAll(stored), storedParts(stored));
  }

  @Override
  public Map<K, V> getAll(Collection<? extends K> keys) {
    Set<Object> wanted = new HashSet<>();
    for (K key : keys) {
      wanted.add(wrap(key));
    }
    Map<Object, Object> found = calls.call(() -> map.getAll(wanted), wanted.toArray());
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
    Object k = wrap(key);
    Object v = wrap(value);
    while (true) {
      Object previous = calls.call(() -> map.putIfAbsent(k, v), k, v);
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
    Object k = wrap(key);
    Object v = wrap(value);
    return calls.call(() -> map.remove(k, v), k, v);
  }

  @Override
  public boolean replace(K key, V oldValue, V newValue) {
    return replaceStored(wrap(key), wrap(oldValue), wrap(newValue));
  }

  @Override
  public V replace(K key, V value) {
    Object k = wrap(key);
    Object v = wrap(value);
    return unwrap(calls.call(() -> map.replace(k, v), k, v));
  }

  @Override
  public V computeIfAbsent(K key, Function<? super K, ? extends V> mapping) {
    Objects.requireNonNull(mapping);
    Object k = wrap(key);
    while (true) {
      Object current = calls.call(() -> map.get(k), k);
      if (current != null && current != NullMarker.INSTANCE) {
        return unwrap(current);
      }
      V computed = mapping.apply(key);
      if (computed == null) {
        return null;
      }
      if (current == null ? insertStored(k, computed) : replaceStored(k, current, computed)) {
        return computed;
      }
    }
  }

  @Override
  public V computeIfPresent(K key, BiFunction<? super K, ? super V, ? extends V> remapping) {
    Objects.requireNonNull(remapping);
    Object k = wrap(key);
    while (true) {
      Object current = calls.call(() -> map.get(k), k);
      if (current == null || current == NullMarker.INSTANCE) {
        return null;
      }
      V computed = remapping.apply(key, unwrap(current));
      if (computed == null ? removeStored(k, current) : replaceStored(k, current, computed)) {
        return computed;
      }
    }
  }

  @Override
  public V compute(K key, BiFunction<? super K, ? super V, ? extends V> remapping) {
    Objects.requireNonNull(remapping);
    Object k = wrap(key);
    while (true) {
      Object current = calls.call(() -> map.get(k), k);
      V computed = remapping.apply(key, unwrap(current));
      if (computed == null) {
        // HashMap removes the mapping, even one to null, when the function returns null.
        if (current == null || removeStored(k, current)) {
          return null;
        }
      } else if (current == null ? insertStored(k, computed) : replaceStored(k, current, computed)) {
        return computed;
      }
    }
  }

  @Override
  public V merge(K key, V value, BiFunction<? super V, ? super V, ? extends V> remapping) {
    Objects.requireNonNull(remapping);
    Objects.requireNonNull(value);
    Object k = wrap(key);
    while (true) {
      Object current = calls.call(() -> map.get(k), k);
      V merged = current == null || current == NullMarker.INSTANCE ? value : remapping.apply(unwrap(current), value);
      if (merged == null) {
        if (removeStored(k, current)) {
          return null;
        }
      } else if (current == null ? insertStored(k, merged) : replaceStored(k, current, merged)) {
        return merged;
      }
    }
  }

  @Override
  public void replaceAll(BiFunction<? super K, ? super V, ? extends V> function) {
    Objects.requireNonNull(function);
    for (Entry<K, V> entry : entrySet()) {
      K key = entry.getKey();
      Object k = wrap(key);
      Object current = wrap(entry.getValue());
      while (!replaceStored(k, current, function.apply(key, unwrap(current)))) {
        current = calls.call(() -> map.get(k), k);
        if (current == null) {
          break; // removed meanwhile: nothing to replace
        }
      }
    }
  }

  private static Object[] storedParts(Map<Object, Object> stored) {
    Object[] parts = new Object[stored.size() * 2];
    int i = 0;
    for (Entry<Object, Object> entry : stored.entrySet()) {
      parts[i++] = entry.getKey();
      parts[i++] = entry.getValue();
    }
    return parts;
  }

  private boolean insertStored(Object k, Object value) {
    Object v = wrap(value);
    return calls.call(() -> map.putIfAbsent(k, v), k, v) == null;
  }

  private boolean replaceStored(Object k, Object expected, Object value) {
    Object v = wrap(value);
    return calls.call(() -> map.replace(k, expected, v), k, expected, v);
  }

  private boolean removeStored(Object k, Object expected) {
    return calls.call(() -> map.remove(k, expected), k, expected);
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
      Object k = wrap(last.getKey());
      calls.run(() -> map.delete(k), k);
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
      Object k = wrap(entry.getKey());
      Object stored = calls.call(() -> map.get(k), k);
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
      Object k = wrap(key);
      return calls.call(() -> map.remove(k), k) != null;
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
