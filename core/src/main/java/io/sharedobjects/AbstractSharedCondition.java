package io.sharedobjects;

import java.util.Date;
import java.util.concurrent.TimeUnit;

/**
 * The skeleton of a {@link SharedCondition} for backends: every form of {@code await} comes from one wait,
 * {@link #waitOut}, as {@code AbstractMap} builds a map from its entry set. A backend implements the wait
 * (give up the lock, wait, take the lock back), {@code signal} and {@code signalAll}.
 *
 * <p>An interrupted thread's {@code await} throws at once, before anything changes, with the lock still
 * held, as {@code ReentrantLock}'s conditions do. Thread safety is the subclass's; this class has no state
 * but the condition's name and lock.
 */
public abstract class AbstractSharedCondition implements SharedCondition {

  /** How a wait ended. */
  protected enum Outcome { SIGNALLED, TIMED_OUT, INTERRUPTED }

  private final SharedLock lock;
  private final String name;

  protected AbstractSharedCondition(SharedLock lock, String name) {
    this.lock = lock;
    this.name = name;
  }

  /**
   * Gives up the lock, waits up to {@code timeoutNanos} (forever if negative) and takes the lock back,
   * whatever ended the wait. A non-interruptible wait keeps an interrupt for the caller's thread.
   *
   * @return how the wait ended; {@link Outcome#INTERRUPTED} only if {@code interruptible}
   */
  protected abstract Outcome waitOut(long timeoutNanos, boolean interruptible) throws InterruptedException;

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final SharedLock sharedLock() {
    return lock;
  }

  @Override
  public final void await() throws InterruptedException {
    waitInterruptibly(-1);
  }

  @Override
  public final void awaitUninterruptibly() {
    try {
      waitOut(-1, false);
    } catch (InterruptedException impossible) {
      throw new AssertionError("a non-interruptible wait threw InterruptedException", impossible);
    }
  }

  @Override
  public final long awaitNanos(long nanosTimeout) throws InterruptedException {
    long deadline = System.nanoTime() + Math.max(0, nanosTimeout);
    waitInterruptibly(Math.max(0, nanosTimeout));
    return deadline - System.nanoTime();
  }

  @Override
  public final boolean await(long time, TimeUnit unit) throws InterruptedException {
    return waitInterruptibly(Math.max(0, unit.toNanos(time))) == Outcome.SIGNALLED;
  }

  @Override
  public final boolean awaitUntil(Date deadline) throws InterruptedException {
    long millis = deadline.getTime() - System.currentTimeMillis();
    return waitInterruptibly(TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis))) == Outcome.SIGNALLED;
  }

  @Override
  public String toString() {
    return "SharedCondition '" + name + "' of lock '" + lock.name() + "'";
  }

  private Outcome waitInterruptibly(long timeoutNanos) throws InterruptedException {
    if (Thread.interrupted()) {
      // As ReentrantLock's condition: thrown before anything changes, the lock still held.
      throw new InterruptedException();
    }
    Outcome outcome = waitOut(timeoutNanos, true);
    if (outcome == Outcome.INTERRUPTED) {
      throw new InterruptedException();
    }
    return outcome;
  }
}
