package io.sharedobjects;

import java.util.concurrent.TimeUnit;

/**
 * A counting semaphore shared by every process that asks for it by the same name: Python's
 * {@code BoundedSemaphore}. Its number of permits is fixed by the first creator; asking for the same name
 * with another number fails with {@link IllegalArgumentException} naming both, and 0 or fewer is refused.
 *
 * <p><b>Ownership:</b> permits belong to the acquiring process (not thread), that is to the {@link
 * SharedObjects} they were taken through: any thread of that process may release them. {@link #release()} by
 * a process holding no permit fails with {@link IllegalStateException} and changes nothing, so never more
 * than {@link #permits()} are in use at once, across processes. Closing the {@code SharedObjects} gives its
 * permits back.
 *
 * <p><b>Owner death:</b> when a holding process dies (killed) or freezes (stopped, cut off), its permits come
 * back within the lock's owner-death bounds (docs/synchronizers.md gives them and the measured times); a
 * process that was taken for dead and later calls {@code release()} gets {@link IllegalStateException}, as
 * its permit may have been used by another since.
 *
 * <p><b>Waiting:</b> waiters wake when a permit is released, by an event from the cluster, and look again
 * after a bounded time in case none came (a permit freed by its owner's death sends none). Every wait is
 * interruptible and has a timed form. Fairness: none is promised.
 *
 * <p><b>Partitions:</b> with a declared cluster size, only a majority grants permits; the minority's calls
 * fail with {@link NoQuorumException}.
 *
 * <p><b>Destroy:</b> {@link #destroy()} frees the permits and forgets the number, so the next creator fixes a
 * new one; a former holder's {@code release()} then fails with {@link IllegalStateException}. (On the CP
 * Subsystem, which cannot take a permit back from another session, only this process's permits are freed;
 * see the CP backend's documentation.)
 *
 * <p><b>Thread safety:</b> thread-safe; each operation is atomic.
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
   * Gives back one permit this process holds. A release refused before it was sent ({@link
   * NoQuorumException}) leaves the permit held, to be released again. One sent but not answered ({@link
   * ClusterUnavailableException}) ends the hold all the same on the map backend, which gives the permit back
   * in the background (trying every second until the cluster answers), at this process's next acquisition
   * attempt on this semaphore, or at its close or death: do not release it again. (On the CP Subsystem the permit then stays held, to be released again; docs/synchronizers.md.)
   *
   * @throws IllegalStateException if this process holds no permit of this semaphore
   */
  void release();

  /** How many permits are free now. */
  int availablePermits();

  /** How many permits the semaphore has in all, as its first creator fixed. */
  int permits();
}
