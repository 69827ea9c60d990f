package io.sharedobjects.hazelcast;

import com.hazelcast.core.HazelcastException;
import io.sharedobjects.SharedObjectsException;
import java.util.function.Supplier;

/**
 * The {@link Calls} of one queue, made safe from interrupts. Hazelcast's client sends a call made by a
 * thread whose interrupt flag is set and then drops its answer: a {@code poll} so made removes an element
 * and returns null, an {@code IMap.replace} is applied and reported as a failure (checked on 5.7.0). So
 * every call here runs with the flag cleared, and the flag is set again after it. An interrupt that comes
 * during a call's round trip still makes Hazelcast drop the answer: that call's outcome is unknown, and it
 * fails saying so ({@link InterruptedException} where the caller may wait, else {@link
 * SharedObjectsException}), with the flag set.
 */
final class QueueCalls {

  private final Calls calls;
  private final String what;

  QueueCalls(Calls calls, String what) {
    this.calls = calls;
    this.what = what;
  }

  /** Runs a call that does not wait, with the interrupt flag cleared and then restored. */
  <T> T call(Supplier<T> call) {
    boolean interrupted = Thread.interrupted();
    try {
      return calls.call(call);
    } catch (HazelcastException e) {
      if (e.getCause() instanceof InterruptedException) {
        interrupted = true;
        throw new SharedObjectsException("A call on " + what + " was interrupted during its round trip, so its"
            + " answer was lost: it may or may not have been applied.", e);
      }
      throw e;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  void run(Runnable call) {
    call(() -> {
      call.run();
      return null;
    });
  }

  /**
   * Runs a call for a caller that may wait: an interrupt before it is thrown at once, one during its round
   * trip is thrown after it (its outcome unknown).
   */
  <T> T callWaiting(Calls.Interruptible<T> call) throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    return calls.callInterruptibly(call);
  }
}
