package io.sharedobjects.hazelcast;

import io.sharedobjects.SharedLock;
import io.sharedobjects.SharedObject;
import io.sharedobjects.SharedSemaphore;

/**
 * Where a {@link SharedObjectsObserver} meets the objects: wraps locks and semaphores to time them, and
 * reports each object created. With no observer, objects are handed out as they are.
 */
final class ObservedObjects {

  private ObservedObjects() {}

  /** {@code created}, wrapped to be timed if it is a lock or semaphore and there is an observer. */
  static SharedObject wrap(SharedObjectsObserver observer, SharedObject created) {
    if (observer == null) {
      return created;
    }
    if (created instanceof SharedLock lock) {
      return new ObservedLock(lock, observer);
    }
    if (created instanceof SharedSemaphore semaphore) {
      return new ObservedSemaphore(semaphore, observer);
    }
    return created;
  }

  /** Tells the observer, if any, that {@code object} of {@code kind} was created (it won its cache's race). */
  static void created(SharedObjectsObserver observer, String kind, SharedObject object) {
    if (observer != null) {
      observer.created(kind, object.name(), object);
    }
  }
}
