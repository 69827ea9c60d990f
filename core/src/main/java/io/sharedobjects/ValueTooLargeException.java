package io.sharedobjects;

/**
 * A key, value or element is larger than the configured maximum size, so it was not sent or stored; nothing
 * stored changed. The message says the size, the limit and how to raise it.
 *
 * <p>The size is that of the serialized form the backend would store: exact for the Hazelcast backend, an
 * estimate for the in-memory backend (its own copy), which stops measuring once the limit is passed, so
 * there the real size may be larger still.
 *
 * <p>{@link #className()} is never null; instances are immutable.
 */
public class ValueTooLargeException extends NotStorableException {
  private static final long serialVersionUID = 1L;

  private final long size;
  private final long limit;

  public ValueTooLargeException(Class<?> type, long size, long limit, String howToRaise) {
    super(
        type,
        "Cannot store an instance of "
            + (type == null ? "null" : type.getName())
            + ": its serialized form is "
            + size
            + " bytes, over the limit of "
            + limit
            + " bytes. Large values slow down or exhaust the members that hold them; keep large data"
            + " elsewhere (a file or object store) and store its location, split it over several keys,"
            + " or raise the limit with "
            + howToRaise
            + ".",
        null);
    this.size = size;
    this.limit = limit;
  }

  /** The serialized size measured, in bytes; greater than {@link #limit()}. */
  public long size() {
    return size;
  }

  /** The configured maximum, in bytes. */
  public long limit() {
    return limit;
  }
}
