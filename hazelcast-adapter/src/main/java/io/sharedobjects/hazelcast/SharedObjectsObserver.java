package io.sharedobjects.hazelcast;

import io.sharedobjects.SharedObject;

/**
 * Told what the objects of one {@link HazelcastSharedObjects} do, for metrics: set it with {@link
 * HazelcastSharedObjectsBuilder#observer}. The Spring Boot starter sets one that records Micrometer meters;
 * this interface depends on nothing, so the adapter does not either.
 *
 * <p>Every method is called inline, on the thread that made the call (for an asynchronous call, on the
 * thread that completes it), after the fact: it must be quick, must not block, and must not throw (an
 * exception it throws reaches the caller of the shared object's method). Called concurrently from any
 * number of threads, so an implementation must be thread-safe. {@code kind} is the object kind as the API
 * names it: {@code dict}, {@code list}, {@code set}, {@code queue}, {@code lock}, {@code value},
 * {@code counter}, {@code event}, {@code semaphore}, {@code latch}, {@code barrier}.
 */
public interface SharedObjectsObserver {

  /**
   * One call of an object of {@code kind} to the cluster ended (each round trip an object makes through its
   * bounded, typed call path; one method of the API may make several): after {@code nanos}, with
   * {@code failure} the exception it ended with ({@code ClusterUnavailableException},
   * {@code NoQuorumException}, {@code InterruptedException}, ...), or null if it succeeded. Creating the
   * Hazelcast proxies and probing the lock backend are not calls of an object and are not reported.
   */
  void called(String kind, long nanos, Throwable failure);

  /** The object {@code name} of {@code kind} was created in this process (once per object and process). */
  default void created(String kind, String name, SharedObject object) {}

  /**
   * A thread of this process waited {@code nanos} to take lock or semaphore {@code name}, and took it if
   * {@code acquired} (else its try timed out, or failed). Reentrant acquisitions of a held lock are reported too.
   */
  default void waited(String kind, String name, long nanos, boolean acquired) {}

  /**
   * Lock or semaphore {@code name} was released after being held {@code nanos}: a lock from its outermost
   * acquisition by a thread to that thread's last unlock; a semaphore permit from the acquisition of the
   * oldest permit this process still held (permits are not owned by threads).
   */
  default void held(String kind, String name, long nanos) {}
}
