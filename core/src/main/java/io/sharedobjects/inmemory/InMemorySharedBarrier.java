package io.sharedobjects.inmemory;

import io.sharedobjects.SharedBarrier;
import io.sharedobjects.SynchronizerRules;
import java.util.concurrent.TimeUnit;

/** Placeholder: the in-memory {@link SharedBarrier}, not built yet. */
public final class InMemorySharedBarrier implements SharedBarrier {

  private final StoredRef<BarrierState> ref;
  private final int parties;

  InMemorySharedBarrier(StoredRef<BarrierState> ref, int parties) {
    this.ref = ref;
    this.parties = SynchronizerRules.checkSame("barrier", ref.name(), "parties",
        ref.apply(state -> state.fix(parties)), parties);
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
  public int await() {
    throw new UnsupportedOperationException("not built yet");
  }

  @Override
  public int await(long time, TimeUnit unit) {
    throw new UnsupportedOperationException("not built yet");
  }

  @Override
  public int parties() {
    return parties;
  }

  @Override
  public int numberWaiting() {
    throw new UnsupportedOperationException("not built yet");
  }

  @Override
  public boolean isBroken() {
    throw new UnsupportedOperationException("not built yet");
  }

  @Override
  public void reset() {
    throw new UnsupportedOperationException("not built yet");
  }
}
