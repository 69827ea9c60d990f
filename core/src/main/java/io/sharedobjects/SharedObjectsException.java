package io.sharedobjects;

/**
 * The base of the errors this library raises when the backend, not the caller's input, is at fault (for
 * example an unreachable cluster). Errors caused by the caller's input extend the standard
 * {@link IllegalArgumentException} or {@link IllegalStateException} instead, so existing handlers catch them.
 */
public class SharedObjectsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SharedObjectsException(String message) {
    super(message);
  }

  public SharedObjectsException(String message, Throwable cause) {
    super(message, cause);
  }
}
