package io.sharedobjects.hazelcast;

import com.hazelcast.cp.ISemaphore;
import io.sharedobjects.SharedSemaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link LockBackend#CP} semaphore: the CP Subsystem's session-aware {@code ISemaphore} named {@code
 * name#permits}, initialized with {@code permits} by its first user. Its permits belong to the Hazelcast
 * instance's CP session, so any thread of the process may release them, and they come back when the
 * session ends (the instance shuts down, or its heartbeats stop for {@code session-time-to-live-seconds}).
 *
 * <p>This proxy also counts the permits taken through it, because several {@code SharedObjects} wrapping one
 * instance share its CP session: a {@code release()} through one that took none fails with {@link
 * IllegalStateException} without asking the cluster, as the map backend's does, and {@link #releaseOnClose()}
 * gives back exactly what was taken through it.
 *
 * <p><b>Destroy:</b> the CP Subsystem refuses every later use of a destroyed name, so {@link #destroy()}
 * gives back this process's permits and forgets the number instead; the name includes the number, so the
 * next creator's semaphore is a fresh one when its number differs. Permits other processes hold on the old
 * one stay theirs until they release them or their session ends.
 *
 * <p>Round trips: each operation is one Raft call. Thread-safe.
 */
final class CpSharedSemaphore implements SharedSemaphore, ReleasedOnClose {

  private final ObjectContext context;
  private final Calls calls;
  private final String name;
  private final int permits;
  private final ISemaphore semaphore;
  /** The longest single wait in the cluster, so that an interrupt is noticed within it. */
  static final long SLICE_MILLIS = 500;

  /** Permits taken through this proxy and not released. */
  private final AtomicInteger held = new AtomicInteger();

  CpSharedSemaphore(ObjectContext context, String name, int permits) {
    this.context = context;
    this.calls = context.synchronizerCalls("semaphore '" + name + "'");
    this.name = name;
    this.permits = permits;
    this.semaphore = context.instance().getCPSubsystem().getSemaphore(name + "#" + permits);
    // False when it was initialized before: by its first creator, with the same number.
    calls.call(() -> semaphore.init(permits));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int permits() {
    return permits;
  }

  @Override
  public void acquire() throws InterruptedException {
    while (!take(Long.MAX_VALUE)) {
      // Waited the longest time; keep waiting, as acquire() must.
    }
  }

  @Override
  public boolean tryAcquire() {
    return counted(calls.call(semaphore::tryAcquire));
  }

  @Override
  public boolean tryAcquire(long time, TimeUnit unit) throws InterruptedException {
    return take(Math.max(0, unit.toNanos(time)));
  }

  @Override
  public void release() {
    context.open().ensureOpen();
    if (held.getAndUpdate(n -> n > 0 ? n - 1 : 0) == 0) {
      throw MapSharedSemaphore.notHeld(name);
    }
    try {
      calls.run(semaphore::release);
    } catch (IllegalStateException lost) {
      // The CP session that held it ended (this process was taken for dead): the permit is gone already.
      throw new IllegalStateException("The permit of semaphore '" + name + "' this process held was given back"
          + " by the cluster before this release: its CP session ended. Another process may have used it"
          + " since; nothing else was changed.", lost);
    } catch (RuntimeException failed) {
      // Unknown whether it was released: still this process's, and release() may be called again.
      held.incrementAndGet();
      throw failed;
    }
  }

  @Override
  public int availablePermits() {
    return calls.call(semaphore::availablePermits);
  }

  /** Gives back what was taken through this proxy; with the instance shut down, its session's end does. */
  @Override
  public void releaseOnClose() {
    int mine = held.getAndSet(0);
    if (mine > 0) {
      try {
        semaphore.release(mine);
      } catch (RuntimeException e) {
        // The session is gone or going, and its permits with it.
      }
    }
  }

  @Override
  public void destroy() {
    int mine = held.getAndSet(0);
    if (mine > 0) {
      calls.run(() -> semaphore.release(mine));
    }
    SynchronizerParameters.forget(context, calls, "semaphore", name);
  }

  @Override
  public String toString() {
    return "CpSharedSemaphore[" + name + ", permits=" + permits + "]";
  }

  /**
   * Waits for a permit at most {@code nanos}, in slices of {@value #SLICE_MILLIS} ms: a Raft call waiting on
   * a member does not heed an interrupt of its caller, so the interrupt is checked between slices. Each
   * slice ends on the member, which answers false at its end, so no grant comes after this call gave up.
   */
  private boolean take(long nanos) throws InterruptedException {
    long deadline = System.nanoTime() + nanos;
    while (true) {
      if (Thread.interrupted()) {
        throw new InterruptedException("interrupted while waiting for a permit of semaphore '" + name + "'");
      }
      long slice = Math.min(TimeUnit.NANOSECONDS.toMillis(Math.max(0, deadline - System.nanoTime())), SLICE_MILLIS);
      if (counted(calls.callInterruptibly(() -> semaphore.tryAcquire(slice, TimeUnit.MILLISECONDS)))) {
        return true;
      }
      if (deadline - System.nanoTime() <= 0) {
        return false;
      }
    }
  }

  private boolean counted(boolean taken) {
    if (taken) {
      held.incrementAndGet();
    }
    return taken;
  }
}
