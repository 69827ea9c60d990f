package io.sharedobjects.hazelcast;

import com.hazelcast.nio.serialization.HazelcastSerializationException;
import io.sharedobjects.AuthKeyMismatchException;
import io.sharedobjects.NotStorableException;
import io.sharedobjects.SharedObject;
import io.sharedobjects.UnreadableValueException;
import io.sharedobjects.ValueTooLargeException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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
 *
 * <p>With an authKey ({@link Sealing}), what is handed to Hazelcast is a {@code byte[]}: the item's
 * {@link SealedPlaintext} sealed for the object it belongs to, deterministically ({@link #toStored}: keys and
 * elements, which Hazelcast looks up and compares by their bytes) or with a fresh nonce ({@link
 * #toStoredValue}, {@link #toBytes}: dict values and shared values). A read verifies it before anything of
 * it is deserialized; what fails verification (another key, none, or altered) is {@link
 * AuthKeyMismatchException}. Hazelcast itself then never needs Java serialization for this library's data,
 * and the instances this library starts with a key refuse it for every class but the JDK's and Hazelcast's
 * ({@link HazelcastConfigs#authKeyFilter}).
 */
final class StoredForm {

  private final HazelcastInternals.Serializer serializer;
  private final Calls calls;
  private final OpenState open;
  private final long maxValueSize;
  private final ObjectResolver resolver;
  /** Null without an authKey. */
  private final Sealing sealing;
  /** The object this form writes for, as {@code "dict 'orders'"}; "shared objects" for the unbound form. */
  private final String object;
  /** {@link #object} as the bytes that bind sealed items to it. */
  private final byte[] objectBytes;
  /**
   * With an authKey, the stored forms of recently sealed keys and elements that are strings, integers,
   * longs or UUIDs (immutable, equal by value), by object and item: deterministic sealing gives them the
   * same bytes every time, so a key used again costs a lookup instead of a serialization and a seal. Shared
   * by the forms of one SharedObjects; emptied when it holds {@value #SEALED_KEYS_MAX}.
   */
  private final Map<SealedKey, Object> sealedKeys;

  private static final int SEALED_KEYS_MAX = 8192;

  private record SealedKey(StoredForm form, Object item) {}

  StoredForm(HazelcastInternals.Serializer serializer, Calls calls, OpenState open, long maxValueSize,
      ObjectResolver resolver, Sealing sealing) {
    this(serializer, calls, open, maxValueSize, resolver, sealing, "shared objects", new ConcurrentHashMap<>());
  }

  private StoredForm(HazelcastInternals.Serializer serializer, Calls calls, OpenState open, long maxValueSize,
      ObjectResolver resolver, Sealing sealing, String object, Map<SealedKey, Object> sealedKeys) {
    this.sealedKeys = sealedKeys;
    this.serializer = serializer;
    this.calls = calls;
    this.open = open;
    this.maxValueSize = maxValueSize;
    this.resolver = resolver;
    this.sealing = sealing;
    this.object = object;
    this.objectBytes = Sealing.objectBytes(object);
  }

  /**
   * The form of one object ({@code kind}: "dict", "list", ...): with an authKey, its items are sealed for
   * it, so an item copied from another object fails verification, and errors name it.
   */
  StoredForm of(String kind, String name) {
    return new StoredForm(serializer, calls, open, maxValueSize, resolver, sealing, kind + " '" + name + "'",
        sealedKeys);
  }

  /** Whether items are sealed (an authKey is set). */
  boolean sealed() {
    return sealing != null;
  }

  /**
   * The stored form of a key, value or element, to hand to a Hazelcast proxy as the key or value itself.
   *
   * @throws NotStorableException if it cannot be serialized
   * @throws ValueTooLargeException if its serialized form is over the size limit
   */
  Object toStored(Object value) {
    if (sealing == null) {
      return serialized(asStored(value));
    }
    if (!(value instanceof String || value instanceof Integer || value instanceof Long || value instanceof UUID)) {
      return serialized(seal(value, true));
    }
    open.ensureOpen();
    SealedKey cached = new SealedKey(this, value);
    Object stored = sealedKeys.get(cached);
    if (stored == null) {
      stored = serialized(seal(value, true));
      if (sealedKeys.size() >= SEALED_KEYS_MAX) {
        sealedKeys.clear();
      }
      sealedKeys.put(cached, stored);
    }
    return stored;
  }

  /**
   * Whether a key rotation is under way: items sealed with the other key of the rotation are still read and
   * looked up ({@link #toOtherStored}).
   */
  boolean rotating() {
    return sealing != null && sealing.other() != null;
  }

  /**
   * Whether the other key of the rotation under way is the newer one (step 1: this process still writes with
   * the older key) rather than the older one (step 2). Every process looks an item up under the older key
   * first, so all of them find the same one.
   */
  boolean otherIsNewer() {
    return sealing.otherIsNewer();
  }

  /**
   * While a rotation is under way ({@link #rotating}), the form under which a process writing with the other
   * key stores this key or element ({@link #toStored} as it makes it); null otherwise.
   */
  Object toOtherStored(Object value) {
    if (!rotating()) {
      return null;
    }
    open.ensureOpen();
    byte[] plaintext = SealedPlaintext.encode(asStored(value), this::plainBytes);
    return serialized(sealing.otherDeterministic(plaintext, objectBytes));
  }

  /**
   * A stored item as Hazelcast returned it, sealed again with this process's key if the other key of the
   * rotation under way sealed it (verified first); else, or if it fails verification (for its readers to
   * report), the item itself.
   */
  Object resealed(Object stored) {
    return rotating() ? sealing.resealed(stored, objectBytes) : stored;
  }

  /**
   * The stored form of a dict value: as {@link #toStored}, but with an authKey sealed with a fresh nonce, so
   * equal values do not look equal in the cluster; compare them with {@link #sameItem}.
   */
  Object toStoredValue(Object value) {
    return sealing == null ? serialized(asStored(value)) : serialized(seal(value, false));
  }

  private byte[] seal(Object value, boolean deterministic) {
    open.ensureOpen();
    byte[] plaintext = SealedPlaintext.encode(asStored(value), this::plainBytes);
    byte[] sealed = deterministic
        ? sealing.sealDeterministic(plaintext, objectBytes)
        : sealing.sealRandomized(plaintext, objectBytes);
    if (sealed.length > maxValueSize) {
      throw new ValueTooLargeException(value == null ? Object.class : value.getClass(), sealed.length, maxValueSize,
          "HazelcastSharedObjects.builder().maxValueSize(bytes) in every process that writes");
    }
    return sealed;
  }

  /** Hazelcast's bytes of a value that needs no Java serialization (see {@link SealedPlaintext}). */
  private byte[] plainBytes(Object value) {
    return HazelcastInternals.Serializer.bytes(serialized(value));
  }

  private Object serialized(Object marked) {
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
    if (value == null) {
      return null;
    }
    return sealing == null ? HazelcastInternals.Serializer.bytes(toStored(value)) : seal(value, false);
  }

  /**
   * The value of bytes made by {@link #toBytes} (null for null), deserialized here: a new copy at each call.
   *
   * @throws UnreadableValueException if it cannot be deserialized here
   */
  <T> T fromBytes(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    if (sealing == null && Sealing.looksSealed(bytes)) {
      throw new AuthKeyMismatchException(object, null);
    }
    return sealing == null ? readLocally(() -> serializer.deserialize(bytes)) : read(bytes);
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
  <T> T read(Object stored) {
    if (sealing == null && Sealing.looksSealed(stored)) {
      throw new AuthKeyMismatchException(object, null);
    }
    return fromMarked(sealing == null || stored == null ? stored : unseal(stored));
  }

  /** An item as stored (its null marker, its reference, or itself) as the caller gets it. */
  @SuppressWarnings("unchecked")
  private <T> T fromMarked(Object marked) {
    return marked instanceof ObjectReference reference ? (T) reference.open(resolver) : NullMarker.unwrap(marked);
  }

  /**
   * Whether a stored value Hazelcast returned is a stored null (rather than no value at all); with an
   * authKey, verified as {@link #read} does.
   */
  boolean isNull(Object stored) {
    return stored != null && (sealing == null ? isStoredNull(stored) : unseal(stored) == NullMarker.INSTANCE);
  }

  /**
   * Whether {@code stored}, as Hazelcast returned it, holds the same item as {@code value}: the same bytes
   * before sealing (as Hazelcast compares items), or else an equal value once read. For values sealed with
   * a fresh nonce, which differ in the cluster even when equal. Only with an authKey.
   */
  boolean sameItem(Object stored, Object value) {
    if (stored == null) {
      return false;
    }
    byte[] plaintext = opened(stored);
    if (java.util.Arrays.equals(plaintext, SealedPlaintext.encode(asStored(value), this::plainBytes))) {
      return true;
    }
    return java.util.Objects.equals(fromMarked(SealedPlaintext.decode(plaintext, this::fromPlainBytes)), value);
  }

  /** The verified plaintext of a sealed item as Hazelcast returned it (a {@code byte[]}). */
  private byte[] opened(Object stored) {
    if (!(stored instanceof byte[] sealed)) {
      throw new AuthKeyMismatchException(object, null);
    }
    try {
      return sealing.open(sealed, objectBytes);
    } catch (java.security.GeneralSecurityException e) {
      throw new AuthKeyMismatchException(object, e);
    }
  }

  /** The item in a sealed stored form, verified, then deserialized: its marker or reference as stored. */
  private Object unseal(Object stored) {
    return SealedPlaintext.decode(opened(stored), this::fromPlainBytes);
  }

  private Object fromPlainBytes(byte[] bytes) {
    try {
      return serializer.deserialize(bytes);
    } catch (HazelcastSerializationException e) {
      throw unreadable(e);
    }
  }

  /** The error for a read that Hazelcast could not deserialize; with an authKey, it was not sealed by us. */
  UnreadableValueException unreadableHere(HazelcastSerializationException e) {
    return sealing == null ? unreadable(e) : new AuthKeyMismatchException(object, e);
  }

  /**
   * Runs a deserialization that happens in this process (an iterated entry's key or value), with the typed
   * error a failed call gives.
   *
   * @throws UnreadableValueException if it cannot be deserialized here
   */
  <T> T readLocally(Supplier<?> deserialize) {
    return read(deserializeLocally(deserialize));
  }

  /**
   * Runs a deserialization that happens in this process and returns what it gives, as Hazelcast gives it
   * (a page of entries, say: its items are read later), with the typed error a failed call gives.
   */
  Object deserializeLocally(Supplier<?> deserialize) {
    try {
      return deserialize.get();
    } catch (HazelcastSerializationException e) {
      throw unreadableHere(e);
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
