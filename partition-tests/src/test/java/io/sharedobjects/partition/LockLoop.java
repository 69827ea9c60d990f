package io.sharedobjects.partition;

import io.sharedobjects.SharedLock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * In a {@link PartitionMember}: one background thread that tries to take one lock again and again until
 * stopped, so that a cut, its detection and the merge all fall between attempts of every member. Each
 * attempt is {@code tryLock(wait)}; a granted one reads its fence, keeps the lock for a while and releases
 * it; after any attempt the thread pauses briefly, so that a member refused at once does not spin and the
 * releasing thread does not always take the lock straight back. Every attempt is kept ({@link LockAttempt}).
 */
final class LockLoop {

  private final String member;
  private final SharedLock lock;
  private final long waitMillis;
  private final long holdMillis;
  private final long pauseMillis;
  private final Thread thread;
  private final AtomicInteger granted = new AtomicInteger();
  private volatile boolean stopping;
  // Written by the loop's thread only, read after it has ended.
  private final List<LockAttempt> attempts = new ArrayList<>();

  private LockLoop(String member, SharedLock lock, long waitMillis, long holdMillis, long pauseMillis) {
    this.member = member;
    this.lock = lock;
    this.waitMillis = waitMillis;
    this.holdMillis = holdMillis;
    this.pauseMillis = pauseMillis;
    this.thread = new Thread(this::run, "lock-loop-" + lock.name());
  }

  /** Starts trying {@code lock} on a thread of its own. */
  static LockLoop start(String member, SharedLock lock, long waitMillis, long holdMillis, long pauseMillis) {
    LockLoop loop = new LockLoop(member, lock, waitMillis, holdMillis, pauseMillis);
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
      got = lock.tryLock(waitMillis, TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      return LockAttempt.failed(member, lock.name(), started, System.nanoTime(), e);
    }
    if (!got) {
      return LockAttempt.notGranted(member, lock.name(), started, System.nanoTime());
    }
    long fence = lock.fence();
    long acquired = System.nanoTime();
    granted.incrementAndGet();
    Thread.sleep(holdMillis);
    long released = System.nanoTime();
    String unlockError = "";
    try {
      lock.unlock();
    } catch (RuntimeException e) {
      unlockError = LockAttempt.describe(e);
    }
    return LockAttempt.granted(member, lock.name(), started, acquired, fence, acquired, released,
        System.nanoTime(), unlockError);
  }

  /** How many attempts were granted so far; safe from any thread. */
  int granted() {
    return granted.get();
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
      throw new IllegalStateException("the lock loop on " + lock.name() + " did not stop within 60 s");
    }
    return String.join(",", attempts.stream().map(LockAttempt::encode).toList());
  }
}
