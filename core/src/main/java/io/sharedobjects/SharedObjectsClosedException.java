package io.sharedobjects;

/** A {@link SharedObjects} instance, or an object obtained from it, was used after {@code close()}. */
public class SharedObjectsClosedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public SharedObjectsClosedException(String message) {
    super(message);
  }
}
