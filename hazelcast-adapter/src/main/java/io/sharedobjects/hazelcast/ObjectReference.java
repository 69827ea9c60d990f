package io.sharedobjects.hazelcast;

import io.sharedobjects.SharedObject;
import io.sharedobjects.SharedObjectKind;
import io.sharedobjects.UnreadableValueException;
import java.io.Serializable;

/**
 * The stored form of a shared object stored in another: its kind's id and its name, read back through the
 * reading process's {@link ObjectResolver} as that process's live object (see {@link SharedObjectKind}).
 *
 * <p>Stored with Java serialization, as {@link NullMarker} is: a member without shared-objects classes keeps
 * it as opaque bytes and compares it byte for byte, so equal references are equal keys and set elements;
 * only our own processes deserialize it (a Java deserialization filter lets it through, see {@code
 * HazelcastConfigs}). The kind is stored as text, so a reference to a kind this version does not know fails
 * readably. Immutable.
 */
record ObjectReference(String kind, String name) implements Serializable {

  /**
   * The reference to {@code object}.
   *
   * @throws io.sharedobjects.NotStorableException if {@code object} is of no {@link SharedObjectKind}
   */
  static ObjectReference to(SharedObject object) {
    return new ObjectReference(SharedObjectKind.of(object).id(), object.name());
  }

  /**
   * The object this reference names, as {@code resolver} reaches it.
   *
   * @throws UnreadableValueException if the kind is unknown to this version
   */
  SharedObject open(ObjectResolver resolver) {
    SharedObjectKind known;
    try {
      known = SharedObjectKind.forId(kind);
    } catch (IllegalArgumentException e) {
      throw new UnreadableValueException("Could not read a stored reference to " + kind + " '" + name + "': "
          + e.getMessage(), e);
    }
    return resolver.open(known, name);
  }
}
