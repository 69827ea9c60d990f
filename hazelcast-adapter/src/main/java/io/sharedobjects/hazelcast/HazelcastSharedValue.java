package io.sharedobjects.hazelcast;

import io.sharedobjects.SharedValue;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * What both value backends share: every operation built from four atomic steps on the value's stored bytes
 * ({@link StoredForm#toBytes}; null for no value), which {@link MapSharedValue} and {@link CpSharedValue}
 * provide. Holding bytes rather than the value makes compare-and-set exact: the bytes read are the bytes
 * compared, while a deserialized value serialized again may differ from what was stored.
 *
 * <p>Every call, a plain {@link #get()} included, needs a majority of a declared cluster size ({@link
 * ObjectContext#synchronizerCalls}): members refuse the internal maps to a minority, reads included, so the
 * refusal is this library's typed one, at once, rather than Hazelcast's once it notices.
 */
abstract class HazelcastSharedValue<T> implements SharedValue<T> {

  final String name;
  private final Calls calls;
  private final StoredForm storedForm;

  HazelcastSharedValue(ObjectContext context, String name) {
    this.name = name;
    this.calls = context.synchronizerCalls("value '" + name + "'");
    this.storedForm = context.storedForm().of("value", name);
  }

  /** The stored bytes now, or null if the value is null. */
  abstract byte[] current();

  /** Replaces {@code expected} by {@code next} if the stored bytes are still {@code expected}. */
  abstract boolean swap(byte[] expected, byte[] next);

  /** Stores {@code next} and returns the bytes it replaced. */
  abstract byte[] exchange(byte[] next);

  /** Stores {@code next}. */
  abstract void write(byte[] next);

  @Override
  public final String name() {
    return name;
  }

  /** Sets the value back to null for every process, as a new value is. */
  @Override
  public void destroy() {
    calls.run(() -> write(null));
  }

  @Override
  public final T get() {
    return storedForm.fromBytes(calls.call(this::current));
  }

  @Override
  public final void set(T value) {
    byte[] next = storedForm.toBytes(value);
    calls.run(() -> write(next));
  }

  @Override
  public final T getAndSet(T value) {
    byte[] next = storedForm.toBytes(value);
    return storedForm.fromBytes(calls.call(() -> exchange(next)));
  }

  /**
   * One round trip when {@code expected} serializes to the stored bytes (the usual case). Otherwise the
   * value is read and compared by {@code equals}, and if equal, its bytes as read are swapped.
   */
  @Override
  public final boolean compareAndSet(T expected, T update) {
    byte[] expectedBytes = storedForm.toBytes(expected);
    byte[] next = storedForm.toBytes(update);
    if (calls.call(() -> swap(expectedBytes, next))) {
      return true;
    }
    while (true) {
      byte[] current = calls.call(this::current);
      if (!Objects.equals(storedForm.fromBytes(current), expected)) {
        return false;
      }
      if (calls.call(() -> swap(current, next))) {
        return true;
      }
    }
  }

  @Override
  public final T updateAndGet(UnaryOperator<T> update) {
    return update(update, true);
  }

  @Override
  public final T getAndUpdate(UnaryOperator<T> update) {
    return update(update, false);
  }

  /**
   * Reads, applies {@code update} to a copy, and swaps the bytes read for the result's: two round trips,
   * repeated while another process changed the value in between. The function gets a copy of its own, so
   * changing it in place cannot change what the swap expects, nor the old value {@link #getAndUpdate}
   * returns.
   */
  private T update(UnaryOperator<T> update, boolean returnNew) {
    Objects.requireNonNull(update, "update");
    while (true) {
      byte[] current = calls.call(this::current);
      T next = update.apply(storedForm.fromBytes(current));
      byte[] nextBytes = storedForm.toBytes(next);
      if (calls.call(() -> swap(current, nextBytes))) {
        return returnNew ? next : storedForm.fromBytes(current);
      }
    }
  }

  /** As {@code AtomicReference}: the current value's {@code toString}. */
  @Override
  public String toString() {
    return String.valueOf(get());
  }
}
