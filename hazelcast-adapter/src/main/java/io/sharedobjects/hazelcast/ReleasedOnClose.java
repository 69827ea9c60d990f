package io.sharedobjects.hazelcast;

/**
 * A proxy that holds something for its process (lock holds, semaphore permits, a barrier wait) and gives
 * it back when the {@code SharedObjects} that made it closes, as the owner's death would.
 */
interface ReleasedOnClose {

  /** Gives back what this process holds through this proxy; called once, when its owner closes. */
  void releaseOnClose();
}
