package io.sharedobjects.hazelcast;

import com.hazelcast.collection.ISet;
import com.hazelcast.core.HazelcastInstance;
import io.sharedobjects.SharedSet;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A {@link SharedSet} on a Hazelcast {@code ISet} of the same name, which keeps the whole set in one
 * partition (one member and its backup) and compares elements by their serialized form. Elements are
 * written and read through {@link StoredForm} (null as its marker), serialized and checked before any call,
 * so one bad element of an {@code addAll} changes nothing.
 *
 * <p><b>Iteration</b> reads the whole set in one round trip when it starts: {@code ISet} has no paging, so
 * unlike a dict or list a set is not read in pages; an iteration of a set of any size costs one round trip
 * and holds every element in this process until it ends, as {@link #snapshot()} does. {@code toArray},
 * {@code forEach}, {@code stream()}, {@code equals}, {@code hashCode} and {@code toString} read it the same
 * way, once each. The iterator's {@code remove} costs one round trip per element.
 */
final class HazelcastSharedSet<E> extends AbstractSet<E> implements SharedSet<E> {

  private final HazelcastInstance instance;
  private final Calls calls;
  private final StoredForm storedForm;
  private final String name;
  private volatile ISet<Object> set;

  HazelcastSharedSet(ObjectContext context, String name) {
    this.instance = context.instance();
    this.calls = context.dataCalls("set '" + name + "'");
    this.storedForm = context.storedForm().of("set", name);
    this.name = name;
    this.set = instance.getSet(name);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void destroy() {
    calls.run(() -> set.destroy());
    // A fresh proxy is created on the cluster: a remote call for a client, so bounded and typed too.
    set = calls.call(() -> instance.getSet(name));
  }

  @Override
  public int size() {
    return calls.call(() -> set.size());
  }

  @Override
  public boolean isEmpty() {
    return calls.call(() -> set.isEmpty());
  }

  @Override
  public boolean contains(Object element) {
    Object e = stored(element);
    return calls.call(() -> set.contains(e));
  }

  @Override
  public boolean add(E element) {
    Object e = stored(element);
    return calls.call(() -> set.add(e));
  }

  @Override
  public boolean remove(Object element) {
    Object e = stored(element);
    return calls.call(() -> set.remove(e));
  }

  @Override
  public boolean containsAll(Collection<?> elements) {
    List<Object> stored = storedAll(elements);
    return stored.isEmpty() || calls.call(() -> set.containsAll(stored));
  }

  @Override
  public boolean addAll(Collection<? extends E> elements) {
    List<Object> stored = storedAll(elements);
    return !stored.isEmpty() && calls.call(() -> set.addAll(stored));
  }

  @Override
  public boolean removeAll(Collection<?> elements) {
    List<Object> stored = storedAll(elements);
    return !stored.isEmpty() && calls.call(() -> set.removeAll(stored));
  }

  @Override
  public boolean retainAll(Collection<?> elements) {
    List<Object> stored = storedAll(elements);
    return calls.call(() -> set.retainAll(stored));
  }

  /** Reads the set once, tests every element here, then removes the matches in one round trip. */
  @Override
  public boolean removeIf(Predicate<? super E> filter) {
    Objects.requireNonNull(filter);
    List<Object> doomed = new ArrayList<>();
    for (E element : elements()) {
      if (filter.test(element)) {
        doomed.add(stored(element));
      }
    }
    return !doomed.isEmpty() && calls.call(() -> set.removeAll(doomed));
  }

  @Override
  public void clear() {
    calls.run(() -> set.clear());
  }

  @Override
  public Set<E> snapshot() {
    return new HashSet<>(elements());
  }

  /**
   * Walks the elements read in one round trip when it was created (see the class comment); {@code remove}
   * removes the last element from the set.
   */
  @Override
  public Iterator<E> iterator() {
    List<E> elements = elements();
    return new Iterator<>() {
      private int next;
      private int last = -1;

      @Override
      public boolean hasNext() {
        return next < elements.size();
      }

      @Override
      public E next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        last = next++;
        return elements.get(last);
      }

      @Override
      public void remove() {
        if (last < 0) {
          throw new IllegalStateException("next() has not been called, or remove() was already called");
        }
        HazelcastSharedSet.this.remove(elements.get(last));
        last = -1;
      }
    };
  }

  @Override
  public Object[] toArray() {
    return elements().toArray();
  }

  @Override
  public <T> T[] toArray(T[] array) {
    return elements().toArray(array);
  }

  @Override
  public void forEach(Consumer<? super E> action) {
    Objects.requireNonNull(action);
    elements().forEach(action);
  }

  @Override
  public Spliterator<E> spliterator() {
    return Spliterators.spliterator(toArray(), Spliterator.DISTINCT);
  }

  @Override
  public boolean equals(Object other) {
    if (other == this) {
      return true;
    }
    if (!(other instanceof Set<?> that)) {
      return false;
    }
    return snapshot().equals(that instanceof SharedSet<?> shared ? shared.snapshot() : that);
  }

  @Override
  public int hashCode() {
    return snapshot().hashCode();
  }

  /**
   * Every element, in the set's iteration order, in one round trip. {@code toArray} deserializes them all
   * within the call (Hazelcast's own iterator would deserialize each later, outside it), so an element this
   * process cannot read fails here, typed.
   */
  private List<E> elements() {
    Object[] stored = calls.call(() -> set.toArray());
    List<E> elements = new ArrayList<>(stored.length);
    for (Object element : stored) {
      elements.add(read(element));
    }
    return elements;
  }

  /**
   * The stored form of an element, checked; see {@link StoredForm#toStored}. While a key rotation is under
   * way ({@link StoredForm#rotating}), as a dict's key (see {@code HazelcastSharedDict}): in step 1, the form
   * the element is stored under if it is there, else this process's own; in step 2, the element sealed with
   * the older key is first moved to the newer one (added, then removed).
   */
  private Object stored(Object element) {
    Object e = storedForm.toStored(element);
    if (!storedForm.rotating()) {
      return e;
    }
    Object other = storedForm.toOtherStored(element);
    if (storedForm.otherIsNewer()) {
      return calls.call(() -> set.contains(e)) || !calls.call(() -> set.contains(other)) ? e : other;
    }
    if (calls.call(() -> set.contains(other))) {
      calls.call(() -> set.add(e));
      calls.call(() -> set.remove(other));
    }
    return e;
  }

  /** Every element serialized and checked before any is sent, so one bad element changes nothing. */
  private List<Object> storedAll(Collection<?> elements) {
    List<Object> stored = new ArrayList<>(elements.size());
    for (Object element : elements) {
      stored.add(stored(element));
    }
    return stored;
  }

  /** A value read, through {@link StoredForm#read}: a stored reference becomes this process's live object. */
  private <T> T read(Object stored) {
    return storedForm.read(stored);
  }
}
