package io.sharedobjects.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The authKey's sealing on its own: what verifies, what does not, and what is never shown. */
class SealingTest {

  private static final byte[] ITEM = "the quarterly numbers".getBytes(StandardCharsets.UTF_8);
  private static final Sealing KEY = Sealing.ofPassphrase("correct horse battery staple");
  private static final byte[] DICT_A = Sealing.objectBytes("dict 'a'");
  private static final byte[] DICT_B = Sealing.objectBytes("dict 'b'");
  private static final byte[] SET_S = Sealing.objectBytes("set 's'");
  private static final byte[] SET_T = Sealing.objectBytes("set 't'");
  private static final byte[] VALUE_V = Sealing.objectBytes("value 'v'");

  @Test
  @DisplayName("an item sealed either way opens with the same key for the same object, and hides its bytes")
  void roundTrips() throws GeneralSecurityException {
    for (byte[] sealed : new byte[][] {KEY.sealDeterministic(ITEM, DICT_A), KEY.sealRandomized(ITEM, DICT_A)}) {
      assertThat(KEY.open(sealed, DICT_A)).isEqualTo(ITEM);
      assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("quarterly");
      assertThat(Sealing.looksSealed(sealed)).isTrue();
    }
  }

  @Test
  @DisplayName("deterministic sealing gives the same bytes each time; randomized sealing never does")
  void determinism() {
    assertThat(KEY.sealDeterministic(ITEM, SET_S)).isEqualTo(KEY.sealDeterministic(ITEM, SET_S));
    assertThat(KEY.sealRandomized(ITEM, SET_S)).isNotEqualTo(KEY.sealRandomized(ITEM, SET_S));
    assertThat(KEY.sealDeterministic(ITEM, SET_S)).as("bound to the object")
        .isNotEqualTo(KEY.sealDeterministic(ITEM, SET_T));
  }

  @Test
  @DisplayName("another key, another object, or any flipped byte fails verification")
  void refusesWhatIsNotItsOwn() {
    byte[] sealed = KEY.sealRandomized(ITEM, DICT_A);
    assertThatThrownBy(() -> Sealing.ofPassphrase("another passphrase").open(sealed, DICT_A))
        .isInstanceOf(GeneralSecurityException.class);
    assertThatThrownBy(() -> KEY.open(sealed, DICT_B)).isInstanceOf(GeneralSecurityException.class);
    for (int i = 0; i < sealed.length; i++) {
      byte[] altered = sealed.clone();
      altered[i] ^= 0x01;
      int at = i;
      assertThatThrownBy(() -> KEY.open(altered, DICT_A)).as("byte %d flipped", at)
          .isInstanceOf(GeneralSecurityException.class);
    }
  }

  @Test
  @DisplayName("a passphrase and the raw key it stretches to are the same key; the raw form round-trips as a setting")
  void rawKeyAndSetting() throws GeneralSecurityException {
    Sealing parsed = Sealing.parse(KEY.asSetting());
    assertThat(parsed).isEqualTo(KEY);
    assertThat(parsed.open(KEY.sealRandomized(ITEM, VALUE_V), VALUE_V)).isEqualTo(ITEM);
    assertThat(Sealing.parse("correct horse battery staple")).isEqualTo(KEY);
    byte[] raw = new byte[32];
    raw[0] = 7;
    assertThat(Sealing.parse("base64:" + Base64.getEncoder().encodeToString(raw))).isEqualTo(Sealing.ofKey(raw));
  }

  @Test
  @DisplayName("blank passphrases, short or non-Base64 raw keys fail with a message that says what to use")
  void badKeys() {
    assertThatThrownBy(() -> Sealing.ofPassphrase(" ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("openssl rand");
    assertThatThrownBy(() -> Sealing.ofKey(new byte[15])).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 16 bytes");
    assertThatThrownBy(() -> Sealing.parse("base64:not*base64")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be Base64");
  }

  @Test
  @DisplayName("the key never shows in toString; a user's own byte array is not taken for a sealed item")
  void hidden() {
    assertThat(KEY.toString()).isEqualTo("(hidden)").doesNotContain("horse");
    assertThat(Sealing.looksSealed(ITEM)).isFalse();
    assertThat(Sealing.looksSealed(new byte[64])).isFalse();
    assertThat(Sealing.looksSealed("text")).isFalse();
  }
}
