package io.sharedobjects.hazelcast;

import com.hazelcast.nio.serialization.HazelcastSerializationException;
import io.sharedobjects.NotStorableException;
import io.sharedobjects.SharedObject;
import io.sharedobjects.UnreadableValueException;
import io.sharedobjects.ValueTooLargeException;
import java.util.function.Supplier;

/**
 * The form in which keys, values and elements are stored, and the one place every proxy writes and reads
 * them through.
 *
 * <p>Writing: a value is serialized once, here, before anything is sent (Hazelcast's proxies send a
 * serialized form as it is), so its size can be checked and a failure can name its class; null is stored as
 * {@link NullMarker}, since Hazelcast rejects nulls, and a shared object as an {@link ObjectReference} (its
 * kind and name). Reading: what Hazelcast deserialized is turned back (the marker to null, a reference to
 * this process's live object through the {@link ObjectResolver}), and a value this process cannot
 * deserialize fails with {@link UnreadableValueException} saying why.
 */
final class StoredForm {

  private final HazelcastInternals.Serializer serializer;
  private final Calls calls;
  private final OpenState open;
  private final long maxValueSize;
  private final ObjectResolver resolver;

  StoredForm(HazelcastInternals.Serializer serializer, Calls calls, OpenState open, long maxValueSize,
      ObjectResolver resolver) {
    this.serializer = serializer;
    this.calls = calls;
    this.open = open;
    this.maxValueSize = maxValueSize;
    this.resolver = resolver;
  }

  /**
   * The stored form of a key, value or element, to hand to a Hazelcast proxy as the key or value itself.
   *
   * @throws NotStorableException if it cannot be serialized
   * @throws ValueTooLargeException if its serialized form is over the size limit
   */
  Object toStored(Object value) {
    Object marked = asStored(value);
    open.ensureOpen();
    Object stored;
    try {
      // Most values serialize locally; Calls (a clock read, a lambda) only when that fails.
      stored = serializer.serialize(marked);
    } catch (HazelcastSerializationException e) {
      throw notStorable(marked, e);
    } catch (RuntimeException remote) {
      // A client serializing a Compact class sends its schema to the cluster first, and that can fail like
      // any call (offline, no answer); sending a schema again is harmless, so retry through calls.
      stored = calls.call(() -> {
        try {
          return serializer.serialize(marked);
        } catch (HazelcastSerializationException e) {
          throw notStorable(marked, e);
        }
      });
    }
    int size = HazelcastInternals.Serializer.size(stored);
    if (size > maxValueSize) {
      throw new ValueTooLargeException(marked.getClass(), size, maxValueSize,
          "HazelcastSharedObjects.builder().maxValueSize(bytes) in every process that writes");
    }
    return stored;
  }

  /**
   * The stored form of a value as plain bytes (null for null), for a structure that holds its value as a
   * {@code byte[]}: Hazelcast compares a {@code byte[]} by its bytes, and bytes read back compare equal to
   * what was written, which a deserialized value written again need not (a {@code HashSet} may reorder).
   *
   * @throws NotStorableException if it cannot be serialized
   * @throws ValueTooLargeException if its serialized form is over the size limit
   */
  byte[] toBytes(Object value) {
    return value == null ? null : HazelcastInternals.Serializer.bytes(toStored(value));
  }

  /**
   * The value of bytes made by {@link #toBytes} (null for null), deserialized here: a new copy at each call.
   *
   * @throws UnreadableValueException if it cannot be deserialized here
   */
  <T> T fromBytes(byte[] bytes) {
    return bytes == null ? null : readLocally(() -> serializer.deserialize(bytes));
  }

  /**
   * What a value read looks like in the cluster, before serialization: the marker for null, a reference for
   * a shared object, else the value itself.
   *
   * @throws NotStorableException for a shared object of no {@link io.sharedobjects.SharedObjectKind}
   */
  static Object asStored(Object value) {
    return value instanceof SharedObject object ? ObjectReference.to(object) : NullMarker.wrap(value);
  }

  /** Whether a value Hazelcast returned is the marker of a stored null (rather than no value at all). */
  static boolean isStoredNull(Object stored) {
    return stored == NullMarker.INSTANCE;
  }

  /**
   * The value of what Hazelcast returned, deserialized: the marker back to null, a reference to this
   * process's live object of its kind and name.
   *
   * @throws UnreadableValueException for a reference to a kind this version does not know
   * @throws io.sharedobjects.SharedObjectsClosedException for a reference, once the owner is closed
   */
  @SuppressWarnings("unchecked")
  <T> T read(Object stored) {
    return stored instanceof ObjectReference reference ? (T) reference.open(resolver) : NullMarker.unwrap(stored);
  }

  /**
   * Runs a deserialization that happens in this process (an iterated entry's key or value), with the typed
   * error a failed call gives.
   *
   * @throws UnreadableValueException if it cannot be deserialized here
   */
  <T> T readLocally(Supplier<?> deserialize) {
    try {
      return read(deserialize.get());
    } catch (HazelcastSerializationException e) {
      throw unreadable(e);
    }
  }

  /**
   * A result could not be deserialized: a class this process cannot load or read back, or one that its
   * Java deserialization filter refuses.
   */
  static UnreadableValueException unreadable(HazelcastSerializationException e) {
    String cause = rootMessage(e).replaceAll("\\.+$", "");
    String fix = root(e) instanceof SecurityException
        ? "This process's Java deserialization filter refuses that class; allow it in the filter only if every"
            + " process that can write here is trusted."
        : "Put the value's class (same version) on this process's classpath.";
    return new UnreadableValueException("Could not read a stored value back: " + cause + ". " + fix, e);
  }

  private NotStorableException notStorable(Object value, HazelcastSerializationException e) {
    serializer.forgetFailedRegistrations();
    return NotStorableException.forValue(value, rootMessage(e), "register a Hazelcast serializer for it", e);
  }

  private static Throwable root(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }

  private static String rootMessage(Throwable e) {
    return String.valueOf(root(e).getMessage());
  }
}
