package io.sharedobjects.hazelcast;

import io.sharedobjects.AuthKeyMismatchException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;

/**
 * The form of this library's own state in one internal map (a counter's value, a lock's fencing counter, a
 * latch's count, a barrier's record...): every synchronizer writes and reads its entries through this, so
 * the sealing of that state lives in one place.
 *
 * <p>Without an authKey it is the identity: the very {@code Long}, {@code Integer} or {@code String} is
 * stored, as before sealing existed. With one, a value is stored as a {@code byte[]}: a type byte and the
 * value ({@code long} or {@code int} big-endian, a string in UTF-8), sealed deterministically ({@link
 * Sealing#sealDeterministic}) and bound to the internal map and the entry's key, so it cannot be forged, nor
 * moved to another entry or map. Deterministic, so equal values have equal bytes and Hazelcast's own
 * compare-and-set ({@code replace(key, old, new)}, {@code remove(key, old)}, {@code putIfAbsent}) keeps
 * working on stock members; a compare-and-set still passes back the stored object it read as the expected
 * value ({@link #expected}), never one sealed again, so an entry sealed differently (another key id) cannot
 * make a loop spin.
 *
 * <p>A read verifies before it decodes: a value sealed with another key or none, for another entry, or
 * altered, fails with {@link AuthKeyMismatchException} naming the user's object, and nothing stored changes.
 * What sealing cannot prevent: a process that reaches the cluster can still write back an earlier sealed
 * value of the same entry, delete entries, or hold key locks. Thread-safe and immutable.
 */
final class SealedState {

  /** Every internal map whose values this class seals. */
  static final List<String> MAPS = List.of(MapSharedCounter.COUNTERS_MAP, MapSharedLock.LOCKS_MAP,
      MapSharedSemaphore.SEMAPHORES_MAP, MapSharedLatch.LATCHES_MAP, MapSharedEvent.EVENTS_MAP,
      MapSharedBarrier.BARRIERS_MAP, MapCondition.CONDITIONS_MAP, UnfinishedTasks.COUNTS_MAP,
      SynchronizerParameters.PARAMETERS_MAP, HazelcastQueues.CAPACITIES_MAP);

  /**
   * A number of an entry of an internal map as last read or written (a counter's value, a lock's last token,
   * a latch's count), with the form it is stored in (sealed bytes with an authKey), which a compare-and-set
   * from it must pass back: null when there was no entry.
   */
  record Known(long value, Object stored) {}

  private static final byte LONG = 'J';
  private static final byte INT = 'I';
  private static final byte STRING = 'S';

  /** Null without an authKey. */
  private final Sealing sealing;
  private final String map;

  private SealedState(Sealing sealing, String map) {
    this.sealing = sealing;
    this.map = map;
  }

  /** The form of the entries of internal map {@code map}, sealed if the context has an authKey. */
  static SealedState of(ObjectContext context, String map) {
    return new SealedState(context.settings().sealing(), map);
  }

  /** For tests: the form of {@code map}'s entries under {@code sealing} (null: none). */
  static SealedState of(Sealing sealing, String map) {
    return new SealedState(sealing, map);
  }

  /** Whether values are sealed (an authKey is set). */
  boolean sealed() {
    return sealing != null;
  }

  /**
   * The stored form of {@code value} (a {@code Long}, {@code Integer} or {@code String}) for the entry
   * {@code key}: the value itself without an authKey, else its sealed bytes; null for null.
   */
  Object seal(String key, Object value) {
    if (sealing == null || value == null) {
      return value;
    }
    return sealing.sealDeterministic(encode(value), bound(key));
  }

  /**
   * The expected value of a compare-and-set: {@code stored}, the object read from the entry, when there is
   * one, else {@code value} sealed for {@code key}.
   */
  Object expected(String key, Object stored, Object value) {
    return stored != null ? stored : seal(key, value);
  }

  /**
   * The {@code Long} stored in entry {@code key} as Hazelcast returned it, verified; null for null.
   *
   * @param object the user's object, for the error: {@code "counter 'hits'"}
   * @throws AuthKeyMismatchException if it is not sealed with this key for this entry (or, without a key,
   *     was sealed by a process with one)
   */
  Long readLong(String key, Object stored, String object) {
    return read(key, stored, object, Long.class);
  }

  /** As {@link #readLong}, for an {@code Integer}. */
  Integer readInt(String key, Object stored, String object) {
    return read(key, stored, object, Integer.class);
  }

  /** As {@link #readLong}, for a {@code String}. */
  String readString(String key, Object stored, String object) {
    return read(key, stored, object, String.class);
  }

  private <T> T read(String key, Object stored, String object, Class<T> type) {
    if (stored == null) {
      return null;
    }
    if (sealing == null) {
      if (stored instanceof byte[]) {
        // Written by a process with an authKey: this one has none.
        throw new AuthKeyMismatchException(object, null);
      }
      return type.cast(stored);
    }
    if (!(stored instanceof byte[] sealed)) {
      throw new AuthKeyMismatchException(object, null);
    }
    byte[] plaintext;
    try {
      plaintext = sealing.open(sealed, bound(key));
    } catch (GeneralSecurityException e) {
      throw new AuthKeyMismatchException(object, e);
    }
    Object value = decode(plaintext);
    if (!type.isInstance(value)) {
      throw new AuthKeyMismatchException(object, null);
    }
    return type.cast(value);
  }

  /** The associated data of entry {@code key}: the internal map and the key, so a value cannot be moved. */
  private byte[] bound(String key) {
    return binding(map, key);
  }

  /** The bytes that bind a sealed value to entry {@code key} of internal map {@code map}. */
  static byte[] binding(String map, String key) {
    return Sealing.objectBytes("state " + map + "\u0000" + key);
  }

  static byte[] encode(Object value) {
    if (value instanceof Long number) {
      return ByteBuffer.allocate(9).put(LONG).putLong(number).array();
    }
    if (value instanceof Integer number) {
      return ByteBuffer.allocate(5).put(INT).putInt(number).array();
    }
    if (value instanceof String text) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      byte[] encoded = new byte[bytes.length + 1];
      encoded[0] = STRING;
      System.arraycopy(bytes, 0, encoded, 1, bytes.length);
      return encoded;
    }
    throw new IllegalArgumentException("internal state is a Long, Integer or String, not " + value.getClass());
  }

  /** The value of a verified plaintext, or null if it is not one {@link #encode} writes. */
  static Object decode(byte[] plaintext) {
    if (plaintext.length == 0) {
      return null;
    }
    ByteBuffer bytes = ByteBuffer.wrap(plaintext, 1, plaintext.length - 1);
    return switch (plaintext[0]) {
      case LONG -> plaintext.length == 9 ? bytes.getLong() : null;
      case INT -> plaintext.length == 5 ? bytes.getInt() : null;
      case STRING -> new String(Arrays.copyOfRange(plaintext, 1, plaintext.length), StandardCharsets.UTF_8);
      default -> null;
    };
  }
}
