package io.sharedobjects;

/**
 * A stored item could not be verified with this process's authKey: it was written by a process with another
 * key or with none, or it was altered in the cluster. Nothing of it was deserialized, and nothing stored was
 * changed by the failed read. Every process sharing objects must be given the same authKey.
 */
public class AuthKeyMismatchException extends UnreadableValueException {
  private static final long serialVersionUID = 1L;

  private final String object;

  /**
   * @param object the object read, as {@code "dict 'orders'"}
   * @param cause what the verification reported, or null
   */
  public AuthKeyMismatchException(String object, Throwable cause) {
    super(object + ": a stored item is not sealed with this process's authKey (written by a process with another"
        + " key or none, or altered in the cluster); nothing of it was deserialized and nothing stored changed."
        + " Give every process the same key: authKey(...) on the builder, shared-objects.auth-key, or"
        + " SHARED_OBJECTS_AUTH_KEY.", cause);
    this.object = object;
  }

  /** The object whose stored item failed verification, as {@code "dict 'orders'"}. */
  public String object() {
    return object;
  }
}
