package io.sharedobjects.partition;

import io.sharedobjects.SharedSemaphore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * In a {@link PartitionMember}: one background thread that tries to take a permit of one semaphore again and
 * again until stopped, as {@link LockLoop} does for a lock. Each attempt is {@code tryAcquire(wait)}; a
 * granted one keeps the permit for a while and releases it; after any attempt the thread pauses briefly.
 * Every attempt is kept as a {@link LockAttempt} whose fence is 0 (permits have none); its {@code acquired}
 * and {@code released} are read just after {@code tryAcquire} returned and just before {@code release()}.
 */
final class PermitLoop {

  private final String member;
  private final SharedSemaphore semaphore;
  private final long waitMillis;
  private final long holdMillis;
  private final long pauseMillis;
  private final Thread thread;
  private volatile boolean stopping;
  // Written by the loop's thread only, read after it has ended.
  private final List<LockAttempt> attempts = new ArrayList<>();

  private PermitLoop(String member, SharedSemaphore semaphore, long waitMillis, long holdMillis, long pauseMillis) {
    this.member = member;
    this.semaphore = semaphore;
    this.waitMillis = waitMillis;
    this.holdMillis = holdMillis;
    this.pauseMillis = pauseMillis;
    this.thread = new Thread(this::run, "permit-loop-" + semaphore.name());
  }

  /** Starts trying {@code semaphore} on a thread of its own. */
  static PermitLoop start(String member, SharedSemaphore semaphore, long waitMillis, long holdMillis, long pauseMillis) {
    PermitLoop loop = new PermitLoop(member, semaphore, waitMillis, holdMillis, pauseMillis);
    loop.thread.start();
    return loop;
  }

  private void run() {
    try {
      while (!stopping) {
        attempts.add(attempt());
        Thread.sleep(pauseMillis);
      }
    } catch (InterruptedException e) {
      // stop() only sets the flag; an interrupt means the JVM is going away
    }
  }

  private LockAttempt attempt() throws InterruptedException {
    long started = System.nanoTime();
    boolean got;
    try {
      got = semaphore.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      return LockAttempt.failed(member, semaphore.name(), started, System.nanoTime(), e);
    }
    if (!got) {
      return LockAttempt.notGranted(member, semaphore.name(), started, System.nanoTime());
    }
    long acquired = System.nanoTime();
    Thread.sleep(holdMillis);
    long released = System.nanoTime();
    String releaseError = "";
    try {
      semaphore.release();
    } catch (RuntimeException e) {
      releaseError = LockAttempt.describe(e);
    }
    return LockAttempt.granted(member, semaphore.name(), started, acquired, 0, acquired, released,
        System.nanoTime(), releaseError);
  }

  /**
   * Stops the loop after its current attempt and returns every attempt, {@link LockAttempt#encode() encoded}
   * and comma-separated.
   */
  String stop() throws InterruptedException {
    stopping = true;
    // An attempt is bounded by the wait, the hold and the cluster's own timeouts; a minute means it is stuck.
    TimeUnit.SECONDS.timedJoin(thread, 60);
    if (thread.isAlive()) {
      throw new IllegalStateException("the permit loop on " + semaphore.name() + " did not stop within 60 s");
    }
    return String.join(",", attempts.stream().map(LockAttempt::encode).toList());
  }
}
