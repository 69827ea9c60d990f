package io.sharedobjects;

import java.util.function.UnaryOperator;

/**
 * One value shared by every process that asks for it by the same name: an {@link
 * java.util.concurrent.atomic.AtomicReference} across processes, Python's {@code manager.Value} with atomic
 * updates.
 *
 * <p><b>Nulls:</b> a new value holds null until it is set; null may be set, compared and returned.
 *
 * <p><b>Copies, not references:</b> the value is stored as a copy and every read returns a copy; changing
 * it changes nothing shared until it is written back with {@link #set} or an update. What can be stored is
 * what a dict can store ({@link SharedDict}); anything else fails with {@link NotStorableException} and
 * nothing stored changes.
 *
 * <p><b>Atomicity:</b> every operation is atomic across all processes. {@link #compareAndSet} compares by
 * {@code equals}, not by identity (a copy is never the same object). A function passed to {@link
 * #updateAndGet} or {@link #getAndUpdate} gets a copy of the current value and may run more than once under
 * contention, as {@code AtomicReference} allows: it should be free of side effects.
 *
 * <p><b>Partitions:</b> where a cluster size is declared, only a process that sees a majority of it may use
 * the value, reads included; others fail with {@link NoQuorumException}.
 *
 * <p><b>Thread safety:</b> thread-safe.
 *
 * @param <T> value type
 */
public interface SharedValue<T> extends SharedObject {

  /** A copy of the current value; null if none was set. */
  T get();

  /**
   * The current value as a {@code type} (null if it is null); see {@link SharedDict#get(Object, Class)} for
   * why.
   *
   * @throws WrongTypeException if the value is not a {@code type}, naming the value, the expected and the
   *     actual class; nothing stored changes
   */
  default <R> R get(Class<R> type) {
    return WrongTypeException.check(get(), type, "value '" + name() + "'");
  }

  /**
   * Sets the value.
   *
   * @throws NotStorableException if {@code value} cannot be stored; nothing changes
   */
  void set(T value);

  /** Sets the value and returns a copy of the one it replaced (null if none). */
  T getAndSet(T value);

  /**
   * Sets the value to {@code update} if the current value {@code equals} {@code expected} (both null counts
   * as equal).
   *
   * @return whether the value was set
   */
  boolean compareAndSet(T expected, T update);

  /**
   * Sets the value to {@code update.apply(current)} and returns the new value.
   *
   * @throws NullPointerException if {@code update} is null
   * @throws NotStorableException if the function's result cannot be stored; nothing changes
   */
  T updateAndGet(UnaryOperator<T> update);

  /** As {@link #updateAndGet}, returning the value it replaced. */
  T getAndUpdate(UnaryOperator<T> update);
}
