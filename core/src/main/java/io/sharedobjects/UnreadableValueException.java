package io.sharedobjects;

/**
 * A stored value could not be read back in this process, typically because its class is missing here or
 * is an incompatible version; the stored data is unchanged.
 */
public class UnreadableValueException extends SharedObjectsException {
  private static final long serialVersionUID = 1L;

  public UnreadableValueException(String message, Throwable cause) {
    super(message, cause);
  }
}
