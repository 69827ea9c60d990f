package io.sharedobjects;

import java.util.List;

/**
 * A list shared by every process that asks for it by the same name: a real {@link List}.
 *
 * <p><b>Nulls:</b> null elements are stored and returned, as in Python's list and {@link java.util.ArrayList}.
 *
 * <p><b>Copies, not references:</b> elements are stored as copies and an element read is a copy; changing
 * it changes nothing shared until it is written back with {@link #set}.
 *
 * <p><b>Atomicity:</b> every single operation ({@code add}, {@code get}, {@code set}, {@code remove},
 * {@code addAll}, {@code clear}, ...) is atomic, and {@code addAll} is one round trip. Compound operations
 * ({@link #reverse()}, {@code sort}, {@code replaceAll}, {@code removeIf}) are correct when no one else
 * writes meanwhile but are <em>not</em> atomic against other writers: hold a {@link SharedLock} that all
 * writers agree on (for example {@code shared.lock(list.name())}) to make them so.
 *
 * <p><b>Views:</b> {@link #subList}, {@link #iterator()} and {@link #listIterator()} write through to the
 * shared list; iterators are not fail-fast across processes.
 *
 * <p><b>Thread safety:</b> thread-safe. {@link #equals}, {@link #hashCode} and {@link Object#toString toString} follow the
 * {@link List} contract and describe the contents, not the proxy.
 *
 * @param <E> element type
 */
public interface SharedList<E> extends List<E>, SharedObject {

  /** Reverses the list in place, as Python's {@code list.reverse()}; not atomic against other writers. */
  void reverse();

  /** Returns a private {@link java.util.ArrayList} copy of the current contents. */
  List<E> snapshot();

  /**
   * Returns the element at {@code index} as a {@code type} (null if the element is null); see {@link
   * SharedDict#get(Object, Class)} for why.
   *
   * @throws IndexOutOfBoundsException if {@code index} is out of range
   * @throws WrongTypeException if the element is not a {@code type}, naming the list, the index, the
   *     expected and the actual class; nothing stored changes
   */
  default <T> T get(int index, Class<T> type) {
    return WrongTypeException.check(get(index), type, "list '" + name() + "', index " + index + ",");
  }
}
