package io.sharedobjects.hazelcast;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.EntryView;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicate;
import com.hazelcast.query.Predicates;
import io.sharedobjects.SharedDict;
import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A {@link SharedDict} on a Hazelcast {@code IMap} of the same name. Keys and values are written and read
 * through {@link StoredForm} (nulls as its marker), serialized before any call, so a key or value that is
 * not storable or too large fails before anything changes. The {@code ConcurrentMap} defaults are
 * compare-and-set loops, so each is atomic without server-side code.
 */
final class HazelcastSharedDict<K, V> extends AbstractMap<K, V> implements SharedDict<K, V> {

  private final HazelcastInstance instance;
  private final Calls calls;
  private final StoredForm storedForm;
  private final Paging paging;
  private final String name;
  /** Whether {@code map.get} may be answered by a near cache, and so be stale. */
  private final boolean nearCached;
  /** Whether this is a member that keeps statistics of the map, so it can size pages without a call. */
  private final boolean sizedLocally;
  private volatile IMap<Object, Object> map;

  HazelcastSharedDict(ObjectContext context, String name) {
    this.instance = context.instance();
    this.calls = context.dataCalls("dict '" + name + "'");
    this.storedForm = context.storedForm().of("dict", name);
    this.paging = context.paging();
    this.name = name;
    this.nearCached = nearCached(instance, name);
    this.sizedLocally = !context.client() && instance.getConfig().findMapConfig(name).isStatisticsEnabled();
    this.map = instance.getMap(name);
  }

  /** Whether the instance serves reads of this map from a near cache (ours, or one a wrapped instance has). */
  private static boolean nearCached(HazelcastInstance hazelcast, String name) {
    ClientConfig client = HazelcastInternals.clientConfig(hazelcast);
    if (client != null) {
      return client.getNearCacheConfig(name) != null;
    }
    return hazelcast.getConfig().findMapConfig(name).isNearCacheEnabled();
  }

  /**
   * The value the cluster stores now, for the compare-and-set loops of the {@code ConcurrentMap} methods.
   * A near cache may answer {@code get} with a value already replaced elsewhere: a loop would then spin
   * until the invalidation arrives, and {@code computeIfAbsent} could return a value no longer there.
   * {@code getEntryView} always asks the cluster.
   */
  private Object current(Object k) {
    if (!nearCached) {
      return calls.call(() -> map.get(k));
    }
    EntryView<Object, Object> view = calls.call(() -> map.getEntryView(k));
    return view == null ? null : view.getValue();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void destroy() {
    calls.run(() -> map.destroy());
    // A fresh proxy is created on the cluster: a remote call for a client, so bounded and typed too.
    map = calls.call(() -> instance.getMap(name));
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
    Object k = storedKey(key);
    return calls.call(() -> map.containsKey(k));
  }

  @Override
  public boolean containsValue(Object value) {
    if (storedForm.sealed()) {
      // Sealed with a fresh nonce, equal values differ in the cluster: compared here, page by page.
      storedForm.toStoredValue(value); // refuses what could not be stored, as the unsealed call does
      for (V present : values()) {
        if (Objects.equals(present, value)) {
          return true;
        }
      }
      return false;
    }
    Object v = stored(value);
    return calls.call(() -> map.containsValue(v));
  }

  @Override
  public V get(Object key) {
    Object k = storedKey(key);
    return read(calls.call(() -> map.get(k)));
  }

  @Override
  public V getOrDefault(Object key, V defaultValue) {
    Object k = storedKey(key);
    Object stored = calls.call(() -> map.get(k));
    return stored == null ? defaultValue : read(stored);
  }

  @Override
  public V put(K key, V value) {
    Object k = storedKey(key);
    Object v = storedValue(value);
    return read(calls.call(() -> map.put(k, v)));
  }

  /** {@code IMap.set}: the member neither reads nor sends back the replaced value. */
  @Override
  public void set(K key, V value) {
    Object k = storedKey(key);
    Object v = storedValue(value);
    calls.run(() -> map.set(k, v));
  }

  @Override
  public V remove(Object key) {
    Object k = storedKey(key);
    return read(calls.call(() -> map.remove(k)));
  }

  // --- asynchronous calls: Hazelcast's own, with keys and values serialized (and checked) at the call --------

  @Override
  public CompletionStage<V> getAsync(K key) {
    Object k = storedKey(key);
    return calls.callAsync(() -> map.getAsync(k), this::read);
  }

  @Override
  public CompletionStage<V> putAsync(K key, V value) {
    Object k = storedKey(key);
    Object v = storedValue(value);
    return calls.callAsync(() -> map.putAsync(k, v), this::read);
  }

  @Override
  public CompletionStage<Void> setAsync(K key, V value) {
    Object k = storedKey(key);
    Object v = storedValue(value);
    return calls.callAsync(() -> map.setAsync(k, v), ignored -> null);
  }

  @Override
  public CompletionStage<V> removeAsync(K key) {
    Object k = storedKey(key);
    return calls.callAsync(() -> map.removeAsync(k), this::read);
  }

  @Override
  public void putAll(Map<? extends K, ? extends V> entries) {
    if (entries.isEmpty()) {
      return;
    }
    Map<Object, Object> stored = new HashMap<>(Math.max(16, entries.size() * 2));
    entries.forEach((key, value) -> stored.put(storedKey(key), storedValue(value)));
    calls.run(() -> map.putAll(stored));
  }

  @Override
  public Map<K, V> getAll(Collection<? extends K> keys) {
    Set<Object> wanted = new HashSet<>();
    for (K key : keys) {
      wanted.add(storedKey(key));
    }
    Map<Object, Object> found = calls.call(() -> map.getAll(wanted));
    Map<K, V> result = new HashMap<>(Math.max(16, found.size() * 2));
    found.forEach((key, value) -> result.put(read(key), read(value)));
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
    Object k = storedKey(key);
    Object v = storedValue(value);
    while (true) {
      Object previous = calls.call(() -> map.putIfAbsent(k, v));
      if (previous == null) {
        return null;
      }
      if (!storedForm.isNull(previous)) {
        return read(previous);
      }
      // A key mapped to null counts as absent, as in HashMap.putIfAbsent: replaced if still that stored null.
      if (replaceStored(k, previous, v)) {
        return null;
      }
    }
  }

  @Override
  public boolean remove(Object key, Object value) {
    Object k = storedKey(key);
    if (storedForm.sealed()) {
      storedForm.toStoredValue(value); // refuses what could not be stored, as the unsealed call does
      return ifStill(k, value, current -> removeStored(k, current));
    }
    Object v = stored(value);
    return calls.call(() -> map.remove(k, v));
  }

  @Override
  public boolean replace(K key, V oldValue, V newValue) {
    Object k = storedKey(key);
    Object v = storedValue(newValue);
    if (storedForm.sealed()) {
      storedForm.toStoredValue(oldValue);
      return ifStill(k, oldValue, current -> replaceStored(k, current, v));
    }
    return replaceStored(k, stored(oldValue), v);
  }

  /**
   * With an authKey, the compare-and-set of {@code remove(k, v)} and {@code replace(k, old, new)}: equal values
   * sealed with fresh nonces differ in the cluster, so the value is read and compared here, and the change
   * is made only if the cluster still holds the bytes read; repeated while another process changes it to
   * another sealing of the same value.
   */
  private boolean ifStill(Object k, Object expected, java.util.function.Predicate<Object> changeIfStill) {
    while (true) {
      Object current = current(k);
      if (current == null || !storedForm.sameItem(current, expected)) {
        return false;
      }
      if (changeIfStill.test(current)) {
        return true;
      }
    }
  }

  @Override
  public V replace(K key, V value) {
    Object k = storedKey(key);
    Object v = storedValue(value);
    return read(calls.call(() -> map.replace(k, v)));
  }

  @Override
  public V computeIfAbsent(K key, Function<? super K, ? extends V> mapping) {
    Objects.requireNonNull(mapping);
    Object k = storedKey(key);
    while (true) {
      Object current = current(k);
      if (current != null && !storedForm.isNull(current)) {
        return read(current);
      }
      V computed = mapping.apply(key);
      if (computed == null) {
        return null;
      }
      Object v = storedValue(computed);
      if (current == null ? insertStored(k, v) : replaceStored(k, current, v)) {
        return computed;
      }
    }
  }

  @Override
  public V computeIfPresent(K key, BiFunction<? super K, ? super V, ? extends V> remapping) {
    Objects.requireNonNull(remapping);
    Object k = storedKey(key);
    while (true) {
      Object current = current(k);
      if (current == null || storedForm.isNull(current)) {
        return null;
      }
      V computed = remapping.apply(key, read(current));
      if (computed == null ? removeStored(k, current) : replaceStored(k, current, storedValue(computed))) {
        return computed;
      }
    }
  }

  @Override
  public V compute(K key, BiFunction<? super K, ? super V, ? extends V> remapping) {
    Objects.requireNonNull(remapping);
    Object k = storedKey(key);
    while (true) {
      Object current = current(k);
      V computed = remapping.apply(key, read(current));
      if (computed == null) {
        // HashMap removes the mapping, even one to null, when the function returns null.
        if (current == null || removeStored(k, current)) {
          return null;
        }
      } else if (current == null ? insertStored(k, storedValue(computed))
          : replaceStored(k, current, storedValue(computed))) {
        return computed;
      }
    }
  }

  @Override
  public V merge(K key, V value, BiFunction<? super V, ? super V, ? extends V> remapping) {
    Objects.requireNonNull(remapping);
    Objects.requireNonNull(value);
    Object k = storedKey(key);
    while (true) {
      Object current = current(k);
      V merged = current == null || storedForm.isNull(current) ? value : remapping.apply(read(current), value);
      if (merged == null) {
        if (removeStored(k, current)) {
          return null;
        }
      } else if (current == null ? insertStored(k, storedValue(merged))
          : replaceStored(k, current, storedValue(merged))) {
        return merged;
      }
    }
  }

  @Override
  public void replaceAll(BiFunction<? super K, ? super V, ? extends V> function) {
    Objects.requireNonNull(function);
    for (Entry<K, V> entry : entrySet()) {
      K key = entry.getKey();
      Object k = storedKey(key);
      // Unsealed, the value as iterated is what the cluster compares with; sealed, its bytes are read.
      Object current = storedForm.sealed() ? current(k) : StoredForm.asStored(entry.getValue());
      while (current != null && !replaceStored(k, current, storedValue(function.apply(key, read(current))))) {
        current = current(k);
        if (current == null) {
          break; // removed meanwhile: nothing to replace
        }
      }
    }
  }

  /**
   * The stored form of a key, checked. While a key rotation is under way ({@link StoredForm#rotating}), the
   * form of the entry that every process finds first: the one sealed with the older key when there is one.
   * In step 1 (this process writes with the older key) that is this process's own form if the entry is
   * there, else the newer key's if the entry is there, else its own: one or two more calls. In step 2 (it
   * writes with the newer key) an entry sealed with the older key is first moved to the newer one: copied
   * over whatever the newer form holds (the older form was the one every process read), its value sealed
   * again with the newer key, then removed if still the same, so a process that dies in between leaves it readable: one more call, three to move.
   */
  private Object storedKey(Object key) {
    Object k = storedForm.toStored(key);
    if (!storedForm.rotating()) {
      return k;
    }
    Object other = storedForm.toOtherStored(key);
    if (storedForm.otherIsNewer()) {
      return current(k) != null || current(other) == null ? k : other;
    }
    Object older = current(other);
    if (older != null) {
      Object value = storedForm.resealed(older);
      calls.run(() -> map.set(k, value));
      calls.call(() -> map.remove(other, older));
    }
    return k;
  }

  /** The stored form of a key (or, unsealed, a value), checked; see {@link StoredForm#toStored}. */
  private Object stored(Object value) {
    return storedForm.toStored(value);
  }

  /** The stored form of a value, checked; see {@link StoredForm#toStoredValue}. */
  private Object storedValue(Object value) {
    return storedForm.toStoredValue(value);
  }

  private boolean insertStored(Object k, Object v) {
    return calls.call(() -> map.putIfAbsent(k, v)) == null;
  }

  /** Replaces the value if it is still {@code expected}, a value as read (or its stored form). */
  private boolean replaceStored(Object k, Object expected, Object v) {
    return calls.call(() -> map.replace(k, expected, v));
  }

  private boolean removeStored(Object k, Object expected) {
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

  /**
   * The dict's size, as far as choosing pages needs it. A member answers from its own statistics when they
   * are on, without a call (far cheaper than {@code size()}, which asks every partition): exact for a lone
   * member; with more members, this member's share times their number, doubled for safety so a
   * dict that may be larger than one page is paged. A client asks the cluster.
   */
  private int sizeForPaging() {
    if (!sizedLocally) {
      return calls.call(() -> map.size());
    }
    long owned = map.getLocalMapStats().getOwnedEntryCount();
    int members = instance.getCluster().getMembers().size();
    long estimate = members == 1 ? owned : 2 * owned * members;
    return (int) Math.min(Integer.MAX_VALUE, estimate);
  }

  /**
   * Pages through the map, about {@link Paging#PAGE_SIZE} entries per round trip; {@code remove} deletes the
   * last key.
   *
   * <p>A dict of at most {@code PAGE_SIZE} entries when the iteration starts is read in one round trip
   * (after one to read its size). Otherwise each page is one query on a group of partitions ({@link
   * Paging#partitionGroups}), sized from the dict's size so that it holds about {@code PAGE_SIZE} entries.
   * (Hazelcast's own paging iterator fetches partition by partition: one round trip per partition, 271 by
   * default, for a dict of any size.) When the partition table is not known yet, it falls back to that
   * iterator.
   */
  private final class EntryIterator implements Iterator<Entry<K, V>> {
    private final boolean keysOnly;
    private final List<Set<Object>> groups;
    private int nextGroup;
    private Iterator<?> page = Collections.emptyIterator();
    private Entry<K, V> last;

    EntryIterator(boolean keysOnly) {
      this.keysOnly = keysOnly;
      int size = sizeForPaging();
      if (size <= Paging.PAGE_SIZE) {
        groups = List.of();
        page = calls.call(() -> keysOnly ? map.keySet().iterator() : map.entrySet().iterator());
        return;
      }
      groups = paging.partitionGroups(size);
      if (groups == null) {
        page = calls.call(() -> map.iterator(Paging.PAGE_SIZE));
      }
    }

    @Override
    public boolean hasNext() {
      if (groups == null) {
        return calls.call(page::hasNext); // Hazelcast's paging iterator: fetches as it goes
      }
      // A page is a query's whole answer, held here: going through it makes no call.
      while (!page.hasNext() && nextGroup < groups.size()) {
        Predicate<Object, Object> group = Predicates.multiPartitionPredicate(groups.get(nextGroup++), Predicates.alwaysTrue());
        page = calls.call(() -> keysOnly ? map.keySet(group).iterator() : map.entrySet(group).iterator());
      }
      return page.hasNext();
    }

    @Override
    public Entry<K, V> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Object next = groups == null
          ? calls.call(page::next)
          : storedForm.deserializeLocally(page::next); // keys deserialize here; entries when asked (LiveEntry)
      last = keysOnly ? new LiveEntry(null, read(next)) : new LiveEntry((Entry<?, ?>) next, null);
      return last;
    }

    @Override
    public void remove() {
      if (last == null) {
        throw new IllegalStateException("next() has not been called, or remove() was already called");
      }
      Object k = storedKey(last.getKey());
      calls.run(() -> map.delete(k));
      last = null;
    }
  }

  /** Keys or values of a paging {@link EntryIterator}; {@code remove} removes the whole entry. */
  private final class ProjectingIterator<T> implements Iterator<T> {
    private final EntryIterator entries;
    private final Function<Entry<K, V>, T> part;

    ProjectingIterator(Function<Entry<K, V>, T> part, boolean keysOnly) {
      this.entries = new EntryIterator(keysOnly);
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

  /**
   * An entry of an iteration: its key and value are deserialized when first asked for (Hazelcast's entries
   * hold bytes until then), so iterating {@code values()} or reading only values never deserializes keys.
   * {@code setValue} writes through to the dict.
   */
  private final class LiveEntry implements Entry<K, V> {
    private final Entry<?, ?> stored;
    private K key;
    private V value;
    private boolean keyRead;
    private boolean valueRead;

    /** Either Hazelcast's entry, read when asked, or a key alone (keySet iteration). */
    LiveEntry(Entry<?, ?> stored, K key) {
      this.stored = stored;
      this.key = key;
      this.keyRead = stored == null;
      this.valueRead = stored == null;
    }

    @Override
    public K getKey() {
      if (!keyRead) {
        key = readPart(true);
        keyRead = true;
      }
      return key;
    }

    @Override
    public V getValue() {
      if (!valueRead) {
        value = readPart(false);
        valueRead = true;
      }
      return value;
    }

    /** Hazelcast's entry deserializes in this process; only its bytes can fail. */
    private <T> T readPart(boolean theKey) {
      return storedForm.readLocally(theKey ? stored::getKey : stored::getValue);
    }

    @Override
    public V setValue(V newValue) {
      V old = getValue();
      put(getKey(), newValue);
      value = newValue;
      return old;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Entry<?, ?> that
          && Objects.equals(getKey(), that.getKey()) && Objects.equals(getValue(), that.getValue());
    }

    @Override
    public int hashCode() {
      return Objects.hashCode(getKey()) ^ Objects.hashCode(getValue());
    }

    @Override
    public String toString() {
      return getKey() + "=" + getValue();
    }
  }

  private final class EntrySetView extends AbstractSet<Entry<K, V>> {
    @Override
    public Iterator<Entry<K, V>> iterator() {
      return new EntryIterator(false);
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
      Object k = storedKey(entry.getKey());
      Object stored = calls.call(() -> map.get(k));
      return stored != null && Objects.equals(read(stored), entry.getValue());
    }

    @Override
    public boolean remove(Object o) {
      return o instanceof Entry<?, ?> entry && HazelcastSharedDict.this.remove(entry.getKey(), entry.getValue());
    }
  }

  private final class KeySetView extends AbstractSet<K> {
    @Override
    public Iterator<K> iterator() {
      return new ProjectingIterator<>(Entry::getKey, true);
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
      Object k = storedKey(key);
      return calls.call(() -> map.remove(k)) != null;
    }
  }

  private final class ValuesView extends AbstractCollection<V> {
    @Override
    public Iterator<V> iterator() {
      return new ProjectingIterator<>(Entry::getValue, false);
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

  /** A value read, through {@link StoredForm#read}: a stored reference becomes this process's live object. */
  private <T> T read(Object stored) {
    return storedForm.read(stored);
  }
}
