package io.sharedobjects.inmemory;

import io.sharedobjects.SharedLatch;
import io.sharedobjects.SynchronizerRules;
import java.util.concurrent.TimeUnit;

/**
 * The in-memory {@link SharedLatch}: a count in the {@link InMemoryStore} shared by the peers of one {@link
 * InMemorySharedObjects}, fixed by its first creator ({@link InMemoryStore.NumberedState#fix}). Waiting
 * threads wait on the stored state's monitor and wake when the count reaches zero.
 *
 * <p><b>Thread safety:</b> thread-safe; every operation is atomic under the state's monitor. After the owning
 * instance is closed, every call, waiting ones included, fails with {@link
 * io.sharedobjects.SharedObjectsClosedException}. After {@link #destroy()} the name starts again as a new
 * latch: a proxy used afterwards fixes its own count if it comes first.
 */
public final class InMemorySharedLatch implements SharedLatch {

  private final StoredRef<LatchState> ref;
  private final int count;

  InMemorySharedLatch(StoredRef<LatchState> ref, int count) {
    this.ref = ref;
    this.count = count;
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
    ref.apply(state -> {
      state.fix(count);
      if (state.count > 0 && --state.count == 0) {
        state.notifyAll();
      }
      return null;
    });
  }

  @Override
  public long count() {
    return ref.apply(state -> {
      state.fix(count);
      return state.count;
    });
  }

  @Override
  public void await() throws InterruptedException {
    awaitZero(-1);
  }

  @Override
  public boolean await(long time, TimeUnit unit) throws InterruptedException {
    return awaitZero(Math.max(0, unit.toNanos(time)));
  }

  /** Waits until the count is zero, at most {@code nanos} (no bound if negative). */
  private boolean awaitZero(long nanos) throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    long deadline = System.nanoTime() + Math.max(0, nanos);
    while (true) {
      LatchState state = ref.current();
      synchronized (state) {
        // Checked under the monitor: close() wakes this instance's waiting threads under it, so they fail.
        ref.checkOpen();
        if (state.destroyed) {
          continue;
        }
        state.fix(count);
        if (state.count == 0) {
          return true;
        }
        if (nanos < 0) {
          state.wait();
        } else {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return false;
          }
          TimeUnit.NANOSECONDS.timedWait(state, left);
        }
      }
    }
  }
}
