package io.sharedobjects.inmemory;

import io.sharedobjects.SharedBarrier;
import io.sharedobjects.SynchronizerRules;
import io.sharedobjects.inmemory.BarrierState.Generation;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The in-memory {@link SharedBarrier}: a {@link java.util.concurrent.CyclicBarrier} shared by the peers of
 * one {@link InMemorySharedObjects} family by name, a peer standing for a process.
 *
 * <p>A waiter that times out or is interrupted, a {@link #reset()}, and the close of a peer one of whose
 * threads waits (its process "died") break the current generation: its waiters fail with {@link
 * BrokenBarrierException} (the closed peer's own waiter with {@link
 * io.sharedobjects.SharedObjectsClosedException}), and so does every later {@code await} until {@code
 * reset()}. {@link #destroy()} breaks the generation too, and the name starts again with a new barrier.
 * Which waiting thread is woken first is not specified: no fairness is promised.
 *
 * <p><b>Thread safety:</b> thread-safe; every operation is atomic.
 */
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
  public int await() throws InterruptedException, BrokenBarrierException {
    try {
      return await(-1);
    } catch (TimeoutException impossible) {
      throw new AssertionError("an untimed await timed out", impossible);
    }
  }

  @Override
  public int await(long time, TimeUnit unit) throws InterruptedException, BrokenBarrierException, TimeoutException {
    return await(Math.max(0, unit.toNanos(time)));
  }

  @Override
  public int parties() {
    return parties;
  }

  @Override
  public int numberWaiting() {
    return ref.apply(BarrierState::numberWaiting);
  }

  @Override
  public boolean isBroken() {
    return ref.apply(BarrierState::isBroken);
  }

  @Override
  public void reset() {
    ref.apply(state -> {
      state.reset();
      return null;
    });
  }

  @Override
  public String toString() {
    return "SharedBarrier '" + ref.name() + "' (" + parties + " parties)";
  }

  /** Waits for the other parties at most {@code timeoutNanos}, forever if negative. */
  private int await(long timeoutNanos) throws InterruptedException, BrokenBarrierException, TimeoutException {
    long deadline = System.nanoTime() + Math.max(0, timeoutNanos);
    while (true) {
      BarrierState state = ref.current();
      synchronized (state) {
        ref.checkOpen();
        if (state.destroyed) {
          continue;
        }
        Generation generation = state.current();
        if (generation.broken) {
          throw broken();
        }
        if (Thread.interrupted()) {
          state.breakCurrent();
          throw new InterruptedException();
        }
        int index = state.parties() - 1 - generation.waiting.size();
        if (index == 0) {
          state.pass();
          return 0;
        }
        generation.waiting.add(ref.owner());
        return wait(state, generation, index, timeoutNanos, deadline);
      }
    }
  }

  /** Waits, holding {@code state}'s monitor, until {@code generation} ends or the time runs out. */
  private int wait(BarrierState state, Generation generation, int index, long timeoutNanos, long deadline)
      throws InterruptedException, BrokenBarrierException, TimeoutException {
    while (true) {
      try {
        if (timeoutNanos < 0) {
          state.wait();
        } else {
          long left = deadline - System.nanoTime();
          if (left > 0) {
            TimeUnit.NANOSECONDS.timedWait(state, left);
          }
        }
      } catch (InterruptedException e) {
        if (!generation.broken && !generation.passed) {
          state.breakCurrent();
          throw e;
        }
        // It ended before the interrupt was seen: report how, and keep the interrupt for the caller.
        Thread.currentThread().interrupt();
      }
      // A closed instance's waiter fails as its calls do; closing broke the generation for the others.
      ref.checkOpen();
      if (generation.broken) {
        throw broken();
      }
      if (generation.passed) {
        return index;
      }
      if (timeoutNanos >= 0 && deadline - System.nanoTime() <= 0) {
        state.breakCurrent();
        throw new TimeoutException("Barrier '" + ref.name() + "': the other parties did not all arrive in time;"
            + " the barrier is now broken for every waiter. Call reset() before using it again.");
      }
    }
  }

  private BrokenBarrierException broken() {
    return new BrokenBarrierException("Barrier '" + ref.name() + "' is broken (a waiter timed out, was"
        + " interrupted or went away, or it was reset or destroyed); call reset() before using it again.");
  }
}
