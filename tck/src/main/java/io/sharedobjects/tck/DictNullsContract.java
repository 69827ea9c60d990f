package io.sharedobjects.tck;

import static io.sharedobjects.tck.HashMapDifferential.NEW;
import static io.sharedobjects.tck.HashMapDifferential.OLD;
import static org.assertj.core.api.Assertions.assertThat;

import io.sharedobjects.SharedDict;
import io.sharedobjects.tck.HashMapDifferential.Boom;
import io.sharedobjects.tck.HashMapDifferential.MapCall;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The rules for null in a shared dict, as in Python and {@code HashMap}: a null key and null values
 * are stored like any other, and the {@code ConcurrentMap} default methods are checked against a
 * {@code HashMap} given the same calls from the same state.
 */
@Tag("dict")
abstract class DictNullsContract extends KitContract {

  DictNullsContract(KitFixture kit) {
    super(kit);
  }

  @Test
  @DisplayName("a key mapped to null is present: containsKey is true and get returns null")
  void keyMappedToNull() {
    SharedDict<String, Integer> dict = newDict();

    dict.put("k", null);

    assertThat(dict.containsKey("k")).isTrue();
    assertThat(dict.get("k")).isNull();
    assertThat(dict.size()).isEqualTo(1);
  }

  @Test
  @DisplayName("get of a missing key returns null and containsKey is false")
  void missingKey() {
    SharedDict<String, Integer> dict = newDict();

    assertThat(dict.get("missing")).isNull();
    assertThat(dict.containsKey("missing")).isFalse();
  }

  @Test
  @DisplayName("a null key is stored, found and removed like any other key")
  void nullKey() {
    SharedDict<String, Integer> dict = newDict();

    assertThat(dict.put(null, 1)).isNull();
    assertThat(dict.containsKey(null)).isTrue();
    assertThat(dict.get(null)).isEqualTo(1);
    assertThat(dict.put(null, 2)).isEqualTo(1);

    assertThat(dict.remove(null)).isEqualTo(2);
    assertThat(dict.containsKey(null)).isFalse();
  }

  @Test
  @DisplayName("set stores a null key and a null value as put does")
  void setWithNulls() {
    SharedDict<String, Integer> dict = newDict();

    dict.set(null, 1);
    dict.set("n", null);
    assertThat(dict.get(null)).isEqualTo(1);
    assertThat(dict.containsKey("n")).isTrue();
    assertThat(dict.get("n")).isNull();

    dict.set(null, null);
    dict.set("n", 2);
    Map<String, Integer> expected = new HashMap<>();
    expected.put(null, null);
    expected.put("n", 2);
    assertThat(dict.snapshot()).isEqualTo(expected);
  }

  @Test
  @DisplayName("containsValue(null) is true only while some key is mapped to null")
  void containsNullValue() {
    SharedDict<String, Integer> dict = newDict();
    dict.put("a", 1);
    assertThat(dict.containsValue(null)).isFalse();

    dict.put("n", null);
    assertThat(dict.containsValue(null)).isTrue();
  }

  @Test
  @DisplayName("put over a key mapped to null returns null, and remove of it returns null and removes it")
  void putAndRemoveNullValue() {
    SharedDict<String, Integer> dict = newDict();
    dict.put("k", null);

    assertThat(dict.put("k", null)).isNull();
    assertThat(dict.remove("k")).isNull();

    assertThat(dict.containsKey("k")).isFalse();
    assertThat(dict.isEmpty()).isTrue();
  }

  @Test
  @DisplayName("putAll, getAll and snapshot keep the null key and null values")
  void bulkKeepsNulls() {
    SharedDict<String, Integer> dict = newDict();
    Map<String, Integer> withNulls = new HashMap<>();
    withNulls.put(null, 1);
    withNulls.put("n", null);
    withNulls.put("a", 2);

    dict.putAll(withNulls);

    assertThat(dict.snapshot()).isEqualTo(withNulls);
    assertThat(dict.getAll(Arrays.asList(null, "n", "a", "missing"))).isEqualTo(withNulls);
  }

  @Test
  @DisplayName("the views hold the null key and null values")
  void viewsHoldNulls() {
    SharedDict<String, Integer> dict = newDict();
    dict.put(null, 1);
    dict.put("n", null);

    assertThat(dict.keySet().contains(null)).isTrue();
    assertThat(dict.values().contains(null)).isTrue();
    assertThat(dict.entrySet().contains(new SimpleEntry<>("n", null))).isTrue();
    assertThat(dict.entrySet().contains(new SimpleEntry<>(null, 1))).isTrue();
    assertThat(new ArrayList<>(dict.keySet())).containsExactlyInAnyOrder(null, "n");

    assertThat(dict.values().remove(null)).isTrue();
    assertThat(dict.keySet().remove(null)).isTrue();
    assertThat(dict.isEmpty()).isTrue();
  }

  @Test
  @DisplayName("toString, equals and hashCode treat the null key and null values as HashMap does")
  void objectMethodsWithNulls() {
    SharedDict<String, Integer> dict = newDict();
    dict.put(null, null);
    Map<String, Integer> expected = new HashMap<>();
    expected.put(null, null);

    assertThat(dict.toString()).isEqualTo("{null=null}");
    assertThat(dict.equals(expected)).isTrue();
    assertThat(expected.equals(dict)).isTrue();
    assertThat(dict.hashCode()).isEqualTo(expected.hashCode());
    // A key mapped to null differs from a missing key, so these two maps are not equal.
    assertThat(dict.equals(Map.of())).isFalse();
  }

  @Test
  @DisplayName("put and remove return and store what HashMap's do, for the null key and null values")
  void putAndRemoveAsHashMap() {
    behavesAsHashMap("put(key, 20)", (m, k) -> m.put(k, NEW));
    behavesAsHashMap("put(key, null)", (m, k) -> m.put(k, null));
    behavesAsHashMap("remove(key)", Map::remove);
    behavesAsHashMap("get(key)", Map::get);
    behavesAsHashMap("containsKey(key)", Map::containsKey);
  }

  @Test
  @DisplayName("getOrDefault behaves as HashMap's: a key mapped to null returns null, not the default")
  void getOrDefault() {
    behavesAsHashMap("getOrDefault(key, 99)", (m, k) -> m.getOrDefault(k, 99));
    behavesAsHashMap("getOrDefault(key, null)", (m, k) -> m.getOrDefault(k, null));
  }

  @Test
  @DisplayName("putIfAbsent behaves as HashMap's: a key mapped to null counts as absent")
  void putIfAbsent() {
    behavesAsHashMap("putIfAbsent(key, 20)", (m, k) -> m.putIfAbsent(k, NEW));
    behavesAsHashMap("putIfAbsent(key, null)", (m, k) -> m.putIfAbsent(k, null));
  }

  @Test
  @DisplayName("computeIfAbsent behaves as HashMap's, for a function returning a value, returning null or throwing")
  void computeIfAbsent() {
    behavesAsHashMap("computeIfAbsent(key, k -> 20)", (m, k) -> m.computeIfAbsent(k, x -> NEW));
    behavesAsHashMap("computeIfAbsent(key, k -> null)", (m, k) -> m.computeIfAbsent(k, x -> null));
    behavesAsHashMap(
        "computeIfAbsent(key, k -> throw)",
        (m, k) -> m.computeIfAbsent(k, x -> {
          throw new Boom();
        }));
  }

  @Test
  @DisplayName("computeIfPresent behaves as HashMap's: a key mapped to null counts as absent, a null result removes")
  void computeIfPresent() {
    behavesAsHashMap("computeIfPresent(key, (k, v) -> v + 1)", (m, k) -> m.computeIfPresent(k, (x, v) -> v + 1));
    behavesAsHashMap("computeIfPresent(key, (k, v) -> null)", (m, k) -> m.computeIfPresent(k, (x, v) -> null));
    behavesAsHashMap(
        "computeIfPresent(key, (k, v) -> throw)",
        (m, k) -> m.computeIfPresent(k, (x, v) -> {
          throw new Boom();
        }));
  }

  @Test
  @DisplayName("compute behaves as HashMap's: a null result removes the key, even one mapped to null")
  void compute() {
    behavesAsHashMap(
        "compute(key, (k, v) -> v == null ? 1 : v + 1)", (m, k) -> m.compute(k, (x, v) -> v == null ? 1 : v + 1));
    behavesAsHashMap("compute(key, (k, v) -> null)", (m, k) -> m.compute(k, (x, v) -> null));
    behavesAsHashMap("compute(key, (k, v) -> v)", (m, k) -> m.compute(k, (x, v) -> v));
    behavesAsHashMap(
        "compute(key, (k, v) -> throw)",
        (m, k) -> m.compute(k, (x, v) -> {
          throw new Boom();
        }));
  }

  @Test
  @DisplayName("merge behaves as HashMap's: a key mapped to null takes the given value, a null result removes the key")
  void merge() {
    behavesAsHashMap("merge(key, 20, Integer::sum)", (m, k) -> m.merge(k, NEW, Integer::sum));
    behavesAsHashMap("merge(key, 20, (a, b) -> null)", (m, k) -> m.merge(k, NEW, (a, b) -> null));
    behavesAsHashMap(
        "merge(key, 20, (a, b) -> throw)",
        (m, k) -> m.merge(k, NEW, (a, b) -> {
          throw new Boom();
        }));
  }

  @Test
  @DisplayName("merge with a null value throws NullPointerException, as HashMap's does, and changes nothing")
  void mergeNullValue() {
    behavesAsHashMap("merge(key, null, Integer::sum)", (m, k) -> m.merge(k, null, Integer::sum));
  }

  @Test
  @DisplayName("a null function is rejected with NullPointerException, as HashMap does, and nothing changes")
  void nullFunctions() {
    behavesAsHashMap("computeIfAbsent(key, null)", (m, k) -> m.computeIfAbsent(k, null));
    behavesAsHashMap("computeIfPresent(key, null)", (m, k) -> m.computeIfPresent(k, null));
    behavesAsHashMap("compute(key, null)", (m, k) -> m.compute(k, null));
    behavesAsHashMap("merge(key, 20, null)", (m, k) -> m.merge(k, NEW, null));
    behavesAsHashMap(
        "replaceAll(null)",
        (m, k) -> {
          m.replaceAll(null);
          return null;
        });
  }

  @Test
  @DisplayName("replaceAll behaves as HashMap's, a function returning null included")
  void replaceAll() {
    behavesAsHashMap(
        "replaceAll((k, v) -> v == null ? 0 : v * 2)",
        (m, k) -> {
          m.replaceAll((x, v) -> v == null ? 0 : v * 2);
          return null;
        });
    behavesAsHashMap(
        "replaceAll((k, v) -> null)",
        (m, k) -> {
          m.replaceAll((x, v) -> null);
          return null;
        });
  }

  @Test
  @DisplayName("replace(key, value) behaves as HashMap's: it replaces a key mapped to null, never an absent one")
  void replace() {
    behavesAsHashMap("replace(key, 20)", (m, k) -> m.replace(k, NEW));
    behavesAsHashMap("replace(key, null)", (m, k) -> m.replace(k, null));
  }

  @Test
  @DisplayName("replace(key, old, new) behaves as HashMap's, with null as the old or the new value")
  void replaceIfEquals() {
    behavesAsHashMap("replace(key, 10, 20)", (m, k) -> m.replace(k, OLD, NEW));
    behavesAsHashMap("replace(key, null, 20)", (m, k) -> m.replace(k, null, NEW));
    behavesAsHashMap("replace(key, 10, null)", (m, k) -> m.replace(k, OLD, null));
    behavesAsHashMap("replace(key, 99, 20)", (m, k) -> m.replace(k, 99, NEW));
  }

  @Test
  @DisplayName("remove(key, value) behaves as HashMap's, with null as the value")
  void removeIfEquals() {
    behavesAsHashMap("remove(key, 10)", (m, k) -> m.remove(k, OLD));
    behavesAsHashMap("remove(key, null)", (m, k) -> m.remove(k, null));
    behavesAsHashMap("remove(key, 99)", (m, k) -> m.remove(k, 99));
  }

  /** Runs the differential check of {@link HashMapDifferential} on a new dict. */
  private void behavesAsHashMap(String description, MapCall call) {
    HashMapDifferential.behavesAsHashMap(newDict(), description, call);
  }
}
