package io.sharedobjects.inmemory;

import io.sharedobjects.NotStorableException;
import io.sharedobjects.SharedObject;
import io.sharedobjects.SharedObjects;
import io.sharedobjects.ValueTooLargeException;
import java.io.Serializable;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Copies keys, values and elements on their way into and out of the in-memory store, accepting exactly
 * what the Hazelcast backend can store, or less.
 *
 * <p>The copy stands in for Hazelcast's serialization round trip, so a unit test against the in-memory
 * backend sees what it would see against a cluster: a value read is a private copy, and a value Hazelcast
 * would refuse is refused here too, with a {@link NotStorableException}, before anything stored changes.
 * The rules, by the value's runtime class:
 *
 * <ul>
 *   <li>immutable JDK value types (strings, boxed primitives, {@code BigInteger}, {@code BigDecimal},
 *       {@code java.time} values, {@code UUID}, enums) are returned as they are;
 *   <li>a shared object is stored as a {@link StoredReference} (its kind and name) when it is the key, value
 *       or element itself ({@link #toStored}), and read back as the reader's live object of that kind and
 *       name ({@link #fromStored}); inside another value it is refused, as Hazelcast cannot serialize it;
 *   <li>{@link Optional} is rebuilt around a copy of its content; primitive arrays are cloned;
 *   <li>{@link Serializable} objects are copied by a Java serialization round trip, as Hazelcast stores
 *       them; if that fails (say, a non-serializable object inside a list), the value is refused;
 *   <li>other records and plain classes are copied field by field if Hazelcast's zero-config Compact
 *       serialization accepts them (see {@link CompactCopier}), and refused otherwise.
 * </ul>
 *
 * <p>Hazelcast serializes some JDK collections ({@code ArrayList}, {@code HashMap}, ...) element by element,
 * so it also accepts such a collection holding non-serializable records; this class refuses that, which
 * is stricter and therefore safe.
 *
 * <p>Thread-safe and stateless apart from a per-class cache; {@code null} is copied as {@code null}.
 */
final class ValueCopier {

  /** Classes whose instances are immutable, so sharing one is as good as copying it. */
  private static final Set<Class<?>> IMMUTABLE_TYPES =
      Set.of(
          String.class, Boolean.class, Character.class, Byte.class, Short.class, Integer.class,
          Long.class, Float.class, Double.class, BigInteger.class, BigDecimal.class, UUID.class,
          Instant.class, LocalDate.class, LocalTime.class, LocalDateTime.class, OffsetDateTime.class,
          OffsetTime.class, ZonedDateTime.class, Duration.class, Period.class, Year.class,
          YearMonth.class, MonthDay.class);

  /** How to copy each runtime class; analysing a class is costly, so it is done once per class. */
  private static final ClassValue<Copier> COPIERS =
      new ClassValue<>() {
        @Override
        protected Copier computeValue(Class<?> type) {
          return copierFor(type);
        }
      };

  private ValueCopier() {}

  /**
   * Returns a copy of {@code value} that shares no mutable state with it; for values on their way out,
   * which were measured when they were stored.
   *
   * @throws NotStorableException if the Hazelcast backend could not store {@code value}
   */
  @SuppressWarnings("unchecked")
  static <T> T copy(T value) {
    return (T) copy(value, CopyState.unlimited());
  }

  /**
   * Returns a copy of {@code value} on its way in, refusing it if it cannot be stored or if the estimate
   * of its stored size passes {@code limit} bytes.
   *
   * <p>The estimate is the length of the Java serialization of a {@link Serializable} value (how Hazelcast
   * stores it), and otherwise the sum of its parts as Hazelcast writes them: strings as UTF-8, primitive
   * arrays at their element width, a few bytes per number and per object header.
   *
   * @throws ValueTooLargeException if the estimate passes {@code limit}
   * @throws NotStorableException if the Hazelcast backend could not store {@code value}
   */
  @SuppressWarnings("unchecked")
  static <T> T copyIn(T value, long limit) {
    return (T) copy(value, CopyState.limitedTo(limit));
  }

  /**
   * The form in which a key, value or element is stored: a reference for a shared object, else a copy as
   * {@link #copyIn} makes it.
   *
   * @throws ValueTooLargeException if the estimate passes {@code limit}
   * @throws NotStorableException if the Hazelcast backend could not store {@code value}, or it is a shared
   *     object of no {@link io.sharedobjects.SharedObjectKind}
   */
  static Object toStored(Object value, long limit) {
    if (value instanceof SharedObject object) {
      StoredReference reference = StoredReference.to(object);
      if (reference.size() > limit) {
        throw new ValueTooLargeException(object.getClass(), reference.size(), limit,
            "new InMemorySharedObjects(maxValueSize) (and the same setting on the Hazelcast backend)");
      }
      return reference;
    }
    return copyIn(value, limit);
  }

  /**
   * What {@code reader} reads from a stored form: the live object of a reference, through {@code reader}'s
   * factory methods; else a copy.
   */
  @SuppressWarnings("unchecked")
  static <T> T fromStored(Object stored, SharedObjects reader) {
    return (T) (stored instanceof StoredReference reference ? reference.open(reader) : copy(stored));
  }

  /**
   * A stored form as it compares ({@code equals}, {@code hashCode}, {@code toString}): the live object of a
   * reference, else the stored value itself, uncopied, which the caller must not hand out.
   */
  static Object comparable(Object stored, SharedObjects reader) {
    return stored instanceof StoredReference reference ? reference.open(reader) : stored;
  }

  private static Object copy(Object value, CopyState state) {
    if (value == null) {
      return null;
    }
    try {
      return copyAny(value, state);
    } catch (Refusal refusal) {
      throw NotStorableException.forValue(value, refusal.getMessage(), null, refusal.getCause());
    } catch (CopyState.TooLarge tooLarge) {
      throw new ValueTooLargeException(value.getClass(), tooLarge.size, state.limit(),
          "new InMemorySharedObjects(maxValueSize) (and the same setting on the Hazelcast backend)");
    }
  }

  /** Copies a value nested in another one; a refusal is reported against the outermost value. */
  static Object copyAny(Object value, CopyState state) {
    return value == null ? null : COPIERS.get(value.getClass()).copy(value, state);
  }

  /** The estimated stored size of an immutable value that is copied as it is. */
  static long leafSize(Object value) {
    if (value == null) {
      return 0;
    }
    if (value instanceof String s) {
      return 4 + utf8Length(s);
    }
    if (value instanceof Integer || value instanceof Float) {
      return 4;
    }
    if (value instanceof Long || value instanceof Double) {
      return 8;
    }
    if (value instanceof Short || value instanceof Character) {
      return 2;
    }
    if (value instanceof Byte || value instanceof Boolean) {
      return 1;
    }
    if (value instanceof BigInteger big) {
      return 4 + big.bitLength() / 8 + 1;
    }
    if (value instanceof BigDecimal decimal) {
      return 8 + decimal.unscaledValue().bitLength() / 8 + 1;
    }
    if (value instanceof Enum<?> constant) {
      return 4 + constant.name().length();
    }
    return 16; // java.time values, UUID, ZoneId: a handful of bytes
  }

  /** The stored size of a primitive array: its length and its elements at their width. */
  static long primitiveArraySize(Object array) {
    Class<?> component = array.getClass().getComponentType();
    int width = component == long.class || component == double.class ? 8
        : component == int.class || component == float.class ? 4
        : component == short.class || component == char.class ? 2
        : 1;
    return 4 + (long) Array.getLength(array) * width;
  }

  private static long utf8Length(String s) {
    long bytes = s.length();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x800) {
        // A surrogate pair is 4 bytes for 2 chars; any other char from here on is 3 bytes.
        bytes += Character.isSurrogate(c) ? 1 : 2;
      } else if (c >= 0x80) {
        bytes += 1;
      }
    }
    return bytes;
  }

  private static Copier copierFor(Class<?> type) {
    // Subclasses of BigInteger or BigDecimal may be mutable, so only the exact classes count.
    if (IMMUTABLE_TYPES.contains(type)
        || Enum.class.isAssignableFrom(type)
        || (ZoneId.class.isAssignableFrom(type) && type.getName().startsWith("java.time."))) {
      return (value, state) -> {
        state.add(leafSize(value));
        return value;
      };
    }
    if (SharedObject.class.isAssignableFrom(type)) {
      String detail = "a shared object is stored by reference only as a key, value or element itself, not"
          + " inside another value; store it on its own, or store its name() and look it up by name";
      return (value, state) -> {
        throw new Refusal(detail, null);
      };
    }
    if (type == Optional.class) {
      return ValueCopier::copyOptional;
    }
    if (type.isArray() && type.getComponentType().isPrimitive()) {
      return (value, state) -> {
        state.add(primitiveArraySize(value)); // before copying: a refused array is never duplicated
        return copyPrimitiveArray(value);
      };
    }
    if (Serializable.class.isAssignableFrom(type)) {
      return SerializationCopier::copy;
    }
    return CompactCopier::copy;
  }

  private static Object copyOptional(Object value, CopyState state) {
    Optional<?> optional = (Optional<?>) value;
    if (optional.isEmpty()) {
      return optional;
    }
    Object content = optional.get();
    try {
      return Optional.of(copyAny(content, state));
    } catch (Refusal refusal) {
      throw new Refusal(
          "its content, a " + content.getClass().getName() + ", is not storable: " + refusal.getMessage(),
          refusal.getCause());
    }
  }

  static Object copyPrimitiveArray(Object array) {
    int length = Array.getLength(array);
    Object copy = Array.newInstance(array.getClass().getComponentType(), length);
    System.arraycopy(array, 0, copy, 0, length);
    return copy;
  }

  /** Copies one value of the class it was made for. */
  @FunctionalInterface
  interface Copier {
    Object copy(Object value, CopyState state);
  }

  /**
   * Why a value, or something inside it, cannot be stored; {@link #copy} turns it into a {@link
   * NotStorableException} naming the outermost class. Carries no stack trace: it never escapes this package.
   */
  static final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refusal(String detail, Throwable cause) {
      super(detail, cause, false, false);
    }
  }
}
