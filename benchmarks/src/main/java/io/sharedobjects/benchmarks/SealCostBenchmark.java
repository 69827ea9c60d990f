package io.sharedobjects.benchmarks;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.subtle.AesGcmJce;
import com.google.crypto.tink.subtle.ChaCha20Poly1305;
import com.google.crypto.tink.subtle.XChaCha20Poly1305;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Where a sealed put's extra time goes ({@link AuthKeyBenchmark}): the authenticated cipher that seals a dict
 * value with a fresh nonce and opens the old value a put returns, on an item of the size a 12-character
 * string makes (a tag byte and its UTF-8), with associated data the size of the header and the object's name;
 * AES-GCM is the one the authKey uses, the ChaCha20 variants its alternatives in Tink. Also the draw of a
 * 12-byte nonce from the JDK's default {@code SecureRandom}, which AES-GCM's seal includes. Average time per
 * call, 1 thread; run only when named ({@code RunAll --include SealCostBenchmark}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
public class SealCostBenchmark {

  @Param({"AES-GCM", "ChaCha20-Poly1305", "XChaCha20-Poly1305"})
  public String cipher;

  private final byte[] plaintext = new byte[13];
  private final byte[] associated = new byte[9 + "dict 'auth-key-bench'".length()];
  private final SecureRandom random = new SecureRandom();
  private final byte[] nonce = new byte[12];
  private Aead aead;
  private byte[] sealed;

  @Setup
  public void setUp() throws GeneralSecurityException {
    byte[] key = new byte[32];
    random.nextBytes(key);
    aead = switch (cipher) {
      case "AES-GCM" -> new AesGcmJce(key);
      case "ChaCha20-Poly1305" -> new ChaCha20Poly1305(key);
      default -> new XChaCha20Poly1305(key);
    };
    sealed = aead.encrypt(plaintext, associated);
  }

  @Benchmark
  public byte[] seal() throws GeneralSecurityException {
    return aead.encrypt(plaintext, associated);
  }

  @Benchmark
  public byte[] open() throws GeneralSecurityException {
    return aead.decrypt(sealed, associated);
  }

  @Benchmark
  public byte[] drawNonce() {
    random.nextBytes(nonce);
    return nonce;
  }
}
