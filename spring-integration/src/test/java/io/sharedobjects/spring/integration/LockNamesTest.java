package io.sharedobjects.spring.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sharedobjects.InvalidNameException;
import io.sharedobjects.SharedNames;
import io.sharedobjects.inmemory.InMemorySharedObjects;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How lock keys become shared-lock names: {@link SharedObjectsLockRegistry#lockName(Object)}. */
class LockNamesTest {

  private static final String HASHED = "lock-registry/_sha256/";

  private final InMemorySharedObjects shared = new InMemorySharedObjects();
  private final SharedObjectsLockRegistry registry = new SharedObjectsLockRegistry(shared);

  @AfterEach
  void close() {
    shared.close();
  }

  private record Shard(String region, int number) {}

  private enum Job { NIGHTLY_REPORT }

  @Test
  @DisplayName("a key that is a valid name suffix is kept as it is, after the prefix and a slash")
  void plainKeys() {
    assertThat(registry.lockName("nightly-report")).isEqualTo("lock-registry/nightly-report");
    assertThat(registry.lockName("orders/eu:17_a.b")).isEqualTo("lock-registry/orders/eu:17_a.b");
    assertThat(new SharedObjectsLockRegistry(shared, "billing").lockName("invoices"))
        .isEqualTo("billing/invoices");
    assertThat(registry.obtain("nightly-report").name()).isEqualTo("lock-registry/nightly-report");
  }

  @Test
  @DisplayName("other keys are named by their toString(): numbers, UUIDs, enums and records, so 42 and \"42\" are one lock")
  void nonStringKeys() {
    UUID id = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
    assertThat(registry.lockName(42)).isEqualTo(registry.lockName("42")).isEqualTo("lock-registry/42");
    assertThat(registry.lockName(id)).isEqualTo("lock-registry/123e4567-e89b-12d3-a456-426614174000");
    assertThat(registry.lockName(Job.NIGHTLY_REPORT)).isEqualTo("lock-registry/NIGHTLY_REPORT");
    // A record's text has spaces and brackets: hashed, the same for equal records.
    assertThat(registry.lockName(new Shard("eu", 3))).startsWith(HASHED)
        .isEqualTo(registry.lockName(new Shard("eu", 3)))
        .isEqualTo(registry.lockName("Shard[region=eu, number=3]"))
        .isNotEqualTo(registry.lockName(new Shard("eu", 4)));
  }

  @Test
  @DisplayName("a key outside the name rule is named prefix/_sha256/ and the SHA-256 of its UTF-8 text, in lowercase hex")
  void hashedKeys() {
    // SHA-256 of the empty string, the standard test vector.
    assertThat(registry.lockName(""))
        .isEqualTo(HASHED + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    for (String odd : new String[] {"order #17", "Zürich", " leading space", "_reserved", "-dash", "a\nb", "日本"}) {
      String name = registry.lockName(odd);
      assertThat(name).as(odd).matches("lock-registry/_sha256/[0-9a-f]{64}");
      assertThat(SharedNames.validate(name)).isEqualTo(name);
    }
  }

  @Test
  @DisplayName("a plain key too long for a name (with the prefix, over 200 characters) is hashed; one that fits is kept")
  void longKeys() {
    String fits = "k".repeat(SharedNames.MAX_LENGTH - "lock-registry/".length());
    String tooLong = fits + "k";
    assertThat(registry.lockName(fits)).isEqualTo("lock-registry/" + fits).hasSize(SharedNames.MAX_LENGTH);
    assertThat(registry.lockName(tooLong)).startsWith(HASHED);
    assertThat(registry.lockName(tooLong)).isNotEqualTo(registry.lockName(tooLong + "k"));
  }

  @Test
  @DisplayName("the mapping is deterministic and collision-free: equal texts, one name; 20,000 distinct texts, 20,000 names; plain and hashed never meet")
  void collisionFree() {
    Random random = new Random(14);
    Set<String> texts = new HashSet<>();
    Set<String> names = new HashSet<>();
    String alphabet = "ab09._:/- #ü\n";
    InMemorySharedObjects otherProcess = new InMemorySharedObjects();
    SharedObjectsLockRegistry otherRegistry = new SharedObjectsLockRegistry(otherProcess);
    while (texts.size() < 20_000) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(12);
      for (int i = 0; i < length; i++) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      if (texts.add(text.toString())) {
        String name = registry.lockName(text.toString());
        assertThat(otherRegistry.lockName(text.toString())).isEqualTo(name);
        names.add(name);
      }
    }
    otherProcess.close();
    assertThat(names).hasSameSizeAs(texts);
    // A key whose text looks like a hashed name is itself hashed, so it cannot take another key's name.
    String hashedEmpty = registry.lockName("");
    String lookalike = hashedEmpty.substring("lock-registry/".length());
    assertThat(registry.lockName(lookalike)).startsWith(HASHED).isNotEqualTo(hashedEmpty);
  }

  @Test
  @DisplayName("a null key, an array, or a key without a toString() of its own fails with IllegalArgumentException saying what to pass")
  void badKeys() {
    assertThatThrownBy(() -> registry.obtain(null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not be null").hasMessageContaining("pass a String");
    assertThatThrownBy(() -> registry.obtain(new Object())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.Object has no toString() of its own").hasMessageContaining("pass a String");
    assertThatThrownBy(() -> registry.obtain(new int[] {1})).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[I has no toString() of its own");
    Runnable lambda = () -> {};
    assertThatThrownBy(() -> registry.lockName(lambda)).isInstanceOf(IllegalArgumentException.class);
    Object nullText = new Object() {
      @Override
      public String toString() {
        return null;
      }
    };
    assertThatThrownBy(() -> registry.lockName(nullText)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("returned null");
  }

  @Test
  @DisplayName("the prefix must be a valid name of at most 127 characters, leaving room for a hashed key")
  void prefixRules() {
    assertThat(new SharedObjectsLockRegistry(shared, "p".repeat(127)).lockName("")).hasSize(SharedNames.MAX_LENGTH);
    assertThatThrownBy(() -> new SharedObjectsLockRegistry(shared, "p".repeat(128)))
        .isInstanceOf(InvalidNameException.class).hasMessageContaining("at most 127");
    assertThatThrownBy(() -> new SharedObjectsLockRegistry(shared, "_internal")).isInstanceOf(InvalidNameException.class);
    assertThatThrownBy(() -> new SharedObjectsLockRegistry(shared, "")).isInstanceOf(InvalidNameException.class);
    assertThatThrownBy(() -> new SharedObjectsLockRegistry(shared, null)).isInstanceOf(InvalidNameException.class);
    assertThatThrownBy(() -> new SharedObjectsLockRegistry(null)).isInstanceOf(NullPointerException.class);
  }
}
