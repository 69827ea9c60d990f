package io.sharedobjects.hazelcast;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.DeterministicAead;
import com.google.crypto.tink.subtle.AesGcmJce;
import com.google.crypto.tink.subtle.AesSiv;
import com.google.crypto.tink.subtle.Hkdf;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Authenticated encryption under keys derived from one authKey, with Google Tink's primitives: AES-256-SIV
 * (deterministic: the same item always seals to the same bytes, so Hazelcast can look it up and compare it)
 * for keys and elements, and AES-256-GCM with a fresh random nonce for values.
 *
 * <p>A sealed item is {@code [magic (4 bytes)][format][key id (4 bytes)][ciphertext]}. The associated data
 * binds it to the object it belongs to and to its own header, so an item moved to another object, or given
 * another format or key id, fails verification. The magic lets a process without a key tell a sealed item
 * from a byte array a user stored ({@link #looksSealed}); the key id (derived from the key, not secret)
 * lets a reader tell "another key" from "altered" only in its message; both fail the same way.
 *
 * <p>Keys: a passphrase is stretched with PBKDF2-HMAC-SHA256 ({@value #ITERATIONS} iterations, a fixed
 * salt, so every process derives the same key) into 32 bytes; a raw key of at least {@value #MIN_KEY_BYTES}
 * bytes is used as it is. From that, HKDF-SHA256 derives the SIV key, the GCM key and the key id, each with
 * its own label. Thread-safe and immutable; never printed.
 *
 * <p>Rotation: a sealing may carry the other key of a rotation under way ({@link #rotatingWith}). Items are
 * sealed with this key only; an item sealed with either key is opened, by the key id in its header.
 */
final class Sealing {

  static final int ITERATIONS = 210_000;
  static final int MIN_KEY_BYTES = 16;
  static final byte DETERMINISTIC = 0x51;
  static final byte RANDOMIZED = 0x52;
  static final int HEADER = 9;
  private static final int MAGIC = 0xA75E_A1ED;

  private static final byte[] SALT = "io.sharedobjects authKey v1".getBytes(StandardCharsets.UTF_8);
  /** Stretched passphrases, by their SHA-256, so tests and many instances in one JVM stretch each once. */
  private static final Map<String, byte[]> STRETCHED = new ConcurrentHashMap<>();

  /** The prefix of an {@code auth-key} setting that is a raw key in Base64 rather than a passphrase. */
  static final String RAW_PREFIX = "base64:";

  /** The key everything is derived from, kept to compare sealings and to hand to child processes. */
  private final byte[] master;
  private final DeterministicAead deterministic;
  private final Aead randomized;
  private final int keyId;
  /**
   * The other key of a rotation under way, or null: items sealed with it are still read and looked up
   * ({@link #otherDeterministic}); nothing is sealed with it.
   */
  private final Sealing other;
  /** Whether {@link #other} is the newer key (rotation step 1) rather than the older one (step 2). */
  private final boolean otherIsNewer;

  private Sealing(byte[] master) {
    this(master, null, false);
  }

  private Sealing(byte[] master, Sealing other, boolean otherIsNewer) {
    this.master = master;
    this.other = other;
    this.otherIsNewer = otherIsNewer;
    try {
      this.deterministic = new AesSiv(Hkdf.computeHkdf("HMACSHA256", master, SALT, label("siv"), 64));
      this.randomized = new AesGcmJce(Hkdf.computeHkdf("HMACSHA256", master, SALT, label("gcm"), 32));
      this.keyId = ByteBuffer.wrap(Hkdf.computeHkdf("HMACSHA256", master, SALT, label("id"), 4)).getInt();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("This JVM cannot run AES-SIV and AES-GCM: " + e.getMessage(), e);
    }
  }

  /**
   * The sealing of a passphrase.
   *
   * @throws IllegalArgumentException if it is empty or blank
   */
  static Sealing ofPassphrase(String passphrase) {
    if (passphrase == null || passphrase.isBlank()) {
      throw new IllegalArgumentException("authKey(passphrase) needs a non-blank passphrase; use a long random one,"
          + " the same in every process, such as the output of: openssl rand -base64 32");
    }
    byte[] digest = sha256(passphrase.getBytes(StandardCharsets.UTF_8));
    byte[] master = STRETCHED.computeIfAbsent(java.util.HexFormat.of().formatHex(digest), ignored -> stretch(passphrase));
    return new Sealing(master);
  }

  /**
   * The sealing of a raw key.
   *
   * @throws IllegalArgumentException if it is shorter than {@value #MIN_KEY_BYTES} bytes
   */
  static Sealing ofKey(byte[] key) {
    if (key == null || key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException("authKey(byte[]) needs at least " + MIN_KEY_BYTES + " bytes (32 random"
          + " bytes recommended, the same in every process); got " + (key == null ? "null" : key.length + "."));
    }
    return new Sealing(key.clone());
  }

  /**
   * This key in a rotation with {@code otherKey}: items sealed with either are read and looked up, and
   * nothing is sealed with {@code otherKey}. {@code otherIsNewer}: it is the key being rotated to (step 1),
   * else the key being rotated away from (step 2). Null, or this key itself, leaves this key alone.
   */
  Sealing rotatingWith(Sealing otherKey, boolean otherIsNewer) {
    if (otherKey == null || MessageDigest.isEqual(master, otherKey.master)) {
      return other == null ? this : new Sealing(master);
    }
    return new Sealing(master, new Sealing(otherKey.master), otherIsNewer);
  }

  /** The other key of a rotation under way, or null. */
  Sealing other() {
    return other;
  }

  /** Whether the other key of the rotation under way is the newer one. */
  boolean otherIsNewer() {
    return otherIsNewer;
  }

  /**
   * {@code plaintext} sealed deterministically with the other key of the rotation, as a process writing with
   * that key seals it: the form under which such a process stores the same key or element. Null without one.
   */
  byte[] otherDeterministic(byte[] plaintext, byte[] object) {
    return other == null ? null : other.sealDeterministic(plaintext, object);
  }

  /** The bytes that bind a sealed item to its object, as {@link #sealDeterministic} and the others take them. */
  static byte[] objectBytes(String object) {
    return object.getBytes(StandardCharsets.UTF_8);
  }

  /** The bytes of {@code plaintext} sealed deterministically, bound to {@code object} ({@link #objectBytes}). */
  byte[] sealDeterministic(byte[] plaintext, byte[] object) {
    byte[] header = header(DETERMINISTIC);
    try {
      return join(header, deterministic.encryptDeterministically(plaintext, associated(header, object)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Sealing failed: " + e.getMessage(), e);
    }
  }

  /** The bytes of {@code plaintext} sealed with a fresh random nonce, bound to {@code object}. */
  byte[] sealRandomized(byte[] plaintext, byte[] object) {
    byte[] header = header(RANDOMIZED);
    try {
      return join(header, randomized.encrypt(plaintext, associated(header, object)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Sealing failed: " + e.getMessage(), e);
    }
  }

  /**
   * The plaintext of {@code sealed}, verified: made by this key, for {@code object}, and unchanged.
   *
   * @throws GeneralSecurityException if it was not
   */
  byte[] open(byte[] sealed, byte[] object) throws GeneralSecurityException {
    if (sealed.length <= HEADER) {
      throw new GeneralSecurityException("too short to be sealed");
    }
    byte[] header = Arrays.copyOf(sealed, HEADER);
    ByteBuffer fields = ByteBuffer.wrap(header);
    if (fields.getInt() != MAGIC) {
      throw new GeneralSecurityException("not a sealed item");
    }
    byte format = fields.get();
    int id = fields.getInt();
    Sealing key = id == keyId ? this : other != null && id == other.keyId ? other : null;
    if (key == null) {
      throw new GeneralSecurityException("sealed with another key");
    }
    byte[] ciphertext = Arrays.copyOfRange(sealed, HEADER, sealed.length);
    return switch (format) {
      case DETERMINISTIC -> key.deterministic.decryptDeterministically(ciphertext, associated(header, object));
      case RANDOMIZED -> key.randomized.decrypt(ciphertext, associated(header, object));
      default -> throw new GeneralSecurityException("not a sealed item");
    };
  }

  /**
   * A stored item of {@code object} as Hazelcast returned it, sealed again with this key, in the same format,
   * if the other key of the rotation under way sealed it (verified first): for moving it to this key. Else,
   * or if it fails verification (for its readers to report), the item itself.
   */
  Object resealed(Object item, byte[] object) {
    if (!(item instanceof byte[] sealed) || !sealedWithOther(sealed)) {
      return item;
    }
    try {
      byte[] plaintext = open(sealed, object);
      return sealed[4] == DETERMINISTIC ? sealDeterministic(plaintext, object) : sealRandomized(plaintext, object);
    } catch (GeneralSecurityException altered) {
      return item;
    }
  }

  /** Whether {@code sealed} (a sealed item) was sealed with the other key of the rotation under way. */
  boolean sealedWithOther(byte[] sealed) {
    return other != null && sealed.length > HEADER && ByteBuffer.wrap(sealed, 5, 4).getInt() == other.keyId;
  }

  /**
   * The sealing of an {@code auth-key} setting: a passphrase, or {@value #RAW_PREFIX} and a raw key in
   * Base64.
   *
   * @throws IllegalArgumentException if it is blank, or a raw key that is not Base64 or too short
   */
  static Sealing parse(String text) {
    if (!text.startsWith(RAW_PREFIX)) {
      return ofPassphrase(text);
    }
    try {
      return ofKey(java.util.Base64.getDecoder().decode(text.substring(RAW_PREFIX.length()).trim()));
    } catch (IllegalArgumentException notBase64) {
      if (notBase64.getMessage() != null && notBase64.getMessage().startsWith("authKey")) {
        throw notBase64;
      }
      throw new IllegalArgumentException("a raw key after " + RAW_PREFIX + " must be Base64 (such as the output"
          + " of: openssl rand -base64 32)");
    }
  }

  /** This key as an {@code auth-key} setting ({@link #parse} reads it back): for a child process's stdin only. */
  String asSetting() {
    return RAW_PREFIX + java.util.Base64.getEncoder().encodeToString(master);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Sealing that && MessageDigest.isEqual(master, that.master)
        && java.util.Objects.equals(this.other, that.other) && otherIsNewer == that.otherIsNewer;
  }

  @Override
  public int hashCode() {
    return keyId;
  }

  @Override
  public String toString() {
    return "(hidden)";
  }

  private byte[] header(byte format) {
    return ByteBuffer.allocate(HEADER).putInt(MAGIC).put(format).putInt(keyId).array();
  }

  /**
   * Whether a value read by a process without a key is an item sealed by one with a key: a byte array that
   * starts as sealed items do (a user's own byte array starting with the same nine bytes would be taken
   * for one; the odds are 1 in 2^32 for random bytes, before the format byte).
   */
  static boolean looksSealed(Object value) {
    return value instanceof byte[] bytes && bytes.length > HEADER
        && ByteBuffer.wrap(bytes).getInt() == MAGIC && (bytes[4] == DETERMINISTIC || bytes[4] == RANDOMIZED);
  }

  private static byte[] associated(byte[] header, byte[] object) {
    return join(header, object);
  }

  private static byte[] label(String purpose) {
    return ("shared-objects v1 " + purpose).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] join(byte[] first, byte[] second) {
    byte[] joined = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, joined, first.length, second.length);
    return joined;
  }

  private static byte[] stretch(String passphrase) {
    PBEKeySpec spec = new PBEKeySpec(passphrase.toCharArray(), SALT, ITERATIONS, 256);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("This JVM cannot run PBKDF2WithHmacSHA256: " + e.getMessage(), e);
    } finally {
      spec.clearPassword();
    }
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
