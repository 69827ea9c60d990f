package io.sharedobjects.inmemory;

import io.sharedobjects.SharedValue;
import io.sharedobjects.inmemory.InMemoryStore.StoredValue;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The in-memory {@link SharedValue}: one value shared by name with every peer, copied on the way in and on
 * the way out (see {@link InMemorySharedObjects} for what can be stored).
 *
 * <p><b>Atomicity:</b> every operation is atomic. A function passed to {@link #updateAndGet} or {@link
 * #getAndUpdate} runs once, while the value is locked against every other thread and peer, on a copy of the
 * current value; it should be quick and must not wait for other threads that use this value. A refused
 * result leaves the value unchanged.
 *
 * <p><b>Thread safety:</b> thread-safe. After the owning {@link InMemorySharedObjects} is closed, every
 * method but {@link #name()} fails with {@link io.sharedobjects.SharedObjectsClosedException}.
 *
 * @param <T> value type
 */
public final class InMemorySharedValue<T> implements SharedValue<T> {

  private final StoredRef<StoredValue> ref;

  InMemorySharedValue(StoredRef<StoredValue> ref) {
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
  public T get() {
    return out(ref.apply(stored -> stored.value));
  }

  @Override
  public void set(T value) {
    Object copy = in(value);
    ref.apply(stored -> {
      stored.value = copy;
      return null;
    });
  }

  @Override
  public T getAndSet(T value) {
    Object copy = in(value);
    return out(ref.apply(stored -> {
      Object old = stored.value;
      ref.verify(old); // so a getAndSet that would return what it cannot read changes nothing
      stored.value = copy;
      return old;
    }));
  }

  @Override
  public boolean compareAndSet(T expected, T update) {
    // Both are copied, so an unstorable expected value fails here as it does on Hazelcast.
    Object expectedCopy = in(expected);
    Object copy = in(update);
    return ref.apply(stored -> {
      if (!Objects.equals(stored.value, expectedCopy)) {
        return false;
      }
      stored.value = copy;
      return true;
    });
  }

  @Override
  public T updateAndGet(UnaryOperator<T> update) {
    Objects.requireNonNull(update, "update");
    return ref.apply(stored -> {
      T next = update.apply(out(stored.value));
      stored.value = in(next);
      return next;
    });
  }

  @Override
  public T getAndUpdate(UnaryOperator<T> update) {
    Objects.requireNonNull(update, "update");
    return ref.apply(stored -> {
      Object old = stored.value;
      stored.value = in(update.apply(out(old)));
      return out(old);
    });
  }

  /** As {@code AtomicReference}: the current value's {@code toString}. */
  @Override
  public String toString() {
    return String.valueOf(get());
  }

  /** A copy of a value on its way in, sealed with the owner's authKey, if any (see {@link StoredRef#toStored}). */
  private Object in(Object value) {
    return ref.toStored(value);
  }

  /** A copy of the stored value on its way out, verified against the owner's authKey. */
  private <T> T out(Object stored) {
    return ref.fromStored(stored);
  }
}
