package io.sharedobjects.tck;

import static io.sharedobjects.tck.SampleValues.jdkValueSamples;
import static io.sharedobjects.tck.SampleValues.sampleOrder;
import static io.sharedobjects.tck.SampleValues.samplePlainOrder;
import static io.sharedobjects.tck.SampleValues.unstorableSamples;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sharedobjects.NotStorableException;
import io.sharedobjects.SharedDict;
import io.sharedobjects.SharedList;
import io.sharedobjects.tck.SampleValues.HoldsThread;
import io.sharedobjects.tck.SampleValues.Order;
import io.sharedobjects.tck.SampleValues.OrderKey;
import io.sharedobjects.tck.SampleValues.PlainOrder;
import io.sharedobjects.tck.SampleValues.Point;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The rules for what can be stored: common JDK types, {@code Serializable} classes, records and
 * plain classes come back equal, keys of mixed types live together, and a key, value or element that
 * cannot be stored fails with {@code NotStorableException} and changes nothing.
 */
@Tag("dict")
@Tag("list")
abstract class StorableTypesContract extends KitContract {

  StorableTypesContract(KitFixture kit) {
    super(kit);
  }

  @Test
  @DisplayName("values of common JDK types come back equal and of the same class")
  void jdkValues() {
    SharedDict<String, Object> dict = newDict();
    Map<String, Object> values = jdkValueSamples();

    dict.putAll(values);
    values.forEach((key, value) -> dict.put(key + "-single", value));

    values.forEach(
        (key, value) -> {
          assertThat(dict.get(key)).as(key).isEqualTo(value).hasSameClassAs(value);
          assertThat(dict.get(key + "-single")).as(key + " put alone").isEqualTo(value).hasSameClassAs(value);
        });
  }

  @Test
  @DisplayName("a byte array comes back with the same contents")
  void byteArray() {
    SharedDict<String, byte[]> dict = newDict();
    byte[] bytes = {0, 1, -1, 127, -128};

    dict.put("k", bytes);

    assertThat(Arrays.equals(dict.get("k"), bytes)).isTrue();
  }

  @Test
  @DisplayName("a Serializable class comes back equal")
  void serializableClass() {
    SharedDict<String, Point> dict = newDict();

    dict.put("k", new Point(1, 2, "p"));

    assertThat(dict.get("k")).isEqualTo(new Point(1, 2, "p"));
  }

  @Test
  @DisplayName("a record that is not Serializable comes back equal, its nested record, enum and list fields included")
  void record() {
    SharedDict<String, Order> dict = newDict();
    Order order = sampleOrder();

    dict.put("k", order);

    assertThat(dict.get("k")).isEqualTo(order);
  }

  @Test
  @DisplayName("a plain class that is not Serializable comes back equal")
  void plainClass() {
    SharedDict<String, PlainOrder> dict = newDict();
    PlainOrder order = samplePlainOrder();

    dict.put("k", order);

    assertThat(dict.get("k")).isEqualTo(order);
  }

  @Test
  @DisplayName("keys of mixed types live in one dict: Integer 1, String \"2\", Double 0.25 and a record")
  void mixedKeys() {
    SharedDict<Object, String> dict = newDict();
    OrderKey recordKey = new OrderKey("eu", 7);

    dict.put(1, "int");
    dict.put("2", "string");
    dict.put(0.25, "double");
    dict.put(recordKey, "record");

    assertThat(dict.get(1)).isEqualTo("int");
    assertThat(dict.get("2")).isEqualTo("string");
    assertThat(dict.get(0.25)).isEqualTo("double");
    assertThat(dict.get(new OrderKey("eu", 7))).isEqualTo("record");
    assertThat(dict.get(2)).isNull();
    assertThat(new HashSet<>(dict.keySet())).isEqualTo(Set.of(1, "2", 0.25, recordKey));
  }

  @Test
  @DisplayName("Integer 1 and Long 1 are different keys, as in HashMap")
  void integerAndLongKeysDiffer() {
    SharedDict<Object, String> dict = newDict();

    dict.put(1, "int");
    dict.put(1L, "long");

    assertThat(dict.size()).isEqualTo(2);
    assertThat(dict.get(1)).isEqualTo("int");
    assertThat(dict.get(1L)).isEqualTo("long");
  }

  @Test
  @DisplayName("a record key is found by an equal record, and a plain value can hang off it")
  void recordKeys() {
    SharedDict<OrderKey, PlainOrder> dict = newDict();

    dict.put(new OrderKey("eu", 1), samplePlainOrder());
    dict.merge(new OrderKey("eu", 1), new PlainOrder(), (a, b) -> b);

    assertThat(dict.size()).isEqualTo(1);
    assertThat(dict.get(new OrderKey("eu", 1))).isEqualTo(new PlainOrder());
    assertThat(dict.containsKey(new OrderKey("eu", 2))).isFalse();
  }

  @Test
  @DisplayName("list elements of mixed types come back equal, in order")
  void mixedListElements() {
    SharedList<Object> list = newList();
    List<Object> elements = new ArrayList<>(jdkValueSamples().values());
    elements.add(new Point(3, 4, "q"));
    elements.add(sampleOrder());
    elements.add(samplePlainOrder());
    elements.add(null);

    list.addAll(elements.subList(0, 3));
    for (Object element : elements.subList(3, elements.size())) {
      list.add(element);
    }

    assertThat(list.snapshot()).isEqualTo(elements);
    assertThat(list.indexOf(sampleOrder())).isEqualTo(elements.indexOf(sampleOrder()));
  }

  @Test
  @DisplayName("a value that cannot be stored fails at put with NotStorableException naming its class, and nothing stored changes")
  void unstorableValue() {
    SharedDict<String, Object> dict = newDict();
    dict.put("k", "before");

    for (Object bad : unstorableSamples()) {
      String what = bad.getClass().getName();
      assertThatThrownBy(() -> dict.put("k", bad))
          .as("put of a %s", what)
          .isInstanceOf(NotStorableException.class)
          .hasMessageContaining(what)
          // The message names the fix too; making the class Serializable is always one.
          .hasMessageContaining("Serializable");
      assertThatThrownBy(() -> dict.put("new", bad)).as("put of a %s to a new key", what).isInstanceOf(NotStorableException.class);
      assertThat(dict.snapshot()).as("contents after put of a %s", what).isEqualTo(Map.of("k", "before"));
    }
  }

  @Test
  @DisplayName("a record or a Serializable class holding a Thread is refused naming the field, its class and the fix that works; no advice that cannot")
  void messageNamesTheFieldAndTheFixThatWorks() {
    SharedDict<String, Object> dict = newDict();
    Thread worker = Thread.currentThread();

    assertThatThrownBy(() -> dict.put("job", new SampleValues.JobWithThread("nightly", worker)))
        .isInstanceOf(NotStorableException.class)
        .hasMessageContaining(SampleValues.JobWithThread.class.getName())
        .hasMessageContaining("field 'worker' of type java.lang.Thread")
        .hasMessageContaining("Mark the field transient")
        // Making the record Serializable cannot help (a Thread is not), and Hazelcast's Compact advice is wrong.
        .hasMessageNotContaining("Make it java.io.Serializable")
        .hasMessageNotContaining("unrestrict")
        .hasMessageNotContaining("Compact configuration");
    assertThatThrownBy(() -> dict.put("job", new SampleValues.SerializableJobWithThread("nightly", worker)))
        .isInstanceOf(NotStorableException.class)
        .hasMessageContaining(SampleValues.SerializableJobWithThread.class.getName())
        .hasMessageContaining("SerializableJobWithThread.worker holds a java.lang.Thread, which is not java.io.Serializable")
        .hasMessageContaining("Mark the field transient")
        .hasMessageNotContaining("Make it java.io.Serializable");
    assertThat(dict.snapshot()).isEmpty();
  }

  @Test
  @DisplayName("a key that cannot be stored fails with NotStorableException naming its class, and nothing stored changes")
  void unstorableKey() {
    SharedDict<Object, String> dict = newDict();
    dict.put("k", "before");

    for (Object bad : unstorableSamples()) {
      String what = bad.getClass().getName();
      assertThatThrownBy(() -> dict.put(bad, "v"))
          .as("put with a %s key", what)
          .isInstanceOf(NotStorableException.class)
          .hasMessageContaining(what);
      assertThat(dict.snapshot()).as("contents after put with a %s key", what).isEqualTo(Map.of("k", "before"));
    }
  }

  @Test
  @DisplayName("every dict write method rejects a value that cannot be stored with NotStorableException and changes nothing")
  void unstorableValueEveryWrite() {
    SharedDict<String, Object> dict = newDict();
    dict.put("k", "before");
    Object bad = new Object();
    Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
    calls.put("putIfAbsent of a new key", () -> dict.putIfAbsent("new", bad));
    calls.put("set", () -> dict.set("k", bad));
    calls.put("replace(k, v)", () -> dict.replace("k", bad));
    calls.put("replace(k, old, new)", () -> dict.replace("k", "before", bad));
    calls.put("computeIfAbsent", () -> dict.computeIfAbsent("new", k -> bad));
    calls.put("computeIfPresent", () -> dict.computeIfPresent("k", (k, v) -> bad));
    calls.put("compute", () -> dict.compute("k", (k, v) -> bad));
    calls.put("merge into a new key", () -> dict.merge("new", bad, (a, b) -> b));
    calls.put("merge into an existing key", () -> dict.merge("k", "x", (a, b) -> bad));
    calls.put("entry setValue", () -> dict.entrySet().iterator().next().setValue(bad));
    calls.put("replaceAll", () -> dict.replaceAll((k, v) -> bad));

    calls.forEach(
        (call, code) -> {
          assertThatThrownBy(code).as(call).isInstanceOf(NotStorableException.class);
          assertThat(dict.snapshot()).as("contents after %s", call).isEqualTo(Map.of("k", "before"));
        });
  }

  @Test
  @DisplayName("putAll with one value that cannot be stored fails with NotStorableException and leaves the dict unchanged")
  void unstorablePutAll() {
    SharedDict<String, Object> dict = newDict();
    dict.put("k", "before");
    Map<String, Object> entries = new LinkedHashMap<>();
    entries.put("a", 1);
    entries.put("k", "after");
    entries.put("bad", new HoldsThread(Thread.currentThread()));
    entries.put("z", 26);

    assertThatThrownBy(() -> dict.putAll(entries))
        .isInstanceOf(NotStorableException.class)
        .hasMessageContaining(HoldsThread.class.getName());

    assertThat(dict.snapshot()).isEqualTo(Map.of("k", "before"));
  }

  @Test
  @DisplayName("a list element that cannot be stored fails at add, add(index), set and addAll, and the list is unchanged")
  void unstorableElement() {
    SharedList<Object> list = newList();
    list.addAll(List.of("a", "b"));

    for (Object bad : unstorableSamples()) {
      String what = bad.getClass().getName();
      Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
      calls.put("add", () -> list.add(bad));
      calls.put("add(index, e)", () -> list.add(1, bad));
      calls.put("set", () -> list.set(0, bad));
      calls.put("addAll", () -> list.addAll(Arrays.asList("c", bad, "d")));
      calls.put("addAll(index, c)", () -> list.addAll(1, Arrays.asList("c", bad)));
      calls.forEach(
          (call, code) -> {
            assertThatThrownBy(code)
                .as("%s of a %s", call, what)
                .isInstanceOf(NotStorableException.class)
                .hasMessageContaining(what);
            assertThat(list.snapshot()).as("contents after %s of a %s", call, what).containsExactly("a", "b");
          });
    }
  }
}
