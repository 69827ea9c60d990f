package io.sharedobjects.spring.integration;

import io.sharedobjects.InvalidNameException;
import io.sharedobjects.SharedNames;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Maps Spring Integration lock keys to shared-lock names under a prefix, the same in every process.
 *
 * <p>A key is identified by its text: a {@code String} itself, any other key its {@code toString()} (so
 * {@code 42} and {@code "42"} are one lock). A text that is a valid name suffix, starting with an ASCII
 * letter or digit, using only letters, digits and {@code . _ - : /}, and short enough, maps to
 * {@code prefix/text}. Any other text maps to {@code prefix/_sha256/} and the 64 hex digits of the SHA-256 of
 * its UTF-8 bytes. The two forms never meet (a plain suffix never starts with {@code _}); two plain names are
 * equal only for equal texts, two hashed names only for texts with the same SHA-256, which is collision-free
 * in practice. (A text with an unpaired surrogate, which is not Unicode, is hashed as Java's UTF-8 encoder
 * writes it, with {@code ?} in its place.) Stateless and thread-safe.
 */
final class LockNames {

  /** What a plain suffix may be: the name rule of {@link SharedNames}, so {@code prefix/suffix} is valid. */
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]*");

  /** Between the prefix and the hash; starts with '_', which no plain suffix does. */
  static final String HASHED = "_sha256/";

  private static final int HASH_DIGITS = 64;

  /** The longest prefix with room for a hashed suffix: {@code prefix/_sha256/} and 64 hex digits. */
  static final int MAX_PREFIX_LENGTH = SharedNames.MAX_LENGTH - 1 - HASHED.length() - HASH_DIGITS;

  private final String prefix;

  LockNames(String prefix) {
    if (prefix == null) {
      throw new InvalidNameException("The lock registry's prefix must not be null; pass one such as \"lock-registry\".");
    }
    SharedNames.validate(prefix);
    if (prefix.length() > MAX_PREFIX_LENGTH) {
      throw new InvalidNameException("The lock registry's prefix must be at most " + MAX_PREFIX_LENGTH
          + " characters, to leave room for a hashed key; this one has " + prefix.length() + ".");
    }
    this.prefix = prefix;
  }

  String prefix() {
    return prefix;
  }

  /** The shared-lock name for this key. */
  String nameOf(Object key) {
    String text = textOf(key);
    if (PLAIN.matcher(text).matches() && prefix.length() + 1 + text.length() <= SharedNames.MAX_LENGTH) {
      return prefix + "/" + text;
    }
    return prefix + "/" + HASHED + sha256(text);
  }

  private static String textOf(Object key) {
    if (key == null) {
      throw new IllegalArgumentException(
          "A lock key must not be null; pass a String such as \"nightly-report\".");
    }
    if (key instanceof String string) {
      return string;
    }
    if (key.getClass().isArray() || toStringOf(key.getClass()).getDeclaringClass() == Object.class) {
      throw new IllegalArgumentException("A lock key of " + key.getClass().getName()
          + " has no toString() of its own, so its text differs from one process to the next and would name"
          + " a different lock in each; pass a String, or a key whose toString() is the same in every process"
          + " (a number, a UUID, an enum, a record of such values).");
    }
    String text = key.toString();
    if (text == null) {
      throw new IllegalArgumentException("The lock key " + key.getClass().getName()
          + " has a toString() that returned null; pass a String, or a key whose toString() names it.");
    }
    return text;
  }

  private static Method toStringOf(Class<?> type) {
    try {
      return type.getMethod("toString");
    } catch (NoSuchMethodException e) {
      throw new AssertionError("every class has toString()", e);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every Java platform has SHA-256", e);
    }
  }
}
