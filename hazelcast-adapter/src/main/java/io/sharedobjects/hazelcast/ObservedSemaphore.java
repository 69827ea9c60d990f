package io.sharedobjects.hazelcast;

import io.sharedobjects.SharedSemaphore;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;

/**
 * A semaphore that tells a {@link SharedObjectsObserver} how long each acquisition waited and how long
 * permits were held, and otherwise is the semaphore it wraps: every method delegates. Permits belong to no
 * thread, so a release ends the hold of the oldest permit this process took through this proxy. Handed
 * out instead of the semaphore only when an observer is set. Thread-safe.
 */
final class ObservedSemaphore implements SharedSemaphore, ReleasedOnClose {

  private final SharedSemaphore semaphore;
  private final SharedObjectsObserver observer;
  /** When each permit this process holds was taken, oldest first. */
  private final ConcurrentLinkedDeque<Long> taken = new ConcurrentLinkedDeque<>();

  ObservedSemaphore(SharedSemaphore semaphore, SharedObjectsObserver observer) {
    this.semaphore = semaphore;
    this.observer = observer;
  }

  @Override
  public void acquire() throws InterruptedException {
    long start = System.nanoTime();
    try {
      semaphore.acquire();
    } catch (InterruptedException | RuntimeException e) {
      waited(start, false);
      throw e;
    }
    waited(start, true);
  }

  @Override
  public boolean tryAcquire() {
    long start = System.nanoTime();
    boolean acquired;
    try {
      acquired = semaphore.tryAcquire();
    } catch (RuntimeException e) {
      waited(start, false);
      throw e;
    }
    waited(start, acquired);
    return acquired;
  }

  @Override
  public boolean tryAcquire(long time, TimeUnit unit) throws InterruptedException {
    long start = System.nanoTime();
    boolean acquired;
    try {
      acquired = semaphore.tryAcquire(time, unit);
    } catch (InterruptedException | RuntimeException e) {
      waited(start, false);
      throw e;
    }
    waited(start, acquired);
    return acquired;
  }

  @Override
  public void release() {
    semaphore.release();
    Long since = taken.pollFirst();
    if (since != null) {
      observer.held("semaphore", semaphore.name(), System.nanoTime() - since);
    }
  }

  @Override
  public int availablePermits() {
    return semaphore.availablePermits();
  }

  @Override
  public int permits() {
    return semaphore.permits();
  }

  @Override
  public String name() {
    return semaphore.name();
  }

  @Override
  public void destroy() {
    semaphore.destroy();
  }

  @Override
  public void releaseOnClose() {
    taken.clear();
    if (semaphore instanceof ReleasedOnClose held) {
      held.releaseOnClose();
    }
  }

  @Override
  public String toString() {
    return semaphore.toString();
  }

  private void waited(long start, boolean acquired) {
    long now = System.nanoTime();
    observer.waited("semaphore", semaphore.name(), now - start, acquired);
    if (acquired) {
      taken.addLast(now);
    }
  }
}
