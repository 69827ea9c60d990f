package io.sharedobjects;

/**
 * A value read through a typed accessor ({@link SharedDict#get(Object, Class)}, {@link
 * SharedList#get(int, Class)}) is not of the type asked for; nothing stored changed. Another process
 * probably stored a different type under the same key or position.
 *
 * <p>It is a {@link ClassCastException}, which is what the same mistake raises without the typed accessor
 * (at the caller's assignment), so existing handlers still catch it. {@link #expectedType()} and {@link
 * #actualType()} are never null (a null value is never the wrong type); instances are immutable.
 */
public class WrongTypeException extends ClassCastException {
  private static final long serialVersionUID = 1L;

  private final Class<?> expectedType;
  private final Class<?> actualType;

  public WrongTypeException(String message, Class<?> expectedType, Class<?> actualType) {
    super(message);
    this.expectedType = expectedType;
    this.actualType = actualType;
  }

  /** The type asked for. */
  public Class<?> expectedType() {
    return expectedType;
  }

  /** The class of the value actually stored. */
  public Class<?> actualType() {
    return actualType;
  }

  /**
   * Returns {@code value} as a {@code type}, boxing primitive types ({@code int.class} accepts an
   * {@code Integer}); null passes as null.
   *
   * @param where what was read, for the message, such as {@code "dict 'orders', key 42"}
   * @throws WrongTypeException if {@code value} is not null and not an instance of {@code type}
   */
  @SuppressWarnings("unchecked")
  static <T> T check(Object value, Class<T> type, String where) {
    Class<?> boxed = box(java.util.Objects.requireNonNull(type, "type"));
    if (value == null || boxed.isInstance(value)) {
      return (T) value;
    }
    Class<?> actual = value.getClass();
    String loaders = actual.getName().equals(boxed.getName())
        ? " (same name, but loaded by different class loaders: " + actual.getClassLoader() + " and "
            + boxed.getClassLoader() + ")"
        : "";
    throw new WrongTypeException(
        where + " holds a " + actual.getName() + ", not the " + type.getName() + " asked for" + loaders
            + ". Another process may have stored a different type there; read it untyped to see what it is,"
            + " and keep one value type per dict or list.",
        type,
        actual);
  }

  /** A key as messages show it: its {@code toString}, cut short, and its class. */
  static String describe(Object key) {
    if (key == null) {
      return "null";
    }
    String text = String.valueOf(key);
    if (text.length() > 100) {
      text = text.substring(0, 100) + "...";
    }
    return key instanceof String ? "\"" + text + "\"" : text + " (" + key.getClass().getName() + ")";
  }

  private static Class<?> box(Class<?> type) {
    if (!type.isPrimitive()) {
      return type;
    }
    if (type == int.class) {
      return Integer.class;
    } else if (type == long.class) {
      return Long.class;
    } else if (type == double.class) {
      return Double.class;
    } else if (type == boolean.class) {
      return Boolean.class;
    } else if (type == float.class) {
      return Float.class;
    } else if (type == short.class) {
      return Short.class;
    } else if (type == byte.class) {
      return Byte.class;
    } else if (type == char.class) {
      return Character.class;
    }
    return Void.class;
  }
}
