package io.sharedobjects.inmemory;

import io.sharedobjects.SharedObject;
import io.sharedobjects.SharedObjectKind;
import io.sharedobjects.SharedObjects;

/**
 * How the in-memory store keeps a shared object stored in another: its kind and name, never the proxy, so
 * that each reader gets its own instance's live object (see {@link SharedObjectKind}). Equal references are
 * equal keys and elements, as their serialized forms are on Hazelcast.
 *
 * <p>Immutable.
 */
record StoredReference(SharedObjectKind kind, String name) {

  /**
   * The reference to {@code object}.
   *
   * @throws io.sharedobjects.NotStorableException if {@code object} is of no {@link SharedObjectKind}
   */
  static StoredReference to(SharedObject object) {
    return new StoredReference(SharedObjectKind.of(object), object.name());
  }

  /** The object {@code reader} reaches under this kind and name. */
  SharedObject open(SharedObjects reader) {
    return kind.open(reader, name);
  }

  /** What the reference adds to a stored size: its kind and name, as strings. */
  long size() {
    return ValueCopier.leafSize(kind.id()) + ValueCopier.leafSize(name);
  }
}
