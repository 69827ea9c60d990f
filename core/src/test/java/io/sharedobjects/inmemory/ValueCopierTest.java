package io.sharedobjects.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sharedobjects.NotStorableException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.Socket;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("ValueCopier accepts what Hazelcast stores, copies it, and refuses the rest")
class ValueCopierTest {

  // ---- value classes used below ---------------------------------------------------------------------

  enum Color { RED, GREEN { @Override public String toString() { return "green"; } } }

  static final class MutableSerializable implements Serializable {
    private static final long serialVersionUID = 1L;
    List<String> items = new ArrayList<>();
    transient String cache = "cached";

    @Override
    public boolean equals(Object o) {
      return o instanceof MutableSerializable m && m.items.equals(items);
    }

    @Override
    public int hashCode() {
      return items.hashCode();
    }
  }

  record SerializableRecord(String name, List<Integer> numbers) implements Serializable {}

  record Inner(String label, int[] values) {}

  /** Every field kind that zero-config Compact accepts. */
  record Everything(
      boolean aBoolean, byte aByte, short aShort, char aChar, int anInt, long aLong, float aFloat, double aDouble,
      Boolean boxedBoolean, Byte boxedByte, Short boxedShort, Character boxedChar, Integer boxedInt, Long boxedLong,
      Float boxedFloat, Double boxedDouble, String string, BigDecimal decimal, LocalDate date, LocalTime time,
      LocalDateTime dateTime, OffsetDateTime offsetDateTime, Color color, Inner inner, int[] ints, String[] strings,
      Inner[] inners, Color[] colors, List<String> list, ArrayList<Integer> arrayList, Set<String> set,
      HashSet<Color> hashSet, Map<String, Integer> map, HashMap<String, Inner> hashMap) {}

  /** A plain class without a no-arg constructor, with final fields and a transient one. */
  static class Plain {
    final String name;
    final List<String> tags;
    transient int transientCount;
    private int count;

    Plain(String name, List<String> tags) {
      this.name = Objects.requireNonNull(name);
      this.tags = tags;
    }
  }

  static class Base {
    String baseField = "base";
  }

  static final class Derived extends Base {
    int derivedField;
  }

  static final class Node {
    String value;
    Node next;
  }

  static final class WithObject { Object o; }
  static final class WithSerializable { Serializable s; }
  static final class WithInstant { Instant at; }
  static final class WithUuid { UUID id; }
  static final class WithDuration { Duration d; }
  static final class WithBigInteger { BigInteger b; }
  static final class WithOptional { Optional<String> maybe; }
  static final class WithThread { Thread thread; }
  static final class WithListOfObject { List<Object> things; }
  static final class WithRawList { @SuppressWarnings("rawtypes") List things; }
  static final class WithRunnable { Runnable task; }
  static final class WithNestedLists { List<List<String>> lists; }
  static final class WithMatrix { int[][] matrix; }
  static final class WithBadNested { WithObject inner; }
  record RecordWithObject(Object o) {}
  record Person(String name) {}

  // ---- accepted: immutable JDK values are returned as they are -------------------------------------

  static Stream<Object> immutableValues() {
    return Stream.of(
        "text", 42, 42L, (short) 4, (byte) 2, 1.5f, 2.5d, 'c', true, new BigInteger("123456789012345678901234567890"),
        new BigDecimal("1.50"), Instant.now(), LocalDate.of(2024, 2, 29), LocalTime.NOON, LocalDateTime.now(),
        OffsetDateTime.now(), ZonedDateTime.now(), Duration.ofSeconds(5), UUID.randomUUID(), Color.RED, Color.GREEN,
        DayOfWeek.MONDAY, ZoneId.of("Europe/Paris"), ZoneOffset.UTC);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("immutableValues")
  @DisplayName("immutable JDK value types are returned as they are")
  void immutableValuesAreSharedAsIs(Object value) {
    assertThat(ValueCopier.copy(value)).isSameAs(value);
  }

  @Test
  @DisplayName("null copies as null")
  void nullIsNull() {
    assertThat((Object) ValueCopier.copy(null)).isNull();
  }

  // ---- accepted and copied ----------------------------------------------------------------------------

  static Stream<Arguments> copiedValues() {
    MutableSerializable serializable = new MutableSerializable();
    serializable.items.add("x");
    serializable.cache = null; // transient: dropped by the copy, as shown below
    Map<String, Integer> withNulls = new HashMap<>();
    withNulls.put(null, 1);
    withNulls.put("n", null);
    return Stream.of(
        Arguments.of("int[]", new int[] {1, 2, 3}),
        Arguments.of("byte[]", new byte[] {1, 2}),
        Arguments.of("char[]", new char[] {'a'}),
        Arguments.of("String[]", new String[] {"a", null}),
        Arguments.of("Object[] of serializable things", new Object[] {1, "a", List.of(2)}),
        Arguments.of("ArrayList", new ArrayList<>(List.of("a", "b"))),
        Arguments.of("List.of", List.of("a", "b")),
        Arguments.of("HashMap with null key and value", withNulls),
        Arguments.of("Serializable class", serializable),
        Arguments.of("Serializable record", new SerializableRecord("r", new ArrayList<>(List.of(1)))),
        Arguments.of("Optional of a list", Optional.of(new ArrayList<>(List.of("a")))),
        Arguments.of("Optional of a record", Optional.of(new Person("ann"))),
        Arguments.of("record of Compact fields", everything()),
        Arguments.of("record", new Person("ann")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("copiedValues")
  @DisplayName("storable mutable values are copied: equal content, not the same object")
  void mutableValuesAreCopied(String kind, Object value) {
    Object copy = ValueCopier.copy(value);
    assertThat(copy).isNotSameAs(value).usingRecursiveComparison().isEqualTo(value);
    assertThat(copy).hasSameClassAs(value);
  }

  @Test
  @DisplayName("an empty Optional stays empty")
  void emptyOptional() {
    assertThat(ValueCopier.copy(Optional.empty())).isEmpty();
  }

  @Test
  @DisplayName("the content of an Optional is copied")
  void optionalContentIsCopied() {
    List<String> content = new ArrayList<>(List.of("a"));
    Optional<List<String>> copy = ValueCopier.copy(Optional.of(content));
    content.add("b");
    assertThat(copy).contains(List.of("a"));
  }

  @Test
  @DisplayName("a Serializable copy is deep and drops transient state, as Java serialization does")
  void serializableCopyIsDeep() {
    MutableSerializable original = new MutableSerializable();
    original.items.add("a");
    MutableSerializable copy = ValueCopier.copy(original);
    original.items.add("b");
    assertThat(copy.items).containsExactly("a");
    assertThat(copy.cache).isNull();
  }

  @Test
  @DisplayName("a record of every Compact field kind is copied deeply")
  void compactRecordCopyIsDeep() {
    Everything original = everything();
    Everything copy = ValueCopier.copy(original);
    assertThat(copy).usingRecursiveComparison().isEqualTo(original);
    assertThat(copy.ints()).isNotSameAs(original.ints());
    assertThat(copy.inner()).isNotSameAs(original.inner());
    assertThat(copy.inner().values()).isNotSameAs(original.inner().values());
    assertThat(copy.inners()[0]).isNotSameAs(original.inners()[0]);
    assertThat(copy.list()).isNotSameAs(original.list()).isInstanceOf(ArrayList.class);
    assertThat(copy.hashMap().get("k")).isNotSameAs(original.hashMap().get("k"));
    original.arrayList().add(99);
    assertThat(copy.arrayList()).doesNotContain(99);
  }

  @Test
  @DisplayName("a plain class with no no-arg constructor is copied field by field, transient fields reset")
  void plainClassWithoutNoArgConstructor() {
    Plain original = new Plain("p", List.of("t"));
    original.count = 3;
    original.transientCount = 7;
    Plain copy = ValueCopier.copy(original);
    assertThat(copy).isNotSameAs(original);
    assertThat(copy.name).isEqualTo("p");
    assertThat(copy.tags).isEqualTo(List.of("t")).isInstanceOf(ArrayList.class);
    assertThat(copy.count).isEqualTo(3);
    assertThat(copy.transientCount).isZero();
  }

  @Test
  @DisplayName("inherited fields are copied")
  void inheritedFields() {
    Derived original = new Derived();
    original.baseField = "changed";
    original.derivedField = 5;
    Derived copy = ValueCopier.copy(original);
    assertThat(copy.baseField).isEqualTo("changed");
    assertThat(copy.derivedField).isEqualTo(5);
  }

  @Test
  @DisplayName("a self-referencing type is fine, a cycle of objects is refused")
  void selfReferencingTypes() {
    Node first = new Node();
    first.value = "1";
    first.next = new Node();
    first.next.value = "2";
    Node copy = ValueCopier.copy(first);
    assertThat(copy.next.value).isEqualTo("2");
    assertThat(copy.next).isNotSameAs(first.next);

    first.next.next = first;
    assertThatThrownBy(() -> ValueCopier.copy(first))
        .isInstanceOf(NotStorableException.class)
        .hasMessageContaining("cycles");
  }

  // ---- refused -----------------------------------------------------------------------------------------

  static Stream<Arguments> refusedValues() {
    List<Object> listWithObject = new ArrayList<>(List.of("ok", new Object()));
    @SuppressWarnings({"unchecked", "rawtypes"})
    List<String> polluted = (List) new ArrayList<>(List.of(1));
    WithNestedStrings heapPolluted = new WithNestedStrings();
    heapPolluted.names = polluted;
    return Stream.of(
        refused("new Object()", Object::new, "java.lang.Object is a JDK class"),
        refused("a Thread", Thread::new, "java.lang.Thread is a JDK class"),
        refused("a Socket", Socket::new, "java.net.Socket is a JDK class"),
        refused("a lambda", () -> (Runnable) () -> {}, "hidden class"),
        refused("an Object field", WithObject::new, "field 'o' of type java.lang.Object is not storable"),
        refused("a record with an Object component", () -> new RecordWithObject("x"),
            "field 'o' of type java.lang.Object is not storable"),
        refused("a Serializable field", WithSerializable::new, "field 's' of type java.io.Serializable"),
        refused("an Instant field", WithInstant::new, "field 'at' of type java.time.Instant"),
        refused("a UUID field", WithUuid::new, "field 'id' of type java.util.UUID"),
        refused("a Duration field", WithDuration::new, "field 'd' of type java.time.Duration"),
        refused("a BigInteger field", WithBigInteger::new, "field 'b' of type java.math.BigInteger"),
        refused("an Optional field", WithOptional::new, "field 'maybe' of type java.util.Optional<java.lang.String>"),
        refused("a Thread field", WithThread::new, "field 'thread' of type java.lang.Thread"),
        refused("a List<Object> field", WithListOfObject::new,
            "field 'things' of type java.util.List<java.lang.Object> is not storable"),
        refused("a raw List field", WithRawList::new, "field 'things' of type java.util.List"),
        refused("an interface field", WithRunnable::new, "field 'task' of type java.lang.Runnable"),
        refused("a List<List<String>> field", WithNestedLists::new, "field 'lists'"),
        refused("an int[][] field", WithMatrix::new, "field 'matrix' of type int[][]"),
        refused("a nested class with an Object field", WithBadNested::new,
            "field 'inner' of type " + WithObject.class.getName()
                + " is not storable: field 'o' of type java.lang.Object is not storable"),
        refused("a List<String> field holding an Integer", () -> heapPolluted, "java.lang.Integer"),
        refused("a Serializable list holding an Object", () -> listWithObject,
            "java.lang.Object, which is not java.io.Serializable"),
        refused("an ArrayList of non-Serializable records (stricter than Hazelcast)",
            () -> new ArrayList<>(List.of(new Person("a"))), "not java.io.Serializable"),
        refused("an Optional of an Object", () -> Optional.of(new Object()), "its content, a java.lang.Object"),
        refused("a shared dict", () -> new InMemorySharedObjects().dict(), "store its name()"));
  }

  static final class WithNestedStrings { List<String> names; }

  private static Arguments refused(String kind, Supplier<Object> value, String detail) {
    return Arguments.of(kind, value, detail);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedValues")
  @DisplayName("what Hazelcast cannot store is refused with NotStorableException naming class and culprit")
  void refusedWithAClearMessage(String kind, Supplier<Object> supplier, String detail) {
    Object value = supplier.get();
    assertThatThrownBy(() -> ValueCopier.copy(value))
        .isInstanceOf(NotStorableException.class)
        .hasMessageStartingWith("Cannot store an instance of " + value.getClass().getName())
        .hasMessageContaining(detail)
        .hasMessageContaining("Serializable")
        .satisfies(e -> assertThat(((NotStorableException) e).className()).isEqualTo(value.getClass().getName()));
  }

  @Test
  @DisplayName("a class is analysed once: repeated copies give the same result")
  void repeatedCopies() {
    for (int i = 0; i < 3; i++) {
      assertThat(ValueCopier.copy(new Person("p" + i))).isEqualTo(new Person("p" + i));
      assertThatThrownBy(() -> ValueCopier.copy(new WithObject())).isInstanceOf(NotStorableException.class);
    }
  }

  @Nested
  @DisplayName("arrays")
  class Arrays_ {
    @Test
    @DisplayName("a primitive array copy is independent of the original")
    void primitiveArray() {
      int[] original = {1, 2};
      int[] copy = ValueCopier.copy(original);
      original[0] = 9;
      assertThat(copy).containsExactly(1, 2);
    }

    @Test
    @DisplayName("an array of non-Serializable records is refused, as Java serialization refuses it")
    void arrayOfRecords() {
      assertThatThrownBy(() -> ValueCopier.copy(new Person[] {new Person("a")}))
          .isInstanceOf(NotStorableException.class)
          .hasMessageContaining(Person.class.getName());
    }

    @Test
    @DisplayName("an Object[] of serializable values is copied deeply")
    void objectArray() {
      List<String> inner = new ArrayList<>(List.of("a"));
      Object[] copy = ValueCopier.copy(new Object[] {inner});
      inner.add("b");
      assertThat(Arrays.asList(copy)).containsExactly(List.of("a"));
    }
  }

  private static Everything everything() {
    Inner inner = new Inner("in", new int[] {1, 2});
    return new Everything(
        true, (byte) 1, (short) 2, 'c', 3, 4L, 5.5f, 6.5d, Boolean.FALSE, (byte) 7, (short) 8, 'd', 9, 10L, 11.5f, 12.5d,
        "s", new BigDecimal("13.50"), LocalDate.of(2024, 1, 2), LocalTime.of(3, 4), LocalDateTime.of(2024, 1, 2, 3, 4),
        OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2)), Color.GREEN, inner, new int[] {1},
        new String[] {"a", null}, new Inner[] {inner, null}, new Color[] {Color.RED}, List.of("l1", "l2"),
        new ArrayList<>(List.of(1, 2)), Set.of("s1"), new HashSet<>(Set.of(Color.RED)), Map.of("m", 1),
        new HashMap<>(Map.of("k", inner)));
  }
}
