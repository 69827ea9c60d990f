package io.sharedobjects;

/** A shared object's name is not valid; see {@link SharedNames#validate(String)} for the rule. */
public class InvalidNameException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidNameException(String message) {
    super(message);
  }
}
