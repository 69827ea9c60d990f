package io.sharedobjects.inmemory;

import io.sharedobjects.SharedSemaphore;
import io.sharedobjects.SynchronizerRules;
import java.util.concurrent.TimeUnit;

/** Placeholder: the in-memory {@link SharedSemaphore}, not built yet. */
public final class InMemorySharedSemaphore implements SharedSemaphore {

  private final StoredRef<SemaphoreState> ref;
  private final int permits;

  InMemorySharedSemaphore(StoredRef<SemaphoreState> ref, int permits) {
    this.ref = ref;
    this.permits = SynchronizerRules.checkSame("semaphore", ref.name(), "permits",
        ref.apply(state -> state.fix(permits)), permits);
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
  public void acquire() {
    throw new UnsupportedOperationException("not built yet");
  }

  @Override
  public boolean tryAcquire() {
    throw new UnsupportedOperationException("not built yet");
  }

  @Override
  public boolean tryAcquire(long time, TimeUnit unit) {
    throw new UnsupportedOperationException("not built yet");
  }

  @Override
  public void release() {
    throw new UnsupportedOperationException("not built yet");
  }

  @Override
  public int availablePermits() {
    throw new UnsupportedOperationException("not built yet");
  }

  @Override
  public int permits() {
    return permits;
  }
}
