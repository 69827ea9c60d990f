package io.sharedobjects;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The naming rule every backend applies, so a name valid for one is valid for all.
 *
 * <p>A valid name is 1 to 200 characters of ASCII letters, digits and {@code . _ - : /}, and starts with a
 * letter or digit. Names starting with an underscore are reserved for the library's own bookkeeping.
 * This class is stateless and thread-safe.
 */
public final class SharedNames {

  /** The longest name accepted. */
  public static final int MAX_LENGTH = 200;

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]*");

  private SharedNames() {}

  /**
   * Returns {@code name} if it is valid.
   *
   * @throws InvalidNameException saying what is wrong and what a valid name looks like
   */
  public static String validate(String name) {
    if (name == null) {
      throw new InvalidNameException("A shared object's name must not be null; pass a name such as \"orders\".");
    }
    if (name.isEmpty()) {
      throw new InvalidNameException("A shared object's name must not be empty; pass a name such as \"orders\".");
    }
    if (name.length() > MAX_LENGTH) {
      throw new InvalidNameException(
          "A shared object's name must be at most " + MAX_LENGTH + " characters; this one has " + name.length() + ".");
    }
    if (!VALID.matcher(name).matches()) {
      throw new InvalidNameException(
          "Invalid shared object name \""
              + name
              + "\": use ASCII letters, digits and . _ - : / only, starting with a letter or digit"
              + " (names starting with '_' are reserved).");
    }
    return name;
  }

  /** A new unique name for an anonymous object of the given kind, such as {@code dict-3f2a...}. */
  public static String unique(String kind) {
    return kind + "-" + UUID.randomUUID();
  }
}
