package io.sharedobjects.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.sharedobjects.SharedDict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The rules that a shared dict is a {@link java.util.Map}: the basic operations, the bulk calls
 * ({@code putAll}, {@code getAll}, {@code snapshot}), {@code equals}, {@code hashCode} and {@code toString}
 * as {@code HashMap}'s, and writes seen at once through a peer.
 */
@Tag("dict")
abstract class DictContract extends KitContract {

  DictContract(KitFixture kit) {
    super(kit);
  }

  @Test
  @DisplayName("put stores a value that get returns, and returns the value it replaced")
  void putAndGet() {
    SharedDict<String, Integer> dict = newDict();

    assertThat(dict.put("a", 1)).isNull();
    assertThat(dict.put("a", 2)).isEqualTo(1);

    assertThat(dict.get("a")).isEqualTo(2);
    assertThat(dict.size()).isEqualTo(1);
  }

  @Test
  @DisplayName("set writes a new or existing key as put does, returns nothing, and stores a copy")
  void set() {
    SharedDict<String, List<String>> dict = newDict();
    ArrayList<String> value = new ArrayList<>(List.of("a"));

    dict.set("k", value);
    value.add("changed after set");
    assertThat(dict.get("k")).containsExactly("a");

    dict.set("k", List.of("b"));
    dict.set("other", List.of("c"));
    assertThat(dict.snapshot()).isEqualTo(Map.of("k", List.of("b"), "other", List.of("c")));
  }

  @Test
  @DisplayName("a key written with set is seen at once through a peer, and a peer's set is seen back")
  void setSeenByPeer() {
    SharedDict<String, Integer> dict = newDict();
    SharedDict<String, Integer> viaPeer = peer().dict(dict.name());

    dict.set("a", 1);
    assertThat(viaPeer.get("a")).isEqualTo(1);

    viaPeer.set("a", 2);
    assertThat(dict.get("a")).isEqualTo(2);
  }

  @Test
  @DisplayName("remove returns the value it removed and leaves the other keys alone")
  void remove() {
    SharedDict<String, Integer> dict = newDict();
    dict.put("a", 1);
    dict.put("b", 2);

    assertThat(dict.remove("a")).isEqualTo(1);
    assertThat(dict.remove("a")).isNull();

    assertThat(dict.snapshot()).isEqualTo(Map.of("b", 2));
  }

  @Test
  @DisplayName("size, isEmpty, containsKey and containsValue describe the current contents")
  void queries() {
    SharedDict<String, Integer> dict = newDict();
    assertThat(dict.isEmpty()).isTrue();
    assertThat(dict.size()).isZero();

    dict.put("a", 1);
    dict.put("b", 2);

    assertThat(dict.isEmpty()).isFalse();
    assertThat(dict.size()).isEqualTo(2);
    assertThat(dict.containsKey("a")).isTrue();
    assertThat(dict.containsKey("c")).isFalse();
    assertThat(dict.containsValue(2)).isTrue();
    assertThat(dict.containsValue(3)).isFalse();
  }

  @Test
  @DisplayName("clear removes every entry")
  void clear() {
    SharedDict<String, Integer> dict = newDict();
    dict.putAll(Map.of("a", 1, "b", 2, "c", 3));

    dict.clear();

    assertThat(dict.isEmpty()).isTrue();
    assertThat(dict.get("a")).isNull();
    assertThat(dict.snapshot()).isEmpty();
  }

  @Test
  @DisplayName("putAll writes every entry, replacing existing ones")
  void putAll() {
    SharedDict<String, Integer> dict = newDict();
    dict.put("a", 0);

    dict.putAll(Map.of("a", 1, "b", 2, "c", 3));

    assertThat(dict.snapshot()).isEqualTo(Map.of("a", 1, "b", 2, "c", 3));
  }

  @Test
  @DisplayName("getAll returns only the keys that are present, keys mapped to null included")
  void getAll() {
    SharedDict<String, Integer> dict = newDict();
    dict.put("a", 1);
    dict.put("b", 2);
    dict.put("n", null);

    Map<String, Integer> found = dict.getAll(Arrays.asList("a", "n", "missing"));

    Map<String, Integer> expected = new HashMap<>();
    expected.put("a", 1);
    expected.put("n", null);
    assertThat(found).isEqualTo(expected);
    assertThat(dict.getAll(List.of())).isEmpty();
  }

  @Test
  @DisplayName("getAll returns a private copy: changing it changes nothing shared")
  void getAllIsPrivate() {
    SharedDict<String, Integer> dict = newDict();
    dict.put("a", 1);

    Map<String, Integer> found = dict.getAll(List.of("a"));
    found.put("a", 99);
    found.put("b", 2);

    assertThat(dict.snapshot()).isEqualTo(Map.of("a", 1));
  }

  @Test
  @DisplayName("snapshot returns a private HashMap copy of the contents")
  void snapshot() {
    SharedDict<String, Integer> dict = newDict();
    dict.putAll(Map.of("a", 1, "b", 2));

    Map<String, Integer> copy = dict.snapshot();
    assertThat(copy).isInstanceOf(HashMap.class).isEqualTo(Map.of("a", 1, "b", 2));

    copy.clear();
    assertThat(dict.size()).isEqualTo(2);
  }

  @Test
  @DisplayName("a dict equals a HashMap with the same entries, in both directions, and has the same hashCode")
  void equalsHashMap() {
    SharedDict<String, Integer> dict = newDict();
    dict.putAll(Map.of("a", 1, "b", 2, "c", 3));
    Map<String, Integer> same = new HashMap<>(Map.of("a", 1, "b", 2, "c", 3));

    assertThat(dict.equals(same)).isTrue();
    assertThat(same.equals(dict)).isTrue();
    assertThat(dict.hashCode()).isEqualTo(same.hashCode());
    assertThat(dict.equals(dict)).isTrue();
  }

  @Test
  @DisplayName("a dict does not equal a map that differs in one value, one key or its size, nor a non-map")
  void notEquals() {
    SharedDict<String, Integer> dict = newDict();
    dict.putAll(Map.of("a", 1, "b", 2));

    assertThat(dict.equals(Map.of("a", 1, "b", 3))).isFalse();
    assertThat(dict.equals(Map.of("a", 1, "c", 2))).isFalse();
    assertThat(dict.equals(Map.of("a", 1))).isFalse();
    assertThat(dict.equals(List.of(1, 2))).isFalse();
    assertThat(dict.equals(null)).isFalse();
  }

  @Test
  @DisplayName("two dicts with different names and the same contents are equal and have the same hashCode")
  void twoDictsEqual() {
    SharedDict<String, Integer> first = newDict();
    SharedDict<String, Integer> second = newDict();
    first.putAll(Map.of("a", 1, "b", 2));
    second.putAll(Map.of("a", 1, "b", 2));

    assertThat(first.equals(second)).isTrue();
    assertThat(first.hashCode()).isEqualTo(second.hashCode());
  }

  @Test
  @DisplayName("toString prints the contents as HashMap does: {a=1} for one entry and {} when empty")
  void toStringPrintsContents() {
    SharedDict<String, Integer> dict = newDict();
    assertThat(dict.toString()).isEqualTo("{}");

    dict.put("a", 1);
    assertThat(dict.toString()).isEqualTo("{a=1}");

    dict.put("b", 2);
    assertThat(dict.toString()).isIn("{a=1, b=2}", "{b=2, a=1}");
  }

  @Test
  @DisplayName("toString lists the entries in the order its entrySet iterates them, as the Map contract requires")
  void toStringFollowsIterationOrder() {
    SharedDict<Integer, String> dict = newDict();
    // Many keys, most removed again: a backend that prints a fresh copy may order the rest differently.
    for (int i = 0; i < 200; i++) {
      dict.put(i, "v" + i);
    }
    dict.keySet().removeIf(key -> key % 31 != 2);
    StringJoiner iterated = new StringJoiner(", ", "{", "}");
    for (Map.Entry<Integer, String> entry : dict.entrySet()) {
      iterated.add(entry.getKey() + "=" + entry.getValue());
    }
    assertThat(dict.toString()).isEqualTo(iterated.toString());
  }

  @Test
  @DisplayName("forEach visits every entry exactly once")
  void forEach() {
    SharedDict<String, Integer> dict = newDict();
    dict.putAll(Map.of("a", 1, "b", 2, "c", 3));

    List<String> seen = new ArrayList<>();
    dict.forEach((k, v) -> seen.add(k + "=" + v));

    assertThat(seen).containsExactlyInAnyOrder("a=1", "b=2", "c=3");
  }

  @Test
  @DisplayName("new HashMap<>(dict) and streams over the views see every entry, null key and value included")
  void copiesAndStreams() {
    SharedDict<String, Integer> dict = newDict();
    Map<String, Integer> expected = new HashMap<>(Map.of("a", 1, "b", 2));
    expected.put(null, 3);
    expected.put("n", null);
    dict.putAll(expected);

    assertThat(new HashMap<>(dict)).isEqualTo(expected);
    assertThat(dict.keySet().stream().filter(k -> k != null).sorted().toList()).containsExactly("a", "b", "n");
    assertThat(dict.values().stream().filter(v -> v != null).mapToInt(Integer::intValue).sum()).isEqualTo(6);
    assertThat(dict.entrySet().stream().count()).isEqualTo(4);
  }

  @Test
  @DisplayName("a write through one SharedObjects is seen at once through a peer, both ways")
  void peersSeeEachOthersWrites() {
    SharedDict<String, Integer> dict = newDict();
    SharedDict<String, Integer> viaPeer = peer().dict(dict.name());

    dict.put("a", 1);
    assertThat(viaPeer.get("a")).isEqualTo(1);

    viaPeer.put("b", 2);
    viaPeer.remove("a");
    assertThat(dict.snapshot()).isEqualTo(Map.of("b", 2));
  }
}
