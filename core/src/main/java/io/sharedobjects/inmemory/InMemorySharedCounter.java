package io.sharedobjects.inmemory;

import io.sharedobjects.SharedCounter;
import io.sharedobjects.inmemory.InMemoryStore.StoredCounter;

/**
 * The in-memory {@link SharedCounter}: one {@code long} shared by name with every peer, 0 when new.
 *
 * <p><b>Thread safety:</b> thread-safe; every operation is atomic. After the owning {@link
 * InMemorySharedObjects} is closed, every method but {@link #name()} fails with {@link
 * io.sharedobjects.SharedObjectsClosedException}.
 */
public final class InMemorySharedCounter implements SharedCounter {

  private final StoredRef<StoredCounter> ref;

  InMemorySharedCounter(StoredRef<StoredCounter> ref) {
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
  public long get() {
    return ref.apply(counter -> counter.value);
  }

  @Override
  public void set(long value) {
    ref.apply(counter -> {
      counter.value = value;
      return null;
    });
  }

  @Override
  public long incrementAndGet() {
    return addAndGet(1);
  }

  @Override
  public long decrementAndGet() {
    return addAndGet(-1);
  }

  @Override
  public long addAndGet(long delta) {
    return ref.apply(counter -> counter.value += delta);
  }

  @Override
  public long getAndAdd(long delta) {
    return addAndGet(delta) - delta;
  }

  @Override
  public boolean compareAndSet(long expected, long update) {
    return ref.apply(counter -> {
      if (counter.value != expected) {
        return false;
      }
      counter.value = update;
      return true;
    });
  }

  /** As {@code AtomicLong}: the current value in decimal. */
  @Override
  public String toString() {
    return Long.toString(get());
  }
}
