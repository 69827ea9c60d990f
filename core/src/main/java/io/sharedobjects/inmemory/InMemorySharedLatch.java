package io.sharedobjects.inmemory;

import io.sharedobjects.SharedLatch;
import io.sharedobjects.SynchronizerRules;
import java.util.concurrent.TimeUnit;

/** Placeholder: the in-memory {@link SharedLatch}, not built yet. */
public final class InMemorySharedLatch implements SharedLatch {

  private final StoredRef<LatchState> ref;

  InMemorySharedLatch(StoredRef<LatchState> ref, int count) {
    this.ref = ref;
    SynchronizerRules.checkSame("latch", ref.name(), "count", ref.apply(state -> state.fix(count)), count);
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
  public void countDown() {
    throw new UnsupportedOperationException("not built yet");
  }

  @Override
  public long count() {
    throw new UnsupportedOperationException("not built yet");
  }

  @Override
  public void await() {
    throw new UnsupportedOperationException("not built yet");
  }

  @Override
  public boolean await(long time, TimeUnit unit) {
    throw new UnsupportedOperationException("not built yet");
  }
}
