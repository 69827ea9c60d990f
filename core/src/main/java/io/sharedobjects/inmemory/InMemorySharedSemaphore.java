package io.sharedobjects.inmemory;

import io.sharedobjects.SharedSemaphore;
import io.sharedobjects.SynchronizerRules;
import java.util.concurrent.TimeUnit;

/**
 * The in-memory {@link SharedSemaphore}: permits belong to the {@link InMemorySharedObjects} they were taken
 * through (a peer stands for another process), whichever of its threads took them; any thread of that
 * instance may release them, and closing it gives them back, as a process's death does.
 *
 * <p>Waiting is not fair. Closing the instance makes its waiting threads fail with {@link
 * io.sharedobjects.SharedObjectsClosedException}. {@link #destroy()} frees every permit and forgets the
 * number: the name starts again as a new semaphore whose first creator fixes its permits; a former holder's
 * {@code release()} then fails with {@link IllegalStateException}.
 *
 * <p><b>Thread safety:</b> thread-safe; every operation is atomic.
 */
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
  public void acquire() throws InterruptedException {
    take(-1);
  }

  @Override
  public boolean tryAcquire() {
    return ref.apply(state -> fixed(state).tryTake(ref.owner()));
  }

  @Override
  public boolean tryAcquire(long time, TimeUnit unit) throws InterruptedException {
    return take(Math.max(0, unit.toNanos(time)));
  }

  @Override
  public void release() {
    ref.apply(state -> {
      fixed(state).release(ref.owner(), ref.name());
      return null;
    });
  }

  @Override
  public int availablePermits() {
    return ref.apply(state -> fixed(state).available());
  }

  @Override
  public int permits() {
    return permits;
  }

  @Override
  public String toString() {
    return "SharedSemaphore '" + ref.name() + "' [permits=" + permits + "]";
  }

  /**
   * The state with its number fixed: a destroyed semaphore's new incarnation is fixed by the first proxy
   * that uses it, as a new creator would.
   */
  private SemaphoreState fixed(SemaphoreState state) {
    state.fix(permits);
    return state;
  }

  /** Takes a permit, waiting up to {@code timeoutNanos} (forever if negative); returns whether it did. */
  private boolean take(long timeoutNanos) throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    long deadline = System.nanoTime() + Math.max(0, timeoutNanos);
    while (true) {
      SemaphoreState state = ref.current();
      synchronized (state) {
        // Checked under the monitor: close() gives back this instance's permits under it, so none outlives close.
        ref.checkOpen();
        if (state.destroyed) {
          continue;
        }
        if (fixed(state).tryTake(ref.owner())) {
          return true;
        }
        if (timeoutNanos < 0) {
          state.wait();
        } else {
          long remaining = deadline - System.nanoTime();
          if (remaining <= 0) {
            return false;
          }
          TimeUnit.NANOSECONDS.timedWait(state, remaining);
        }
      }
    }
  }
}
