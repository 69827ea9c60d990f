package io.sharedobjects.hazelcast;

import io.sharedobjects.SharedObject;
import io.sharedobjects.SharedObjectKind;

/**
 * How {@link StoredForm} turns a stored {@link ObjectReference} into this process's live object: the owning
 * {@link HazelcastSharedObjects}'s factory method for the kind, and nothing else of it.
 */
@FunctionalInterface
interface ObjectResolver {

  /**
   * The object of this kind and name, as {@code dict(name)} (and so on) returns it.
   *
   * @throws io.sharedobjects.SharedObjectsClosedException if the owner is closed
   */
  SharedObject open(SharedObjectKind kind, String name);
}
