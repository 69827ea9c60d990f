package io.sharedobjects.tck;

import static io.sharedobjects.tck.KitAssertions.assertAllFailClosed;
import static io.sharedobjects.tck.KitFixture.uniqueName;
import static io.sharedobjects.tck.Races.THREADS;
import static io.sharedobjects.tck.SampleValues.sampleOrder;
import static io.sharedobjects.tck.SampleValues.samplePlainOrder;
import static io.sharedobjects.tck.SampleValues.unstorableSamples;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sharedobjects.NotStorableException;
import io.sharedobjects.SharedObjects;
import io.sharedobjects.SharedValue;
import io.sharedobjects.WrongTypeException;
import io.sharedobjects.tck.SampleValues.Basket;
import io.sharedobjects.tck.SampleValues.Order;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The rules for a shared value: an {@code AtomicReference} across processes, holding null until set, whose
 * reads and writes are copies, whose compare-and-set compares by {@code equals}, and whose every update is
 * atomic against the threads of every peer.
 */
@Tag("value")
abstract class ValueContract extends KitContract {

  /** Updates per race thread: each is a few round trips on a cluster. */
  private static final int OPS = 100;

  ValueContract(KitFixture kit) {
    super(kit);
  }

  @Test
  @DisplayName("a new value holds null, read plainly or typed")
  void newValueIsNull() {
    SharedValue<String> value = newValue();

    assertThat(value.get()).isNull();
    assertThat(value.get(String.class)).isNull();
  }

  @Test
  @DisplayName("set stores the value for every process; a peer reads an equal copy")
  void setAndGet() {
    SharedValue<Order> value = newValue();
    value.set(sampleOrder());

    assertThat(value.get()).isEqualTo(sampleOrder());
    assertThat(peer().<Order>value(value.name()).get()).isEqualTo(sampleOrder());
  }

  @Test
  @DisplayName("JDK values, records and plain classes are stored and read back equal")
  void storableTypes() {
    SharedValue<Object> value = newValue();
    List<Object> samples = new ArrayList<>(SampleValues.jdkValueSamples().values());
    samples.add(sampleOrder());
    samples.add(samplePlainOrder());

    for (Object sample : samples) {
      value.set(sample);
      assertThat(value.get()).as("%s", sample.getClass().getName()).isEqualTo(sample);
    }
  }

  @Test
  @DisplayName("null may be set, read and compared, as in AtomicReference")
  void nulls() {
    SharedValue<String> value = newValue();
    value.set("a");

    value.set(null);
    assertThat(value.get()).isNull();
    assertThat(value.getAndSet("b")).isNull();
    assertThat(value.compareAndSet("b", null)).isTrue();
    assertThat(value.get()).isNull();
    assertThat(value.compareAndSet(null, null)).isTrue();
    assertThat(value.compareAndSet("b", "c")).isFalse();
    assertThat(value.compareAndSet(null, "c")).isTrue();
    assertThat(value.get()).isEqualTo("c");
    assertThat(value.compareAndSet(null, "d")).isFalse();
    assertThat(value.get()).isEqualTo("c");
  }

  @Test
  @DisplayName("getAndSet returns the value it replaced, and a peer sees the new one")
  void getAndSet() {
    SharedValue<Integer> value = newValue();
    SharedValue<Integer> viaPeer = peer().value(value.name());

    assertThat(value.getAndSet(1)).isNull();
    assertThat(viaPeer.getAndSet(2)).isEqualTo(1);
    assertThat(value.getAndSet(3)).isEqualTo(2);
    assertThat(viaPeer.get()).isEqualTo(3);
  }

  @Test
  @DisplayName("compareAndSet compares by equals: an equal copy matches, a different value does not and changes nothing")
  void compareAndSetByEquals() {
    SharedValue<Object> value = newValue();
    value.set(sampleOrder());

    assertThat(value.compareAndSet(samplePlainOrder(), "no")).isFalse();
    assertThat(value.get()).isEqualTo(sampleOrder());
    assertThat(value.compareAndSet(sampleOrder(), new ArrayList<>(List.of("a")))).isTrue();
    assertThat(peer().value(value.name()).compareAndSet(List.of("a"), "done")).as("an equal List of another class").isTrue();
    assertThat(value.get()).isEqualTo("done");
  }

  @Test
  @DisplayName("compareAndSet and updateAndGet work on a HashSet whose copies iterate in another order than the stored one")
  void hashSetValue() {
    SharedValue<HashSet<Integer>> value = newValue();
    // A copy of a set read back iterates (and so serializes) 1 and 16 in another order than the set stored,
    // though the two are equal: an update that compared serialized forms of copies would never succeed.
    value.set(wideSet(1, 16));

    assertThat(value.updateAndGet(set -> {
      set.add(3);
      return set;
    })).containsExactlyInAnyOrder(1, 3, 16);
    assertThat(value.get()).containsExactlyInAnyOrder(1, 3, 16);

    value.set(wideSet(1, 16));
    assertThat(value.compareAndSet(new HashSet<>(List.of(16, 1)), new HashSet<>(List.of(2)))).isTrue();
    assertThat(value.get()).containsExactly(2);
  }

  /** A set in a table of 64, where 1 and 16 iterate in another order than in a copy's smaller table. */
  private static HashSet<Integer> wideSet(Integer... elements) {
    HashSet<Integer> wide = new HashSet<>(64);
    wide.addAll(List.of(elements));
    return wide;
  }

  @Test
  @DisplayName("updateAndGet returns the new value and getAndUpdate the old one; both store the function's result")
  void updates() {
    SharedValue<Integer> value = newValue();

    assertThat(value.updateAndGet(x -> x == null ? 10 : x + 1)).isEqualTo(10);
    assertThat(value.getAndUpdate(x -> x * 2)).isEqualTo(10);
    assertThat(value.get()).isEqualTo(20);
    assertThat(peer().<Integer>value(value.name()).updateAndGet(x -> x + 1)).isEqualTo(21);
    assertThat(value.getAndUpdate(x -> null)).isEqualTo(21);
    assertThat(value.get()).isNull();
  }

  @Test
  @DisplayName("the update function gets a copy: changing it in place and returning it stores the change, and getAndUpdate still returns the value before")
  void updateFunctionGetsCopy() {
    SharedValue<ArrayList<String>> value = newValue();
    value.set(new ArrayList<>(List.of("a")));

    ArrayList<String> before = value.getAndUpdate(list -> {
      list.add("b");
      return list;
    });

    assertThat(before).containsExactly("a");
    assertThat(value.get()).containsExactly("a", "b");
  }

  @Test
  @DisplayName("a value read is a copy, and so is a value set: changing either changes nothing stored")
  void copies() {
    SharedValue<Basket> value = newValue();
    Basket original = new Basket("ann", List.of("apple"));
    value.set(original);
    original.getItems().add("pear");

    Basket read = value.get();
    read.getItems().add("plum");

    assertThat(value.get()).isEqualTo(new Basket("ann", List.of("apple")));
    assertThat(value.get()).isNotSameAs(value.get());
  }

  @Test
  @DisplayName("get(type) returns the value as that type, a supertype or the wrapper of a primitive type")
  void typedRead() {
    SharedValue<Object> value = newValue();
    value.set(42);

    Integer read = value.get(Integer.class);
    assertThat(read).isEqualTo(42);
    assertThat(value.get(Number.class)).isEqualTo(42);
    assertThat(value.get(int.class)).isEqualTo(42);
  }

  @Test
  @DisplayName("a value another process stored as a String, read as an Integer, fails with WrongTypeException naming the value and both classes, and stays stored")
  void wrongType() {
    SharedValue<Object> value = newValue();
    peer().value(value.name()).set("forty-two");

    assertThatThrownBy(() -> value.get(Integer.class))
        .isInstanceOf(WrongTypeException.class)
        .isInstanceOf(ClassCastException.class)
        .hasMessageContaining(value.name())
        .hasMessageContaining("java.lang.String")
        .hasMessageContaining("java.lang.Integer")
        .satisfies(e -> {
          WrongTypeException wrong = (WrongTypeException) e;
          assertThat(wrong.expectedType()).isEqualTo(Integer.class);
          assertThat(wrong.actualType()).isEqualTo(String.class);
        });
    assertThat(value.get()).isEqualTo("forty-two");
  }

  @Test
  @DisplayName("a value that cannot be stored fails with NotStorableException naming its class, from set, getAndSet, compareAndSet or an update function, and the value stays as it was")
  void unstorable() {
    SharedValue<Object> value = newValue();
    value.set("before");

    for (Object bad : unstorableSamples()) {
      Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
      calls.put("set", () -> value.set(bad));
      calls.put("getAndSet", () -> value.getAndSet(bad));
      calls.put("compareAndSet", () -> value.compareAndSet("before", bad));
      calls.put("updateAndGet", () -> value.updateAndGet(x -> bad));
      calls.put("getAndUpdate", () -> value.getAndUpdate(x -> bad));
      calls.forEach((call, code) -> assertThatThrownBy(code).as("%s of a %s", call, bad.getClass().getName())
          .isInstanceOf(NotStorableException.class)
          .hasMessageContaining(bad.getClass().getName()));
    }
    assertThat(value.get()).isEqualTo("before");
  }

  @Test
  @DisplayName("updateAndGet and getAndUpdate refuse a null function with NullPointerException, and change nothing")
  void nullFunction() {
    SharedValue<String> value = newValue();
    value.set("kept");

    assertThatThrownBy(() -> value.updateAndGet(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> value.getAndUpdate(null)).isInstanceOf(NullPointerException.class);
    assertThat(value.get()).isEqualTo("kept");
  }

  @Test
  @DisplayName("a function that throws leaves the value as it was, and its exception reaches the caller")
  void throwingFunction() {
    SharedValue<String> value = newValue();
    value.set("kept");

    assertThatThrownBy(() -> value.updateAndGet(x -> {
      throw new IllegalStateException("refused by the function");
    })).isInstanceOf(IllegalStateException.class).hasMessage("refused by the function");
    assertThat(value.get()).isEqualTo("kept");
  }

  @Test
  @DisplayName("updateAndGet(x -> x + 1) from 4 threads on two peers counts every update, each returning a value no other returned")
  void updateRace() {
    String name = newValue().name();
    SharedObjects peer = peer();
    Set<Integer> returned = ConcurrentHashMap.newKeySet();
    AtomicInteger updates = new AtomicInteger();

    race(t -> {
      SharedValue<Integer> value = instanceFor(t, peer).value(name);
      for (int i = 0; i < OPS; i++) {
        returned.add(value.updateAndGet(x -> x == null ? 1 : x + 1));
        updates.incrementAndGet();
      }
    });

    assertThat(updates).hasValue(THREADS * OPS);
    assertThat(shared().<Integer>value(name).get()).isEqualTo(THREADS * OPS);
    assertThat(returned).hasSize(THREADS * OPS);
  }

  @Test
  @DisplayName("compare-and-set loops from 4 threads on two peers count every increment")
  void compareAndSetRace() {
    SharedValue<Integer> counter = newValue();
    counter.set(0);
    SharedObjects peer = peer();

    race(t -> {
      SharedValue<Integer> value = instanceFor(t, peer).value(counter.name());
      for (int i = 0; i < OPS; i++) {
        Integer current;
        do {
          current = value.get();
        } while (!value.compareAndSet(current, current + 1));
      }
    });

    assertThat(counter.get()).isEqualTo(THREADS * OPS);
  }

  @Test
  @DisplayName("getAndSet from 4 threads on two peers hands each value on exactly once: the values returned and the last one set are every value once")
  void getAndSetRace() {
    String name = newValue().name();
    SharedObjects peer = peer();
    List<String> returned = new CopyOnWriteArrayList<>();

    race(t -> {
      SharedValue<String> value = instanceFor(t, peer).value(name);
      for (int i = 0; i < OPS; i++) {
        returned.add(value.getAndSet(t + "-" + i));
      }
    });

    List<String> seen = new ArrayList<>(returned);
    seen.add(shared().<String>value(name).get());
    List<String> expected = new ArrayList<>();
    expected.add(null);
    for (int t = 0; t < THREADS; t++) {
      for (int i = 0; i < OPS; i++) {
        expected.add(t + "-" + i);
      }
    }
    assertThat(seen).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  @DisplayName("destroy sets the value back to null for every process, and the same name works again")
  void destroy() {
    SharedValue<String> value = newValue();
    SharedValue<String> viaPeer = peer().value(value.name());
    value.set("a");

    value.destroy();

    assertThat(viaPeer.get()).isNull();
    assertThat(viaPeer.compareAndSet(null, "b")).isTrue();
    assertThat(value.get()).isEqualTo("b");
    assertThat(shared().<String>value(value.name()).get()).isEqualTo("b");
  }

  @Test
  @DisplayName("a value, a counter and a dict of the same name are separate objects")
  void kindsShareNames() {
    String name = uniqueName();
    SharedValue<String> value = track(KitFixture.Kind.VALUE, shared().value(name));
    track(KitFixture.Kind.COUNTER, shared().counter(name));
    track(KitFixture.Kind.DICT, shared().dict(name));

    value.set("text");
    shared().counter(name).incrementAndGet();
    shared().<String, String>dict(name).put("k", "v");

    assertThat(value.get()).isEqualTo("text");
    assertThat(shared().counter(name).get()).isEqualTo(1);
    assertThat(shared().<String, String>dict(name).snapshot()).isEqualTo(Map.of("k", "v"));
  }

  @Test
  @DisplayName("value() creates a new value holding null under a unique name that reaches it from a peer")
  void unnamed() {
    SharedValue<String> value = track(KitFixture.Kind.VALUE, shared().value());
    SharedValue<String> other = track(KitFixture.Kind.VALUE, shared().value());

    assertThat(value.name()).isNotEqualTo(other.name());
    assertThat(value.get()).isNull();
    value.set("found");
    assertThat(peer().<String>value(value.name()).get()).isEqualTo("found");
  }

  @Test
  @DisplayName("toString is the value's, as AtomicReference's")
  void toStringIsTheValues() {
    SharedValue<List<Integer>> value = newValue();
    assertThat(value.toString()).isEqualTo("null");
    value.set(List.of(1, 2));
    assertThat(value.toString()).isEqualTo("[1, 2]");
  }

  @Test
  @DisplayName("after close, value(...) and every call of a value obtained before fail with SharedObjectsClosedException")
  void closed() {
    SharedValue<String> value = newValue();
    value.set("a");
    SharedObjects peer = peer();
    shared().close();

    Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
    calls.put("value(name)", () -> shared().value(uniqueName()));
    calls.put("value()", () -> shared().value());
    calls.put("get", value::get);
    calls.put("get(type)", () -> value.get(String.class));
    calls.put("set", () -> value.set("b"));
    calls.put("getAndSet", () -> value.getAndSet("b"));
    calls.put("compareAndSet", () -> value.compareAndSet("a", "b"));
    calls.put("updateAndGet", () -> value.updateAndGet(x -> "b"));
    calls.put("getAndUpdate", () -> value.getAndUpdate(x -> "b"));
    assertAllFailClosed(calls);
    assertThat(peer.<String>value(value.name()).get()).as("the value stays for other processes").isEqualTo("a");
  }
}
