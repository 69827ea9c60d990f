package io.sharedobjects.inmemory;

import io.sharedobjects.AbstractSharedCondition;
import io.sharedobjects.SharedCondition;
import io.sharedobjects.SharedLock;
import java.util.concurrent.TimeUnit;

/**
 * The in-memory {@link SharedCondition}: waiters queue on the lock's {@link LockState} by condition name and
 * wait on its monitor, so the same lock and name reach the same condition through every peer. A waiter
 * gives the lock up entirely, waits to be signalled (or for its time, an interrupt, the close of its
 * {@link InMemorySharedObjects}), then takes the lock back as a fresh acquisition with a new fencing token
 * and its earlier hold count. Destroying the lock wakes its waiters, which take the new lock of the name.
 *
 * <p><b>Thread safety:</b> thread-safe.
 */
final class InMemorySharedCondition extends AbstractSharedCondition {

  private final InMemorySharedLock lock;
  private final StoredRef<LockState> ref;

  InMemorySharedCondition(InMemorySharedLock lock, StoredRef<LockState> ref, String name) {
    super(lock, name);
    this.lock = lock;
    this.ref = ref;
  }

  @Override
  public void signal() {
    ref.apply(state -> {
      state.signal(ref.owner(), Thread.currentThread(), ref.name(), name(), false);
      return null;
    });
  }

  @Override
  public void signalAll() {
    ref.apply(state -> {
      state.signal(ref.owner(), Thread.currentThread(), ref.name(), name(), true);
      return null;
    });
  }

  /**
   * Gives up the lock, waits up to {@code timeoutNanos} (forever if negative) and takes the lock back,
   * whatever ended the wait. A non-interruptible wait keeps an interrupt for the caller's thread.
   */
  @Override
  protected Outcome waitOut(long timeoutNanos, boolean interruptible) throws InterruptedException {
    long deadline = System.nanoTime() + Math.max(0, timeoutNanos);
    boolean interrupted = false;
    LockState state = ref.current();
    LockState.Waiter waiter;
    Outcome outcome = Outcome.SIGNALLED;
    synchronized (state) {
      ref.checkOpen();
      waiter = state.startWaiting(ref.owner(), Thread.currentThread(), ref.name(), name());
      try {
        while (!waiter.signalled) {
          ref.checkOpen();
          long left = deadline - System.nanoTime();
          if (timeoutNanos >= 0 && left <= 0) {
            outcome = Outcome.TIMED_OUT;
            break;
          }
          try {
            if (timeoutNanos < 0) {
              state.wait();
            } else {
              TimeUnit.NANOSECONDS.timedWait(state, left);
            }
          } catch (InterruptedException e) {
            if (interruptible && !waiter.signalled) {
              outcome = Outcome.INTERRUPTED;
              break;
            }
            interrupted = true;
          }
        }
      } finally {
        // Timed out, interrupted or closed: leave the queue under the monitor, so no signal is lost on us.
        if (!waiter.signalled) {
          state.stopWaiting(name(), waiter);
        }
      }
    }
    lock.takeBack(waiter.holds);
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return outcome;
  }
}
