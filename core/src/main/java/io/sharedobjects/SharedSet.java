package io.sharedobjects;

import java.util.Set;

/**
 * A set shared by every process that asks for it by the same name: a real {@link Set}, Python's
 * {@code manager.set()}.
 *
 * <p><b>Nulls:</b> one null element is stored and returned, as in {@link java.util.HashSet}.
 *
 * <p><b>Copies, not references:</b> elements are stored as copies and an element read is a copy. Elements
 * are compared as dict keys are (see {@link SharedDict}): a class must serialize equal elements identically,
 * as all JDK value types, strings, numbers and records of them do.
 *
 * <p><b>What can be stored:</b> as in {@link SharedDict}; an element that cannot be stored fails at the call
 * with {@link NotStorableException}, one over the size limit with {@link ValueTooLargeException}, and
 * nothing stored changes, even when it is one element among others given to {@code addAll}.
 *
 * <p><b>Atomicity:</b> every single operation is atomic across processes: of many processes adding the same
 * element, exactly one {@code add} returns true; of many removing it, exactly one {@code remove} does.
 * {@code addAll}, {@code removeAll}, {@code retainAll}, {@code containsAll} and {@code clear} are one round
 * trip each and atomic as a whole: another process sees all of their change or none of it. {@code removeIf}
 * reads the set, runs the filter here and removes what it matched: it is not atomic against other writers
 * (an element added meanwhile is not tested; hold a {@link SharedLock} all writers agree on to make it so).
 *
 * <p><b>Iteration:</b> {@link #iterator()} reads the elements present when it starts, never throws
 * {@link java.util.ConcurrentModificationException}, and its {@code remove} removes the last element from
 * the shared set. A backend may read the whole set at the start of each iteration (the Hazelcast one does:
 * see its documentation for what that costs); {@link #toArray()}, {@code stream()} and {@code forEach} read
 * it once, too.
 *
 * <p><b>Thread safety:</b> thread-safe. {@link #equals}, {@link #hashCode} and {@link Object#toString toString} follow the
 * {@link Set} contract and describe the contents, not the proxy; {@code toString} prints the elements in
 * iteration order.
 *
 * @param <E> element type
 */
public interface SharedSet<E> extends Set<E>, SharedObject {

  /** Returns a private {@link java.util.HashSet} copy of the current elements (a null element kept). */
  Set<E> snapshot();
}
