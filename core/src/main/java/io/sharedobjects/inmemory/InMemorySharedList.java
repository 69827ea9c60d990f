package io.sharedobjects.inmemory;

import io.sharedobjects.SharedList;
import io.sharedobjects.inmemory.InMemoryStore.StoredList;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The in-memory {@link SharedList}: a {@link List} that behaves as {@link ArrayList} does, null elements
 * included, over a list shared by name with every peer.
 *
 * <p><b>Copies:</b> elements are copied on the way in and on the way out (see {@link InMemorySharedObjects}
 * for what can be stored); an element given only to search ({@code contains}, {@code indexOf}, {@code
 * remove(Object)}, ...) is copied too, as Hazelcast serializes it. A refused element fails with {@link
 * io.sharedobjects.NotStorableException} and leaves the list as it was.
 *
 * <p><b>Atomicity:</b> every single operation is atomic, and here so are the compound ones ({@link
 * #reverse()}, {@code sort}, {@code replaceAll}, {@code removeIf}, {@code addAll}, {@code removeAll}); code
 * that must also run on Hazelcast should not rely on the compound ones being atomic. Functions and
 * comparators passed to them run while the list is locked against every other thread and peer.
 *
 * <p><b>Views:</b> {@link #iterator()}, {@link #listIterator()} and {@link #subList} read and write through
 * to the shared list, one atomic operation per call, and are never fail-fast; as with any list changed by
 * others meanwhile, a position may have moved by the time it is used. {@link #forEach}, {@link #toArray()}
 * and {@link #spliterator()} work on a snapshot.
 *
 * <p><b>Thread safety:</b> thread-safe. After the owning {@link InMemorySharedObjects} is closed, every
 * method but {@link #name()} fails with {@link io.sharedobjects.SharedObjectsClosedException}.
 *
 * @param <E> element type
 */
public final class InMemorySharedList<E> extends AbstractList<E> implements SharedList<E> {

  private final StoredRef<StoredList> ref;

  InMemorySharedList(StoredRef<StoredList> ref) {
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
    return apply(ArrayList::size);
  }

  @Override
  public boolean isEmpty() {
    return apply(ArrayList::isEmpty);
  }

  @Override
  public E get(int index) {
    return out(apply(l -> l.get(index)));
  }

  @Override
  public E set(int index, E element) {
    Object e = in(element);
    return out(apply(l -> {
      ref.verify(l.get(index)); // so a set that would return what it cannot read changes nothing
      return l.set(index, e);
    }));
  }

  @Override
  public boolean add(E element) {
    Object e = in(element);
    return apply(l -> l.add(e));
  }

  @Override
  public void add(int index, E element) {
    Object e = in(element);
    apply(
        l -> {
          l.add(index, e);
          return null;
        });
  }

  @Override
  public boolean addAll(Collection<? extends E> elements) {
    List<Object> copies = copiesOf(elements);
    return apply(l -> l.addAll(copies));
  }

  @Override
  public boolean addAll(int index, Collection<? extends E> elements) {
    List<Object> copies = copiesOf(elements);
    return apply(l -> l.addAll(index, copies));
  }

  @Override
  public E remove(int index) {
    return out(apply(l -> {
      ref.verify(l.get(index)); // so a removal that would return what it cannot read changes nothing
      return l.remove(index);
    }));
  }

  @Override
  public boolean remove(Object element) {
    Object e = in(element);
    return apply(l -> l.remove(e));
  }

  @Override
  public boolean removeAll(Collection<?> elements) {
    List<Object> copies = copiesOf(elements);
    return apply(l -> l.removeAll(copies));
  }

  @Override
  public boolean retainAll(Collection<?> elements) {
    List<Object> copies = copiesOf(elements);
    return apply(l -> l.retainAll(copies));
  }

  @Override
  public boolean removeIf(Predicate<? super E> filter) {
    Objects.requireNonNull(filter);
    return apply(
        l -> {
          // The filter sees copies and runs to the end before anything changes, so a failure changes nothing.
          List<Object> kept = new ArrayList<>(l.size());
          for (Object element : l.toArray()) {
            if (!filter.test(out(element))) {
              kept.add(element);
            }
          }
          if (kept.size() == l.size()) {
            return false;
          }
          l.clear();
          l.addAll(kept);
          return true;
        });
  }

  @Override
  public void replaceAll(UnaryOperator<E> operator) {
    Objects.requireNonNull(operator);
    apply(
        l -> {
          Object[] replaced = l.toArray();
          for (int i = 0; i < replaced.length; i++) {
            replaced[i] = in(operator.apply(out(replaced[i])));
          }
          l.clear();
          l.addAll(Arrays.asList(replaced));
          return null;
        });
  }

  @Override
  public void sort(Comparator<? super E> comparator) {
    apply(
        l -> {
          // The comparator sees copies; the stored elements are then put in the order of their copies.
          Object[] stored = l.toArray();
          Object[][] pairs = new Object[stored.length][];
          for (int i = 0; i < stored.length; i++) {
            pairs[i] = new Object[] {out(stored[i]), stored[i]};
          }
          Comparator<Object> order = comparator == null ? naturalOrder() : uncheckedCast(comparator);
          Arrays.sort(pairs, (a, b) -> order.compare(a[0], b[0]));
          for (int i = 0; i < pairs.length; i++) {
            l.set(i, pairs[i][1]);
          }
          return null;
        });
  }

  @Override
  public void reverse() {
    apply(
        l -> {
          Collections.reverse(l);
          return null;
        });
  }

  @Override
  public void clear() {
    apply(
        l -> {
          l.clear();
          return null;
        });
  }

  /** Called by {@code subList(from, to).clear()}; one atomic operation here. */
  @Override
  protected void removeRange(int fromIndex, int toIndex) {
    apply(
        l -> {
          l.subList(fromIndex, toIndex).clear();
          return null;
        });
  }

  @Override
  public boolean contains(Object element) {
    Object e = in(element);
    return apply(l -> l.contains(e));
  }

  @Override
  public boolean containsAll(Collection<?> elements) {
    List<Object> copies = copiesOf(elements);
    return apply(l -> l.containsAll(copies));
  }

  @Override
  public int indexOf(Object element) {
    Object e = in(element);
    return apply(l -> l.indexOf(e));
  }

  @Override
  public int lastIndexOf(Object element) {
    Object e = in(element);
    return apply(l -> l.lastIndexOf(e));
  }

  @Override
  public Iterator<E> iterator() {
    ref.checkOpen();
    return super.iterator();
  }

  @Override
  public ListIterator<E> listIterator(int index) {
    ref.checkOpen();
    return super.listIterator(index);
  }

  @Override
  public List<E> subList(int fromIndex, int toIndex) {
    ref.checkOpen();
    return super.subList(fromIndex, toIndex);
  }

  @Override
  public List<E> snapshot() {
    Object[] stored = rawElements();
    List<E> copy = new ArrayList<>(stored.length);
    for (Object element : stored) {
      copy.add(out(element));
    }
    return copy;
  }

  @Override
  public Object[] toArray() {
    return snapshot().toArray();
  }

  @Override
  public <T> T[] toArray(T[] array) {
    return snapshot().toArray(array);
  }

  @Override
  public void forEach(Consumer<? super E> action) {
    Objects.requireNonNull(action);
    snapshot().forEach(action);
  }

  @Override
  public Spliterator<E> spliterator() {
    return Spliterators.spliterator(toArray(), Spliterator.ORDERED);
  }

  @Override
  public boolean equals(Object o) {
    if (o == this) {
      return true;
    }
    if (!(o instanceof List)) {
      return false;
    }
    // Compared outside the lock: o may be another shared list, and locking both could deadlock.
    return Arrays.asList(comparableElements()).equals(o);
  }

  @Override
  public int hashCode() {
    return Arrays.asList(comparableElements()).hashCode();
  }

  @Override
  public String toString() {
    return Arrays.asList(comparableElements()).toString();
  }

  private <R> R apply(Function<ArrayList<Object>, R> operation) {
    return ref.apply(stored -> operation.apply(stored.elements));
  }

  /** The stored elements; they may be read but must not leave this class uncopied. */
  private Object[] rawElements() {
    return apply(ArrayList::toArray);
  }

  /** The stored elements as they compare and print, references as live objects; not to be handed out. */
  private Object[] comparableElements() {
    Object[] elements = rawElements();
    for (int i = 0; i < elements.length; i++) {
      elements[i] = ref.comparable(elements[i]);
    }
    return elements;
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

  @SuppressWarnings("unchecked")
  private static <T> T uncheckedCast(Object value) {
    return (T) value;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Comparator<Object> naturalOrder() {
    return (a, b) -> ((Comparable) a).compareTo(b);
  }
}
