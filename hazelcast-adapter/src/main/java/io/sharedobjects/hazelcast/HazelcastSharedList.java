package io.sharedobjects.hazelcast;

import com.hazelcast.collection.IList;
import com.hazelcast.core.HazelcastInstance;
import io.sharedobjects.SharedList;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A {@link SharedList} on a Hazelcast {@code IList} of the same name, which keeps the whole list in one
 * partition (one member and its backup). Elements are written and read through {@link StoredForm} (nulls as
 * its marker), serialized and checked before any call. Compound operations read
 * the list once and write back only the positions that change, so an element appended meanwhile by another
 * writer is never lost.
 */
final class HazelcastSharedList<E> extends AbstractList<E> implements SharedList<E> {

  private final HazelcastInstance instance;
  private final Calls calls;
  private final StoredForm storedForm;
  private final String name;
  private volatile IList<Object> list;

  HazelcastSharedList(ObjectContext context, String name) {
    this.instance = context.instance();
    this.calls = context.dataCalls("list '" + name + "'");
    this.storedForm = context.storedForm().of("list", name);
    this.name = name;
    this.list = instance.getList(name);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void destroy() {
    calls.run(() -> list.destroy());
    // A fresh proxy is created on the cluster: a remote call for a client, so bounded and typed too.
    list = calls.call(() -> instance.getList(name));
  }

  @Override
  public int size() {
    return calls.call(() -> list.size());
  }

  @Override
  public boolean isEmpty() {
    return calls.call(() -> list.isEmpty());
  }

  @Override
  public E get(int index) {
    return read(calls.call(() -> list.get(index)));
  }

  @Override
  public E set(int index, E element) {
    Object e = stored(element);
    return read(calls.call(() -> list.set(index, e)));
  }

  @Override
  public boolean add(E element) {
    Object e = stored(element);
    return calls.call(() -> list.add(e));
  }

  @Override
  public void add(int index, E element) {
    checkInsertIndex(index);
    Object e = stored(element);
    calls.run(() -> list.add(index, e));
  }

  @Override
  public E remove(int index) {
    return read(calls.call(() -> list.remove(index)));
  }

  /**
   * While a key rotation is under way, an element sealed with the current key is removed first, else one
   * sealed with the previous key: the first of either, not necessarily the first of the list.
   */
  @Override
  public boolean remove(Object element) {
    Object e = stored(element);
    if (calls.call(() -> list.remove(e))) {
      return true;
    }
    Object old = storedForm.toOtherStored(element);
    return old != null && calls.call(() -> list.remove(old));
  }

  @Override
  public boolean contains(Object element) {
    Object e = stored(element);
    if (calls.call(() -> list.contains(e))) {
      return true;
    }
    Object old = storedForm.toOtherStored(element);
    return old != null && calls.call(() -> list.contains(old));
  }

  @Override
  public int indexOf(Object element) {
    Object e = stored(element);
    int index = calls.call(() -> list.indexOf(e));
    Object old = storedForm.toOtherStored(element);
    if (old == null) {
      return index;
    }
    int previous = calls.call(() -> list.indexOf(old));
    return index < 0 ? previous : previous < 0 ? index : Math.min(index, previous);
  }

  @Override
  public int lastIndexOf(Object element) {
    Object e = stored(element);
    int index = calls.call(() -> list.lastIndexOf(e));
    Object old = storedForm.toOtherStored(element);
    return old == null ? index : Math.max(index, calls.call(() -> list.lastIndexOf(old)));
  }

  @Override
  public boolean addAll(Collection<? extends E> elements) {
    List<Object> stored = wrapAll(elements);
    return !stored.isEmpty() && calls.call(() -> list.addAll(stored));
  }

  @Override
  public boolean addAll(int index, Collection<? extends E> elements) {
    checkInsertIndex(index);
    List<Object> stored = wrapAll(elements);
    if (stored.isEmpty()) {
      if (index < 0 || index > size()) {
        throw new IndexOutOfBoundsException("Index: " + index);
      }
      return false;
    }
    return calls.call(() -> list.addAll(index, stored));
  }

  @Override
  public boolean containsAll(Collection<?> elements) {
    List<Object> stored = wrapAll(elements);
    if (storedForm.rotating()) {
      for (Object element : elements) {
        if (!contains(element)) {
          return false;
        }
      }
      return true;
    }
    return calls.call(() -> list.containsAll(stored));
  }

  @Override
  public boolean removeAll(Collection<?> elements) {
    List<Object> stored = lookupForms(wrapAll(elements), elements);
    return !stored.isEmpty() && calls.call(() -> list.removeAll(stored));
  }

  @Override
  public boolean retainAll(Collection<?> elements) {
    List<Object> stored = lookupForms(wrapAll(elements), elements);
    return calls.call(() -> list.retainAll(stored));
  }

  /**
   * The forms under which {@code elements} ({@code stored} as this process stores them) are found: while a
   * key rotation is under way, each also as the previous key sealed it.
   */
  private List<Object> lookupForms(List<Object> stored, Collection<?> elements) {
    if (!storedForm.rotating()) {
      return stored;
    }
    List<Object> forms = new ArrayList<>(stored);
    for (Object element : elements) {
      forms.add(storedForm.toOtherStored(element));
    }
    return forms;
  }

  @Override
  public void clear() {
    calls.run(() -> list.clear());
  }

  @Override
  public List<E> snapshot() {
    List<Object> stored = calls.call(() -> new ArrayList<>(list));
    List<E> copy = new ArrayList<>(stored.size());
    for (Object element : stored) {
      copy.add(read(element));
    }
    return copy;
  }

  // --- compound operations: read once, write back the positions that changed ------------------------------

  @Override
  public void reverse() {
    List<E> elements = snapshot();
    List<E> reversed = new ArrayList<>(elements);
    Collections.reverse(reversed);
    writeBack(elements, reversed);
  }

  @Override
  public void sort(Comparator<? super E> comparator) {
    List<E> elements = snapshot();
    List<E> sorted = new ArrayList<>(elements);
    sorted.sort(comparator);
    writeBack(elements, sorted);
  }

  @Override
  public void replaceAll(UnaryOperator<E> operator) {
    Objects.requireNonNull(operator);
    List<E> elements = snapshot();
    // Every position is written: the operator may have changed an element in place and returned it.
    for (int i = 0; i < elements.size(); i++) {
      set(i, operator.apply(elements.get(i)));
    }
  }

  @Override
  public boolean removeIf(Predicate<? super E> filter) {
    Objects.requireNonNull(filter);
    List<Object> doomed = new ArrayList<>();
    List<E> matching = new ArrayList<>();
    for (E element : snapshot()) {
      if (filter.test(element)) {
        doomed.add(stored(element));
        matching.add(element);
      }
    }
    List<Object> forms = lookupForms(doomed, matching);
    return !forms.isEmpty() && calls.call(() -> list.removeAll(forms));
  }

  private void writeBack(List<E> before, List<E> after) {
    for (int i = 0; i < after.size(); i++) {
      if (!Objects.equals(before.get(i), after.get(i))) {
        set(i, after.get(i));
      }
    }
  }

  @Override
  protected void removeRange(int fromIndex, int toIndex) {
    for (int i = fromIndex; i < toIndex; i++) {
      remove(fromIndex);
    }
  }

  // --- iteration, equality ----------------------------------------------------------------------------

  /**
   * Reads up to {@link Paging#PAGE_SIZE} elements per round trip; {@code remove} deletes the last element by
   * index and keeps the page (its later elements shifted down by one), so removing costs one round trip each.
   * The size is read when the iteration starts and when a page may reach past the size last read. The
   * iteration ends at the end of a page that reached the size read just before it, so elements appended
   * after that read are not seen (weakly consistent); a 10,000-element list costs two round trips.
   */
  @Override
  public Iterator<E> iterator() {
    return new Iterator<>() {
      private List<Object> page = List.of();
      private int pageStart;
      private int cursor;
      private int lastReturned = -1;
      private int knownSize = -1;
      /** The last page was read right after a size read and reached that size: nothing more to read. */
      private boolean atEnd;
      /** Elements of the current page this iterator removed: the page's later elements moved down as many. */
      private int removedInPage;

      @Override
      public boolean hasNext() {
        if (cursor < pageStart + page.size() - removedInPage) {
          return true;
        }
        if (atEnd) {
          return false;
        }
        int from = cursor;
        page = calls.call(() -> {
          if (from + Paging.PAGE_SIZE <= knownSize) {
            try {
              return list.subList(from, from + Paging.PAGE_SIZE);
            } catch (IndexOutOfBoundsException shrunk) {
              // Another writer removed elements meanwhile: read the size again.
            }
          }
          knownSize = list.size();
          int to = Math.min(from + Paging.PAGE_SIZE, knownSize);
          atEnd = to == knownSize;
          return from >= to ? List.of() : list.subList(from, to);
        });
        pageStart = from;
        removedInPage = 0;
        return !page.isEmpty();
      }

      @Override
      public E next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        lastReturned = cursor;
        return read(page.get(cursor++ - pageStart + removedInPage));
      }

      @Override
      public void remove() {
        if (lastReturned < 0) {
          throw new IllegalStateException("next() has not been called, or remove() was already called");
        }
        HazelcastSharedList.this.remove(lastReturned);
        // The page's later elements are now one position lower in the list: keep the page, shifted.
        cursor = lastReturned;
        lastReturned = -1;
        removedInPage++;
        knownSize--;
      }
    };
  }

  @Override
  public boolean equals(Object other) {
    if (other == this) {
      return true;
    }
    if (!(other instanceof List<?> that)) {
      return false;
    }
    return snapshot().equals(that instanceof SharedList<?> shared ? shared.snapshot() : that);
  }

  @Override
  public int hashCode() {
    return snapshot().hashCode();
  }

  @Override
  public String toString() {
    return snapshot().toString();
  }

  /**
   * Rejects a negative insertion index here: Hazelcast's client protocol reads index -1 as "append", so
   * the member would not. Indexes past the end are rejected by the member.
   */
  private static void checkInsertIndex(int index) {
    if (index < 0) {
      throw new IndexOutOfBoundsException("Index: " + index);
    }
  }

  /** The stored form of an element, checked; see {@link StoredForm#toStored}. */
  private Object stored(Object element) {
    return storedForm.toStored(element);
  }

  /** Every element serialized and checked before any is sent, so one bad element changes nothing. */
  private List<Object> wrapAll(Collection<?> elements) {
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
