package io.sharedobjects;

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

  /** The name of the class that could not be stored. */
  public String className() {
    return className;
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
            + ". Make it java.io.Serializable, or a record or plain class whose fields are all storable"
            + " (primitives, strings, numbers, java.time types, enums, arrays, lists, sets, maps and other"
            + " such classes)"
            + (backendAdvice == null ? "" : ", or " + backendAdvice)
            + ".",
        cause);
  }
}
