package io.sharedobjects.tck;

import static io.sharedobjects.tck.SampleValues.sampleOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.sharedobjects.SharedDict;
import io.sharedobjects.SharedList;
import io.sharedobjects.WrongTypeException;
import io.sharedobjects.tck.SampleValues.Order;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The rules for typed reads, {@code get(key, type)} and {@code get(index, type)}: a read that says
 * what is stored when it is not the type the reader expects, since erased generics cannot stop another
 * process from storing anything.
 */
@Tag("dict")
@Tag("list")
abstract class TypedReadsContract extends KitContract {

  TypedReadsContract(KitFixture kit) {
    super(kit);
  }

  @Test
  @DisplayName("dict.get(key, type) returns a value of that type, a subtype, or the wrapper of a primitive type")
  void dictTypedRead() {
    SharedDict<String, Object> dict = newDict();
    dict.put("n", 42);
    dict.put("order", sampleOrder());

    Integer n = dict.get("n", Integer.class);
    assertThat(n).isEqualTo(42);
    assertThat(dict.get("n", Number.class)).isEqualTo(42);
    assertThat(dict.get("n", int.class)).isEqualTo(42);
    assertThat(dict.get("order", Order.class)).isEqualTo(sampleOrder());
  }

  @Test
  @DisplayName("dict.get(key, type) returns null for a missing key and for a key mapped to null, as get does")
  void dictTypedReadOfNothing() {
    SharedDict<String, Object> dict = newDict();
    dict.put("null", null);

    assertThat(dict.get("missing", Integer.class)).isNull();
    assertThat(dict.get("null", Integer.class)).isNull();
  }

  @Test
  @DisplayName("a value another process stored as a String, read as an Integer, fails with WrongTypeException naming the dict, the key and both classes, and stays stored")
  void dictWrongType() {
    SharedDict<String, Object> dict = newDict();
    SharedDict<String, Object> seenByPeer = peer().dict(dict.name());
    seenByPeer.put("count", "forty-two");

    assertThatThrownBy(() -> dict.get("count", Integer.class))
        .isInstanceOf(WrongTypeException.class)
        .isInstanceOf(ClassCastException.class)
        .hasMessageContaining(dict.name())
        .hasMessageContaining("\"count\"")
        .hasMessageContaining("java.lang.String")
        .hasMessageContaining("java.lang.Integer")
        .satisfies(e -> {
          WrongTypeException wrong = (WrongTypeException) e;
          assertThat(wrong.expectedType()).isEqualTo(Integer.class);
          assertThat(wrong.actualType()).isEqualTo(String.class);
        });
    assertThat(dict.snapshot()).isEqualTo(Map.of("count", "forty-two"));
  }

  @Test
  @DisplayName("without the typed read, the same mistake is a ClassCastException at the caller's assignment")
  void untypedReadOfWrongType() {
    SharedDict<String, Object> raw = newDict();
    raw.put("count", "forty-two");
    SharedDict<String, Integer> typed = shared().dict(raw.name());

    assertThatThrownBy(() -> {
          Integer count = typed.get("count");
          fail("read %s as an Integer", count);
        })
        .isInstanceOf(ClassCastException.class)
        .isNotInstanceOf(WrongTypeException.class);
  }

  @Test
  @DisplayName("list.get(index, type) returns the element as that type, fails with WrongTypeException naming the list, the index and both classes, and throws IndexOutOfBoundsException past the end")
  void listTypedRead() {
    SharedList<Object> list = listOf(1, "two", null);

    assertThat(list.get(0, Integer.class)).isEqualTo(1);
    assertThat(list.get(1, CharSequence.class)).isEqualTo("two");
    assertThat(list.get(2, Integer.class)).isNull();
    assertThatThrownBy(() -> list.get(1, Integer.class))
        .isInstanceOf(WrongTypeException.class)
        .hasMessageContaining(list.name())
        .hasMessageContaining("index 1")
        .hasMessageContaining("java.lang.String")
        .hasMessageContaining("java.lang.Integer");
    assertThatThrownBy(() -> list.get(3, Integer.class)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(list.snapshot()).containsExactly(1, "two", null);
  }
}
