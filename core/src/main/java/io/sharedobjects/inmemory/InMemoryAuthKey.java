package io.sharedobjects.inmemory;

import io.sharedobjects.AuthKeyMismatchException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The in-memory stand-in for the Hazelcast backend's authKey: not encryption (nothing leaves this JVM), but
 * a faithful check of keys. It keeps only a fingerprint of the key, SHA-256 over a domain label, whether it
 * is a passphrase or a raw key, and the key's bytes; never the key itself.
 *
 * <p>{@link #seal} wraps a stored key, value or element in a {@link SealedItem} bound to this fingerprint
 * and to its object; {@link #open} gives back what was wrapped, and fails with {@link
 * AuthKeyMismatchException} for an item wrapped under another key, or not wrapped at all. A process
 * without a key uses the static {@link #open(InMemoryAuthKey, Object, String)} with null, which refuses
 * every wrapped item. Null is never wrapped: it holds no data, and dicts and values tell "absent" by it.
 *
 * <p>Immutable and thread-safe; equal when the fingerprints are; {@link #toString()} shows nothing of it.
 */
final class InMemoryAuthKey {

  static final int MIN_KEY_BYTES = 16;
  private static final byte[] DOMAIN = "io.sharedobjects in-memory authKey v1".getBytes(StandardCharsets.UTF_8);
  private static final byte PASSPHRASE = 1;
  private static final byte RAW_KEY = 2;

  private final byte[] fingerprint;
  private final int hash;

  private InMemoryAuthKey(byte type, byte[] key) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(DOMAIN);
      digest.update(type);
      digest.update(key);
      this.fingerprint = digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("This JVM has no SHA-256: " + e.getMessage(), e);
    }
    this.hash = Arrays.hashCode(fingerprint);
  }

  /**
   * The key of a passphrase, as the Hazelcast backend's {@code authKey(String)} takes it.
   *
   * @throws IllegalArgumentException if it is null, empty or blank (the Hazelcast backend's message)
   */
  static InMemoryAuthKey ofPassphrase(String passphrase) {
    if (passphrase == null || passphrase.isBlank()) {
      throw new IllegalArgumentException("authKey(passphrase) needs a non-blank passphrase; use a long random one,"
          + " the same in every process, such as the output of: openssl rand -base64 32");
    }
    return new InMemoryAuthKey(PASSPHRASE, passphrase.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The key of raw bytes, as the Hazelcast backend's {@code authKey(byte[])} takes it; the array is only
   * read, never kept.
   *
   * @throws IllegalArgumentException if it is null or shorter than {@value #MIN_KEY_BYTES} bytes (the
   *     Hazelcast backend's message)
   */
  static InMemoryAuthKey ofKey(byte[] key) {
    if (key == null || key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException("authKey(byte[]) needs at least " + MIN_KEY_BYTES + " bytes (32 random"
          + " bytes recommended, the same in every process); got " + (key == null ? "null" : key.length + "."));
    }
    return new InMemoryAuthKey(RAW_KEY, key);
  }

  /**
   * {@code stored} (a copy or reference, as {@link ValueCopier#toStored} makes it) wrapped for {@code object}
   * (as {@code "dict 'orders'"}) under {@code key}; unchanged if {@code key} is null or {@code stored} is
   * null.
   */
  static Object seal(InMemoryAuthKey key, Object stored, String object) {
    return key == null || stored == null ? stored : new SealedItem(key, object, stored);
  }

  /**
   * What {@link #seal} wrapped, verified: wrapped under {@code key} for {@code object}, or, for a null key,
   * not wrapped at all. Null is null.
   *
   * @throws AuthKeyMismatchException naming {@code object} if it was not; nothing is changed
   */
  static Object open(InMemoryAuthKey key, Object stored, String object) {
    if (stored == null) {
      return null;
    }
    if (stored instanceof SealedItem sealed) {
      if (key != null && key.equals(sealed.key()) && sealed.object().equals(object)) {
        return sealed.payload();
      }
      throw new AuthKeyMismatchException(object, null);
    }
    if (key != null) {
      throw new AuthKeyMismatchException(object, null);
    }
    return stored;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof InMemoryAuthKey that && MessageDigest.isEqual(fingerprint, that.fingerprint);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return "(hidden)";
  }
}
