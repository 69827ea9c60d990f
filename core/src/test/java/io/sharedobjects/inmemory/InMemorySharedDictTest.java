package io.sharedobjects.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.sharedobjects.NotStorableException;
import io.sharedobjects.SharedDict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("InMemorySharedDict")
class InMemorySharedDictTest {

  private final InMemorySharedObjects shared = new InMemorySharedObjects();

  @AfterEach
  void close() {
    shared.close();
  }

  /** A non-Serializable plain class, stored by the Compact rules. */
  static final class Counter {
    int count;
    List<String> log = new ArrayList<>();
  }

  @Nested
  @DisplayName("behaves as HashMap does with nulls")
  class HashMapParity {

    /** A key's state before the operation. */
    enum Start { ABSENT, MAPPED_TO_NULL, MAPPED_TO_VALUE }

    static Stream<Arguments> operations() {
      Map<String, Function<Map<String, String>, Object>> operations = new java.util.LinkedHashMap<>();
      operations.put("get", m -> m.get(KEY.get()));
      operations.put("containsKey", m -> m.containsKey(KEY.get()));
      operations.put("getOrDefault", m -> m.getOrDefault(KEY.get(), "default"));
      operations.put("put null", m -> m.put(KEY.get(), null));
      operations.put("put value", m -> m.put(KEY.get(), "new"));
      operations.put("putIfAbsent value", m -> m.putIfAbsent(KEY.get(), "new"));
      operations.put("putIfAbsent null", m -> m.putIfAbsent(KEY.get(), null));
      operations.put("remove", m -> m.remove(KEY.get()));
      operations.put("remove if null", m -> m.remove(KEY.get(), null));
      operations.put("remove if old", m -> m.remove(KEY.get(), "old"));
      operations.put("replace", m -> m.replace(KEY.get(), "new"));
      operations.put("replace with null", m -> m.replace(KEY.get(), null));
      operations.put("replace null with value", m -> m.replace(KEY.get(), null, "new"));
      operations.put("replace old with null", m -> m.replace(KEY.get(), "old", null));
      operations.put("computeIfAbsent value", m -> m.computeIfAbsent(KEY.get(), k -> "new"));
      operations.put("computeIfAbsent null", m -> m.computeIfAbsent(KEY.get(), k -> null));
      operations.put("computeIfPresent value", m -> m.computeIfPresent(KEY.get(), (k, v) -> v + "!"));
      operations.put("computeIfPresent null", m -> m.computeIfPresent(KEY.get(), (k, v) -> null));
      operations.put("compute value", m -> m.compute(KEY.get(), (k, v) -> v + "!"));
      operations.put("compute null", m -> m.compute(KEY.get(), (k, v) -> null));
      operations.put("merge value", m -> m.merge(KEY.get(), "new", String::concat));
      operations.put("merge to null", m -> m.merge(KEY.get(), "new", (a, b) -> null));
      operations.put("merge null value", m -> m.merge(KEY.get(), null, String::concat));
      operations.put("merge null function", m -> m.merge(KEY.get(), "new", null));
      operations.put("compute null function", m -> m.compute(KEY.get(), null));
      operations.put("replaceAll", m -> {
        m.replaceAll((k, v) -> v == null ? "was null" : null);
        return null;
      });
      List<Arguments> arguments = new ArrayList<>();
      for (String key : new String[] {"k", null}) {
        for (Start start : Start.values()) {
          operations.forEach((name, operation) -> arguments.add(Arguments.of(name, key, start, operation)));
        }
      }
      return arguments.stream();
    }

    // Lets the operations above read the parameterized key without capturing it.
    private static final ThreadLocal<String> KEY = new ThreadLocal<>();

    @ParameterizedTest(name = "{0}, key {1}, {2}")
    @MethodSource("operations")
    @DisplayName("same result, same exception, same contents as HashMap")
    void sameAsHashMap(String name, String key, Start start, Function<Map<String, String>, Object> operation) {
      Map<String, String> expected = new HashMap<>();
      SharedDict<String, String> actual = shared.dict();
      for (Map<String, String> map : List.of(expected, actual)) {
        map.put("other", "o");
        if (start == Start.MAPPED_TO_NULL) {
          map.put(key, null);
        } else if (start == Start.MAPPED_TO_VALUE) {
          map.put(key, "old");
        }
      }
      KEY.set(key);
      try {
        Object expectedResult = outcome(operation, expected);
        Object actualResult = outcome(operation, actual);
        assertThat(actualResult).isEqualTo(expectedResult);
        assertThat(actual.snapshot()).isEqualTo(expected);
        assertThat(actual.containsKey(key)).isEqualTo(expected.containsKey(key));
      } finally {
        KEY.remove();
      }
    }

    private Object outcome(Function<Map<String, String>, Object> operation, Map<String, String> map) {
      try {
        return operation.apply(map);
      } catch (RuntimeException e) {
        return e.getClass();
      }
    }
  }

  @Nested
  @DisplayName("copies keys and values")
  class Copies {

    @Test
    @DisplayName("changing a value after put does not change what is stored")
    void copyOnWrite() {
      SharedDict<String, List<String>> dict = shared.dict();
      List<String> value = new ArrayList<>(List.of("a"));
      dict.put("k", value);
      value.add("b");
      assertThat(dict.get("k")).containsExactly("a");
    }

    @Test
    @DisplayName("changing a value read does not change what is stored until it is written back")
    void copyOnRead() {
      SharedDict<String, Counter> dict = shared.dict();
      dict.put("k", new Counter());
      Counter read = dict.get("k");
      read.count++;
      read.log.add("x");
      assertThat(dict.get("k").count).isZero();
      assertThat(dict.get("k").log).isEmpty();
      dict.put("k", read);
      assertThat(dict.get("k").count).isEqualTo(1);
    }

    @Test
    @DisplayName("values handed out by views, snapshot, getAll and functions are copies too")
    void everyReadIsACopy() {
      SharedDict<String, List<String>> dict = shared.dict();
      dict.put("k", new ArrayList<>(List.of("a")));
      dict.values().iterator().next().add("via values");
      dict.entrySet().iterator().next().getValue().add("via entrySet");
      dict.snapshot().get("k").add("via snapshot");
      dict.getAll(List.of("k")).get("k").add("via getAll");
      dict.forEach((k, v) -> v.add("via forEach"));
      dict.getOrDefault("k", null).add("via getOrDefault");
      assertThatThrownBy(() -> dict.computeIfPresent("k", (k, v) -> {
        v.add("via a failing function");
        throw new IllegalStateException("boom");
      })).hasMessage("boom");
      assertThat(dict.get("k")).containsExactly("a");
    }

    @Test
    @DisplayName("records work as keys: a copy equals the original")
    void recordKeys() {
      record Point(int x, int y) {}
      SharedDict<Point, String> dict = shared.dict();
      dict.put(new Point(1, 2), "a");
      assertThat(dict.get(new Point(1, 2))).isEqualTo("a");
      assertThat(dict.keySet()).containsExactly(new Point(1, 2));
    }

    @Test
    @DisplayName("keys are copied: changing a key object after put does not lose the entry")
    void keysAreCopied() {
      SharedDict<List<String>, String> dict = shared.dict();
      List<String> key = new ArrayList<>(List.of("a"));
      dict.put(key, "v");
      key.add("b");
      assertThat(dict.get(List.of("a"))).isEqualTo("v");
      dict.keySet().iterator().next().add("changed");
      assertThat(dict.containsKey(List.of("a"))).isTrue();
    }
  }

  @Nested
  @DisplayName("refuses what Hazelcast cannot store, changing nothing")
  class Refusals {

    private final SharedDict<Object, Object> dict = shared.dict();

    Refusals() {
      dict.put("k", "v");
    }

    @Test
    @DisplayName("put of an unstorable value or key")
    void put() {
      assertThatThrownBy(() -> dict.put("k", new Object())).isInstanceOf(NotStorableException.class);
      assertThatThrownBy(() -> dict.put(new Object(), "v")).isInstanceOf(NotStorableException.class);
      assertUnchanged();
    }

    @Test
    @DisplayName("putAll with one unstorable entry among good ones stores none of them")
    void putAll() {
      Map<Object, Object> entries = new HashMap<>();
      entries.put("a", 1);
      entries.put("b", new Thread());
      entries.put("c", 3);
      assertThatThrownBy(() -> dict.putAll(entries)).isInstanceOf(NotStorableException.class);
      assertUnchanged();
    }

    @Test
    @DisplayName("conditional writes and functions returning an unstorable value")
    void conditionalWrites() {
      assertThatThrownBy(() -> dict.putIfAbsent("new", new Object())).isInstanceOf(NotStorableException.class);
      assertThatThrownBy(() -> dict.replace("k", new Object())).isInstanceOf(NotStorableException.class);
      assertThatThrownBy(() -> dict.replace("k", "v", new Object())).isInstanceOf(NotStorableException.class);
      assertThatThrownBy(() -> dict.compute("k", (k, v) -> new Object())).isInstanceOf(NotStorableException.class);
      assertThatThrownBy(() -> dict.computeIfPresent("k", (k, v) -> new Object()))
          .isInstanceOf(NotStorableException.class);
      assertThatThrownBy(() -> dict.computeIfAbsent("new", k -> new Object())).isInstanceOf(NotStorableException.class);
      assertThatThrownBy(() -> dict.merge("k", "x", (a, b) -> new Object())).isInstanceOf(NotStorableException.class);
      assertThatThrownBy(() -> dict.merge("new", new Object(), (a, b) -> a)).isInstanceOf(NotStorableException.class);
      assertThatThrownBy(() -> dict.replaceAll((k, v) -> new Object())).isInstanceOf(NotStorableException.class);
      assertThatThrownBy(() -> dict.entrySet().iterator().next().setValue(new Object()))
          .isInstanceOf(NotStorableException.class);
      assertUnchanged();
    }

    @Test
    @DisplayName("lookups with an unstorable key fail too, as Hazelcast must serialize the key")
    void lookups() {
      assertThatThrownBy(() -> dict.get(new Object())).isInstanceOf(NotStorableException.class);
      assertThatThrownBy(() -> dict.containsKey(new Object())).isInstanceOf(NotStorableException.class);
      assertThatThrownBy(() -> dict.remove(new Object())).isInstanceOf(NotStorableException.class);
      assertUnchanged();
    }

    private void assertUnchanged() {
      assertThat(dict.snapshot()).containsExactly(entry("k", "v"));
    }
  }

  @Nested
  @DisplayName("views write through")
  class Views {

    private final SharedDict<String, Integer> dict = shared.dict();

    Views() {
      dict.put("a", 1);
      dict.put("b", 2);
      dict.put("c", null);
    }

    @Test
    @DisplayName("removal through keySet, values, entrySet and their iterators")
    void removal() {
      assertThat(dict.keySet().remove("a")).isTrue();
      assertThat(dict.keySet().remove("a")).isFalse();
      assertThat(dict.values().remove(null)).isTrue();
      assertThat(dict.entrySet().remove(entry("b", 3))).isFalse();
      assertThat(dict.entrySet().remove(entry("b", 2))).isTrue();
      assertThat(dict).isEmpty();

      dict.put("x", 1);
      dict.put("y", 2);
      Iterator<String> keys = dict.keySet().iterator();
      assertThatThrownBy(keys::remove).isInstanceOf(IllegalStateException.class);
      String first = keys.next();
      keys.remove();
      assertThat(dict).doesNotContainKey(first).hasSize(1);
      dict.values().removeIf(v -> v > 0);
      assertThat(dict).isEmpty();
    }

    @Test
    @DisplayName("Entry.setValue puts the value into the dict")
    void setValue() {
      for (Map.Entry<String, Integer> e : dict.entrySet()) {
        e.setValue(e.getKey().equals("c") ? 30 : null);
      }
      assertThat(dict.snapshot()).containsOnly(entry("a", null), entry("b", null), entry("c", 30));
    }

    @Test
    @DisplayName("iteration is weakly consistent: changing the dict meanwhile never throws")
    void noConcurrentModificationException() {
      for (String key : dict.keySet()) {
        dict.remove(key);
        dict.put(key + key, 0);
      }
      assertThat(dict.keySet()).containsExactlyInAnyOrder("aa", "bb", "cc");
      assertThat(dict.keySet().stream().count()).isEqualTo(3);
    }

    @Test
    @DisplayName("contains and clear on views")
    void containsAndClear() {
      assertThat(dict.keySet()).contains("a", "c");
      assertThat(dict.values()).containsExactlyInAnyOrder(1, 2, null);
      assertThat(dict.entrySet()).contains(entry("c", null)).doesNotContain(entry("a", 2));
      dict.values().clear();
      assertThat(dict).isEmpty();
    }
  }

  @Nested
  @DisplayName("follows the Map contract for equals, hashCode and toString")
  class ObjectMethods {

    @Test
    @DisplayName("prints its contents as a HashMap does")
    void printsContents() {
      SharedDict<String, Integer> dict = shared.dict();
      dict.put("a", 1);
      dict.put("b", null);
      assertThat(dict).hasToString("{a=1, b=null}");
    }

    @Test
    @DisplayName("prints its entries in the order its entrySet iterates them, as the Map contract requires")
    void printsInIterationOrder() {
      SharedDict<Integer, String> dict = shared.dict();
      // A dict that grew large and shrank again keeps a large table; a fresh copy of its two remaining
      // entries (2 and 33) hashes them into a small table, where 33 comes before 2.
      for (int i = 0; i < 200; i++) {
        dict.put(i, "v" + i);
      }
      dict.keySet().removeIf(key -> key != 2 && key != 33);
      StringBuilder iterated = new StringBuilder("{");
      for (Map.Entry<Integer, String> entry : dict.entrySet()) {
        iterated.append(iterated.length() > 1 ? ", " : "").append(entry.getKey()).append('=').append(entry.getValue());
      }
      assertThat(dict).hasToString(iterated.append('}').toString());
    }

    @Test
    @DisplayName("equals and hashCode agree with HashMap, in both directions")
    void equalsHashMap() {
      SharedDict<String, Integer> dict = shared.dict();
      Map<String, Integer> map = new HashMap<>();
      for (Map<String, Integer> m : List.of(dict, map)) {
        m.put("a", 1);
        m.put(null, null);
      }
      assertThat(dict.equals(map)).isTrue();
      assertThat(map.equals(dict)).isTrue();
      assertThat(dict.hashCode()).isEqualTo(map.hashCode());
      map.put("a", 2);
      assertThat(dict.equals(map)).isFalse();
      assertThat(dict.equals(List.of())).isFalse();
      assertThat(dict.equals(shared.peer().dict(dict.name()))).isTrue();
    }
  }

  @Test
  @DisplayName("getAll returns present keys (null-mapped included) and leaves out missing ones")
  void getAll() {
    SharedDict<String, String> dict = shared.dict();
    dict.put("a", "1");
    dict.put("n", null);
    dict.put(null, "null key");
    Map<String, String> all = dict.getAll(java.util.Arrays.asList("a", "n", "missing", null));
    assertThat(all).containsOnly(entry("a", "1"), entry("n", null), entry(null, "null key"));
  }

  @Test
  @DisplayName("merge is atomic across threads and peers")
  void atomicMerge() throws Exception {
    SharedDict<String, Integer> dict = shared.dict();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        SharedDict<String, Integer> view = t % 2 == 0 ? dict : shared.peer().dict(dict.name());
        futures.add(pool.submit(() -> {
          for (int i = 0; i < 1000; i++) {
            view.merge("n", 1, Integer::sum);
          }
        }));
      }
      for (Future<?> future : futures) {
        future.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(dict.get("n")).isEqualTo(4000);
  }
}
