package io.sharedobjects;

import java.util.concurrent.TimeUnit;

/**
 * A counting semaphore shared by every process that asks for it by the same name: Python's
 * {@code BoundedSemaphore}. Its number of permits is fixed by the first creator.
 *
 * <p><b>Ownership:</b> permits belong to the acquiring process (not thread): any thread of that process may
 * release them. {@link #release()} by a process holding no permit fails with {@link IllegalStateException}
 * and changes nothing, so never more than {@link #permits()} are in use at once, across processes. When a
 * holding process dies, its permits come back within the documented owner-death bound
 * (docs/synchronizers.md).
 *
 * <p><b>Fairness:</b> none is promised.
 *
 * <p><b>Partitions:</b> with a declared cluster size, only a majority grants permits; the minority's calls
 * fail with {@link NoQuorumException}.
 *
 * <p><b>Thread safety:</b> thread-safe.
 */
public interface SharedSemaphore extends SharedObject {

  /**
   * Takes a permit, waiting as long as needed.
   *
   * @throws InterruptedException if the waiting thread is interrupted
   */
  void acquire() throws InterruptedException;

  /** Takes a permit if one is free now; returns whether it did. */
  boolean tryAcquire();

  /**
   * Takes a permit if one becomes free within the given time.
   *
   * @return whether a permit was taken
   * @throws InterruptedException if the waiting thread is interrupted
   */
  boolean tryAcquire(long time, TimeUnit unit) throws InterruptedException;

  /**
   * Gives back one permit this process holds.
   *
   * @throws IllegalStateException if this process holds no permit of this semaphore
   */
  void release();

  /** How many permits are free now. */
  int availablePermits();

  /** How many permits the semaphore has in all, as its first creator fixed. */
  int permits();
}
