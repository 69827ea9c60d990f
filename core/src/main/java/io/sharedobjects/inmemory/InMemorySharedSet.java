package io.sharedobjects.inmemory;

import io.sharedobjects.SharedSet;
import io.sharedobjects.inmemory.InMemoryStore.StoredSet;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
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
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The in-memory {@link SharedSet}: a {@link Set} that behaves as {@link HashSet} does, a null element
 * included, over a set shared by name with every peer.
 *
 * <p><b>Copies:</b> elements are copied on the way in and on the way out (see {@link InMemorySharedObjects}
 * for what can be stored); an element given only to search ({@code contains}, {@code remove}, ...) is
 * copied too, as Hazelcast serializes it. A refused element fails with {@link
 * io.sharedobjects.NotStorableException} and leaves the set as it was, even among good ones in {@code
 * addAll}.
 *
 * <p><b>Elements:</b> compared by {@code equals} and {@code hashCode} of their copies, as in a {@code
 * HashSet}; Hazelcast compares their serialized forms. The two agree for value classes, as for dict keys
 * (see {@link InMemorySharedDict}).
 *
 * <p><b>Atomicity:</b> every single operation is atomic, and here so is {@code removeIf}, whose filter runs
 * while the set is locked against every other thread and peer; code that must also run on Hazelcast
 * should not rely on {@code removeIf} being atomic.
 *
 * <p><b>Iteration:</b> {@link #iterator()}, {@link #forEach}, {@link #toArray()} and {@link #spliterator()}
 * walk the elements present when they start, never throw {@link java.util.ConcurrentModificationException},
 * and the iterator's {@code remove} removes the last element from the shared set.
 *
 * <p><b>Thread safety:</b> thread-safe. After the owning {@link InMemorySharedObjects} is closed, every
 * method but {@link #name()} fails with {@link io.sharedobjects.SharedObjectsClosedException}.
 *
 * @param <E> element type
 */
public final class InMemorySharedSet<E> extends AbstractSet<E> implements SharedSet<E> {

  private final StoredRef<StoredSet> ref;

  InMemorySharedSet(StoredRef<StoredSet> ref) {
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
    return apply(HashSet::size);
  }

  @Override
  public boolean isEmpty() {
    return apply(HashSet::isEmpty);
  }

  @Override
  public boolean contains(Object element) {
    Object e = in(element);
    return apply(s -> s.contains(e));
  }

  @Override
  public boolean add(E element) {
    Object e = in(element);
    return apply(s -> s.add(e));
  }

  @Override
  public boolean remove(Object element) {
    Object e = in(element);
    return apply(s -> s.remove(e));
  }

  @Override
  public boolean containsAll(Collection<?> elements) {
    List<Object> copies = copiesOf(elements);
    return apply(s -> s.containsAll(copies));
  }

  @Override
  public boolean addAll(Collection<? extends E> elements) {
    List<Object> copies = copiesOf(elements);
    return apply(s -> s.addAll(copies));
  }

  @Override
  public boolean removeAll(Collection<?> elements) {
    List<Object> copies = copiesOf(elements);
    return apply(
        s -> {
          boolean changed = false;
          for (Object e : copies) {
            changed |= s.remove(e);
          }
          return changed;
        });
  }

  @Override
  public boolean retainAll(Collection<?> elements) {
    Set<Object> kept = new HashSet<>(copiesOf(elements));
    return apply(s -> s.retainAll(kept));
  }

  @Override
  public boolean removeIf(Predicate<? super E> filter) {
    Objects.requireNonNull(filter);
    return apply(
        s -> {
          // The filter sees copies and runs to the end before anything changes, so a failure changes nothing.
          List<Object> doomed = new ArrayList<>();
          for (Object element : s) {
            if (filter.test(out(element))) {
              doomed.add(element);
            }
          }
          doomed.forEach(s::remove);
          return !doomed.isEmpty();
        });
  }

  @Override
  public void clear() {
    apply(
        s -> {
          s.clear();
          return null;
        });
  }

  /** Walks the elements present when it was created; {@code remove} removes the last one from the set. */
  @Override
  public Iterator<E> iterator() {
    Object[] stored = rawElements();
    return new Iterator<>() {
      private int next;
      private int last = -1;

      @Override
      public boolean hasNext() {
        return next < stored.length;
      }

      @Override
      public E next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        last = next++;
        return out(stored[last]);
      }

      @Override
      public void remove() {
        if (last < 0) {
          throw new IllegalStateException("next() has not been called, or remove() was already called");
        }
        Object element = stored[last];
        apply(s -> s.remove(element));
        last = -1;
      }
    };
  }

  @Override
  public Set<E> snapshot() {
    return new HashSet<>(copies());
  }

  @Override
  public Object[] toArray() {
    return copies().toArray();
  }

  @Override
  public <T> T[] toArray(T[] array) {
    return copies().toArray(array);
  }

  @Override
  public void forEach(Consumer<? super E> action) {
    Objects.requireNonNull(action);
    copies().forEach(action);
  }

  @Override
  public Spliterator<E> spliterator() {
    return Spliterators.spliterator(toArray(), Spliterator.DISTINCT);
  }

  @Override
  public boolean equals(Object o) {
    if (o == this) {
      return true;
    }
    if (!(o instanceof Set)) {
      return false;
    }
    // Compared outside the lock: o may be another shared set, and locking both could deadlock.
    return new HashSet<>(Arrays.asList(comparableElements())).equals(o);
  }

  @Override
  public int hashCode() {
    return new HashSet<>(Arrays.asList(comparableElements())).hashCode();
  }

  private <R> R apply(Function<HashSet<Object>, R> operation) {
    return ref.apply(stored -> operation.apply(stored.elements));
  }

  /** The stored elements, in iteration order; they may be read but must not leave this class uncopied. */
  private Object[] rawElements() {
    return apply(HashSet::toArray);
  }

  /** The stored elements as they compare, references as live objects; not to be handed out. */
  private Object[] comparableElements() {
    Object[] elements = rawElements();
    for (int i = 0; i < elements.length; i++) {
      elements[i] = ref.comparable(elements[i]);
    }
    return elements;
  }

  /** Copies of the elements, in iteration order. */
  private List<E> copies() {
    Object[] stored = rawElements();
    List<E> copy = new ArrayList<>(stored.length);
    for (Object element : stored) {
      copy.add(out(element));
    }
    return copy;
  }

  private List<Object> copiesOf(Collection<?> elements) {
    Object[] source = elements.toArray();
    List<Object> copies = new ArrayList<>(source.length);
    for (Object element : source) {
      copies.add(in(element));
    }
    return copies;
  }

  /**
   * Copies an element on its way in, refusing it if it is not storable or too large; sealed with the
   * owner's authKey, if any (see {@link StoredRef#toStored}).
   */
  private Object in(Object value) {
    return ref.toStored(value);
  }

  /**
   * A copy of a stored element on its way out, verified against the owner's authKey; a reference becomes
   * the reader's live object.
   */
  private <T> T out(Object stored) {
    return ref.fromStored(stored);
  }

}
