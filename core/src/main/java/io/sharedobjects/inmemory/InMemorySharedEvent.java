package io.sharedobjects.inmemory;

import io.sharedobjects.SharedEvent;
import java.util.concurrent.TimeUnit;

/**
 * The in-memory {@link SharedEvent}: a flag in the {@link InMemoryStore} shared by the peers of one {@link
 * InMemorySharedObjects}. Waiting threads wait on the stored state's monitor and wake at every change; a
 * waiter returns true once the event is set, or was set at any moment since it began waiting (counted by
 * {@link EventState#sets}), as Python's {@code Event.wait}.
 *
 * <p><b>Thread safety:</b> thread-safe; every operation is atomic under the state's monitor. After the owning
 * instance is closed, every call, waiting ones included, fails with {@link
 * io.sharedobjects.SharedObjectsClosedException}. {@link #destroy()} clears the event for every peer; the
 * name works again as a new, clear event.
 */
public final class InMemorySharedEvent implements SharedEvent {

  private final StoredRef<EventState> ref;

  InMemorySharedEvent(StoredRef<EventState> ref) {
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
  public void set() {
    ref.apply(state -> {
      if (!state.set) {
        state.set = true;
        state.sets++;
        state.notifyAll();
      }
      return null;
    });
  }

  @Override
  public void clear() {
    ref.apply(state -> {
      state.set = false;
      return null;
    });
  }

  @Override
  public boolean isSet() {
    return ref.apply(state -> state.set);
  }

  @Override
  public void await() throws InterruptedException {
    awaitSet(-1);
  }

  @Override
  public boolean await(long time, TimeUnit unit) throws InterruptedException {
    return awaitSet(Math.max(0, unit.toNanos(time)));
  }

  /** Waits until the event is set or was set since the wait began, at most {@code nanos} (no bound if negative). */
  private boolean awaitSet(long nanos) throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    long deadline = System.nanoTime() + Math.max(0, nanos);
    EventState seenState = null;
    long seenSets = 0;
    while (true) {
      EventState state = ref.current();
      synchronized (state) {
        // Checked under the monitor: close() wakes this instance's waiting threads under it, so they fail.
        ref.checkOpen();
        if (state.destroyed) {
          continue;
        }
        if (state != seenState) {
          // The first look, or a new incarnation after a destroy: count the sets from here.
          seenState = state;
          seenSets = state.sets;
        }
        if (state.set || state.sets != seenSets) {
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
