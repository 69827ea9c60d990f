package io.sharedobjects.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sharedobjects.NotStorableException;
import io.sharedobjects.SharedDict;
import io.sharedobjects.SharedList;
import io.sharedobjects.ValueTooLargeException;
import io.sharedobjects.tck.SampleValues.Blob;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The rules for the size limit: a key, value or element whose stored form is larger is refused
 * with {@code ValueTooLargeException} before it is sent, nothing stored changes, and one just under the
 * limit is stored whole.
 */
@Tag("dict")
@Tag("list")
abstract class SizeLimitContract extends KitContract {

  SizeLimitContract(KitFixture kit) {
    super(kit);
  }

  @Test
  @DisplayName("values over the limit (a byte array, a string, a Serializable list, a record holding an array) fail at put with ValueTooLargeException saying the size and the limit")
  void valueOverLimit() {
    SharedDict<String, Object> dict = newDict();
    dict.put("k", "before");

    for (Object big : oversizedSamples()) {
      String what = big.getClass().getName();
      assertThatThrownBy(() -> dict.put("k", big))
          .as("put of a %s", what)
          .isInstanceOf(ValueTooLargeException.class)
          .isInstanceOf(NotStorableException.class)
          .hasMessageContaining(what)
          .hasMessageContaining(Long.toString(maxValueSize()))
          .hasMessageContaining("maxValueSize")
          .satisfies(e -> {
            ValueTooLargeException tooLarge = (ValueTooLargeException) e;
            assertThat(tooLarge.limit()).isEqualTo(maxValueSize());
            assertThat(tooLarge.size()).isGreaterThan(maxValueSize());
          });
      assertThatThrownBy(() -> dict.set("k", big)).as("set of a %s", what).isInstanceOf(ValueTooLargeException.class);
      assertThatThrownBy(() -> dict.putIfAbsent("new", big)).as("putIfAbsent of a %s", what)
          .isInstanceOf(ValueTooLargeException.class);
      assertThatThrownBy(() -> dict.merge("k", "x", (a, b) -> big)).as("merge into a %s", what)
          .isInstanceOf(ValueTooLargeException.class);
      assertThat(dict.snapshot()).as("contents after a %s", what).isEqualTo(Map.of("k", "before"));
    }
  }

  @Test
  @DisplayName("a key over the limit fails with ValueTooLargeException, and nothing stored changes")
  void keyOverLimit() {
    SharedDict<Object, String> dict = newDict();
    dict.put("k", "before");
    String bigKey = "k".repeat(Math.toIntExact(maxValueSize() + 1));

    assertThatThrownBy(() -> dict.put(bigKey, "v")).isInstanceOf(ValueTooLargeException.class);
    assertThat(dict.snapshot()).isEqualTo(Map.of("k", "before"));
  }

  @Test
  @DisplayName("a list element over the limit fails at add, set and addAll, and the list is unchanged")
  void elementOverLimit() {
    SharedList<Object> list = listOf("a", "b");
    byte[] big = new byte[Math.toIntExact(maxValueSize() + 1)];

    Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
    calls.put("add", () -> list.add(big));
    calls.put("add(index, e)", () -> list.add(1, big));
    calls.put("set", () -> list.set(0, big));
    calls.put("addAll", () -> list.addAll(Arrays.asList("c", big)));
    calls.forEach((call, code) -> {
      assertThatThrownBy(code).as(call).isInstanceOf(ValueTooLargeException.class);
      assertThat(list.snapshot()).as("contents after %s", call).containsExactly("a", "b");
    });
  }

  @Test
  @DisplayName("a value just under the limit is stored and read back whole")
  void valueUnderLimit() {
    SharedDict<String, byte[]> dict = newDict();
    byte[] value = new byte[Math.toIntExact(maxValueSize() - 1024)];
    for (int i = 0; i < value.length; i += 4096) {
      value[i] = (byte) (i / 4096);
    }

    dict.put("k", value);

    // Compared here rather than with isEqualTo, whose failure message would print megabytes.
    assertThat(Arrays.equals(dict.get("k"), value)).as("the value read back equals the one put").isTrue();
    dict.remove("k");
  }

  private List<Object> oversizedSamples() {
    int over = Math.toIntExact(maxValueSize() + 1);
    int half = over / 2 + 1;
    return List.of(
        new byte[over],
        "x".repeat(over),
        new ArrayList<>(List.of(new byte[half], new byte[half])),
        new Blob("big", new byte[over]));
  }
}
