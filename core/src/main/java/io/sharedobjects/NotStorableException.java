package io.sharedobjects;

import io.sharedobjects.inmemory.Storability;

/**
 * A key, value or element cannot be stored in a shared object; nothing stored was changed. The message
 * names the offending class and how to make it storable.
 */
public class NotStorableException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String className;

  public NotStorableException(Class<?> type, String message, Throwable cause) {
    super(message, cause);
    this.className = type == null ? "null" : type.getName();
  }

  private static boolean isJdk(Class<?> type) {
    String name = type == null ? "" : type.getName();
    return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.");
  }

  /** The name of the class that could not be stored. */
  public String className() {
    return className;
  }

  /**
   * The message for a value a backend refused: which field holds what cannot be stored, and the one fix
   * that applies ({@link Storability}); where that cannot be told, the {@linkplain #forClass standard
   * message} with the backend's {@code detail} and {@code backendAdvice} (null for none).
   */
  public static NotStorableException forValue(Object value, String detail, String backendAdvice, Throwable cause) {
    String explained = Storability.explain(value);
    if (explained == null) {
      return forClass(value.getClass(), detail, backendAdvice, cause);
    }
    return new NotStorableException(value.getClass(),
        "Cannot store an instance of " + value.getClass().getName() + ": " + explained + ".", cause);
  }

  /** The standard message for a class that cannot be serialized, with no advice beyond this API's own. */
  public static NotStorableException forClass(Class<?> type, String detail, Throwable cause) {
    return forClass(type, detail, null, cause);
  }

  /**
   * The standard message for a class that cannot be serialized, ending with a backend's own further way to
   * make it storable (such as {@code "register a Hazelcast serializer for it"}), or none if {@code null}.
   */
  public static NotStorableException forClass(Class<?> type, String detail, String backendAdvice, Throwable cause) {
    return new NotStorableException(
        type,
        "Cannot store an instance of "
            + type.getName()
            + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")")
            + (isJdk(type)
                ? ". A JDK class that is not java.io.Serializable cannot be stored: store what it stands for"
                    + " (a name, an id, its data) instead"
                : ". Make it java.io.Serializable, or a record or plain class whose fields are all storable"
                    + " (primitives, strings, numbers, java.time types, enums, arrays, lists, sets, maps and"
                    + " other such classes)"
                    + (backendAdvice == null ? "" : ", or " + backendAdvice))
            + ".",
        cause);
  }
}
