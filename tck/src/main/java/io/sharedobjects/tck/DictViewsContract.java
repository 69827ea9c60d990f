package io.sharedobjects.tck;

import static io.sharedobjects.tck.KitAssertions.removeFirstWhere;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sharedobjects.SharedDict;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The rules for a shared dict's {@code keySet()}, {@code values()} and {@code entrySet()}: live
 * views that write through, whose iterators remove as {@code HashMap}'s do and iterate a large or
 * concurrently changed dict weakly consistently, each entry once.
 */
@Tag("dict")
abstract class DictViewsContract extends KitContract {

  DictViewsContract(KitFixture kit) {
    super(kit);
  }

  @Test
  @DisplayName("keySet is live: a key put later appears in it, and a key removed through it leaves the dict")
  void keySetIsLive() {
    SharedDict<String, Integer> dict = newDict();
    Set<String> keys = dict.keySet();

    dict.put("a", 1);
    dict.put("b", 2);
    assertThat(keys.contains("a")).isTrue();
    assertThat(keys.size()).isEqualTo(2);

    assertThat(keys.remove("a")).isTrue();
    assertThat(keys.remove("a")).isFalse();
    assertThat(dict.snapshot()).isEqualTo(Map.of("b", 2));
  }

  @Test
  @DisplayName("values is live: a value put later appears in it, and removing a value through it removes one entry")
  void valuesIsLive() {
    SharedDict<String, Integer> dict = newDict();
    Collection<Integer> values = dict.values();

    dict.putAll(Map.of("a", 1, "b", 1, "c", 2));
    assertThat(values.size()).isEqualTo(3);
    assertThat(values.contains(2)).isTrue();

    assertThat(values.remove(1)).isTrue();
    assertThat(dict.size()).isEqualTo(2);
    assertThat(dict.containsValue(1)).isTrue();
    assertThat(dict.get("c")).isEqualTo(2);
  }

  @Test
  @DisplayName("entrySet is live, and an entry's setValue writes through to the dict and returns the old value")
  void entrySetValueWritesThrough() {
    SharedDict<String, Integer> dict = newDict();
    Set<Map.Entry<String, Integer>> entries = dict.entrySet();
    dict.put("a", 1);

    Map.Entry<String, Integer> entry = entries.iterator().next();
    assertThat(entry.getKey()).isEqualTo("a");
    assertThat(entry.getValue()).isEqualTo(1);

    assertThat(entry.setValue(5)).isEqualTo(1);
    assertThat(entry.getValue()).isEqualTo(5);
    assertThat(dict.get("a")).isEqualTo(5);
  }

  @Test
  @DisplayName("an entry equals and hashes like any Map.Entry with the same key and value")
  void entryEquality() {
    SharedDict<String, Integer> dict = newDict();
    dict.put("a", 1);

    Map.Entry<String, Integer> entry = dict.entrySet().iterator().next();
    SimpleEntry<String, Integer> same = new SimpleEntry<>("a", 1);

    assertThat(entry.equals(same)).isTrue();
    assertThat(same.equals(entry)).isTrue();
    assertThat(entry.hashCode()).isEqualTo(same.hashCode());
  }

  @Test
  @DisplayName("removing through a keySet, values or entrySet iterator removes the entry from the dict")
  void iteratorRemove() {
    SharedDict<String, Integer> dict = newDict();
    dict.putAll(Map.of("a", 1, "b", 2, "c", 3));

    removeFirstWhere(dict.keySet().iterator(), "a"::equals);
    removeFirstWhere(dict.values().iterator(), Integer.valueOf(2)::equals);
    removeFirstWhere(dict.entrySet().iterator(), e -> e.getKey().equals("c"));

    assertThat(dict.isEmpty()).isTrue();
  }

  @Test
  @DisplayName("an iterator's remove throws IllegalStateException before next and when called twice")
  void iteratorRemoveMisuse() {
    SharedDict<String, Integer> dict = newDict();
    dict.putAll(Map.of("a", 1, "b", 2));

    Iterator<String> it = dict.keySet().iterator();
    assertThatThrownBy(it::remove).isInstanceOf(IllegalStateException.class);
    it.next();
    it.remove();
    assertThatThrownBy(it::remove).isInstanceOf(IllegalStateException.class);

    assertThat(dict.size()).isEqualTo(1);
  }

  @Test
  @DisplayName("keySet removeIf, removeAll, retainAll and clear write through to the dict")
  void keySetBulkRemovals() {
    SharedDict<String, Integer> dict = newDict();
    dict.putAll(Map.of("a", 1, "b", 2, "c", 3, "d", 4, "e", 5));

    assertThat(dict.keySet().removeIf("a"::equals)).isTrue();
    assertThat(dict.keySet().removeAll(Set.of("b", "x"))).isTrue();
    assertThat(dict.keySet().retainAll(Set.of("c", "d"))).isTrue();
    assertThat(dict.snapshot()).isEqualTo(Map.of("c", 3, "d", 4));

    dict.keySet().clear();
    assertThat(dict.isEmpty()).isTrue();
  }

  @Test
  @DisplayName("values removeIf and entrySet removeIf write through to the dict")
  void valuesAndEntriesRemoveIf() {
    SharedDict<String, Integer> dict = newDict();
    dict.putAll(Map.of("a", 1, "b", 2, "c", 3, "d", 4));

    assertThat(dict.values().removeIf(v -> v % 2 == 0)).isTrue();
    assertThat(dict.entrySet().removeIf(e -> e.getKey().equals("a"))).isTrue();
    assertThat(dict.values().removeIf(v -> v > 100)).isFalse();

    assertThat(dict.snapshot()).isEqualTo(Map.of("c", 3));
  }

  @Test
  @DisplayName("entrySet contains and remove match both the key and the value")
  void entrySetContainsAndRemove() {
    SharedDict<String, Integer> dict = newDict();
    dict.putAll(Map.of("a", 1, "b", 2));
    Set<Map.Entry<String, Integer>> entries = dict.entrySet();

    assertThat(entries.contains(new SimpleEntry<>("a", 1))).isTrue();
    assertThat(entries.contains(new SimpleEntry<>("a", 2))).isFalse();
    assertThat(entries.remove(new SimpleEntry<>("b", 1))).isFalse();
    assertThat(entries.remove(new SimpleEntry<>("b", 2))).isTrue();

    assertThat(dict.snapshot()).isEqualTo(Map.of("a", 1));
  }

  @Test
  @DisplayName("the views do not support add, as the Map contract says, and the dict is unchanged")
  void viewsRejectAdd() {
    SharedDict<String, Integer> dict = newDict();
    dict.put("a", 1);

    assertThatThrownBy(() -> dict.keySet().add("b")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> dict.values().add(2)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> dict.entrySet().add(new SimpleEntry<>("b", 2)))
        .isInstanceOf(UnsupportedOperationException.class);

    assertThat(dict.snapshot()).isEqualTo(Map.of("a", 1));
  }

  @Test
  @DisplayName("keySet and entrySet equal ordinary sets with the same elements, in both directions")
  void viewsEqualSets() {
    SharedDict<String, Integer> dict = newDict();
    Map<String, Integer> expected = new HashMap<>(Map.of("a", 1, "b", 2));
    dict.putAll(expected);

    assertThat(dict.keySet().equals(expected.keySet())).isTrue();
    assertThat(expected.keySet().equals(dict.keySet())).isTrue();
    assertThat(dict.keySet().hashCode()).isEqualTo(expected.keySet().hashCode());
    assertThat(dict.entrySet().equals(expected.entrySet())).isTrue();
    assertThat(expected.entrySet().equals(dict.entrySet())).isTrue();
    assertThat(dict.entrySet().hashCode()).isEqualTo(expected.entrySet().hashCode());
  }

  @Test
  @DisplayName("iterating a dict of 1000 entries yields each entry exactly once, through keySet, values and entrySet")
  void iterateThousand() {
    SharedDict<Integer, String> dict = newDict();
    Map<Integer, String> expected = new HashMap<>();
    for (int i = 0; i < 1000; i++) {
      expected.put(i, "v" + i);
    }
    dict.putAll(expected);

    List<Integer> keys = new ArrayList<>();
    dict.keySet().forEach(keys::add);
    assertThat(keys).hasSize(1000).doesNotHaveDuplicates();
    assertThat(new HashSet<>(keys)).isEqualTo(expected.keySet());

    List<String> values = new ArrayList<>();
    for (String value : dict.values()) {
      values.add(value);
    }
    assertThat(values).containsExactlyInAnyOrderElementsOf(expected.values());

    List<Map.Entry<Integer, String>> entries = new ArrayList<>();
    for (Map.Entry<Integer, String> entry : dict.entrySet()) {
      entries.add(new SimpleEntry<>(entry.getKey(), entry.getValue()));
    }
    assertThat(entries).containsExactlyInAnyOrderElementsOf(expected.entrySet());
  }

  @Test
  @DisplayName("iterating while a peer adds and updates keys never throws, and yields each key present at the start exactly once")
  void weaklyConsistentIteration() {
    SharedDict<Integer, Integer> dict = newDict();
    Map<Integer, Integer> initial = new HashMap<>();
    for (int i = 0; i < 200; i++) {
      initial.put(i, 0);
    }
    dict.putAll(initial);
    SharedDict<Integer, Integer> writer = peer().dict(dict.name());

    List<Integer> seen = new ArrayList<>();
    int added = 1000;
    for (Iterator<Integer> it = dict.keySet().iterator(); it.hasNext(); ) {
      Integer key = it.next();
      seen.add(key);
      // Writes by another process while this one iterates: a new key and an update of the key just seen.
      writer.put(added++, 0);
      writer.put(key, 1);
    }

    // A weakly consistent iterator may or may not show keys added after it was created; each key it
    // shows, old or new, made the loop add exactly one more.
    assertThat(seen).doesNotHaveDuplicates().containsAll(initial.keySet());
    int lastAdded = added;
    assertThat(seen).allMatch(key -> key < 200 || (key >= 1000 && key < lastAdded));
    assertThat(dict.size()).isEqualTo(initial.size() + seen.size());
  }

  @Test
  @DisplayName("removing every even key of 1000 through an entrySet iterator leaves exactly the odd ones")
  void iteratorRemoveHalf() {
    SharedDict<Integer, String> dict = newDict();
    Map<Integer, String> all = new HashMap<>();
    for (int i = 0; i < 1000; i++) {
      all.put(i, "v" + i);
    }
    dict.putAll(all);

    int removed = 0;
    for (Iterator<Map.Entry<Integer, String>> it = dict.entrySet().iterator(); it.hasNext(); ) {
      if (it.next().getKey() % 2 == 0) {
        it.remove();
        removed++;
      }
    }

    assertThat(removed).isEqualTo(500);
    assertThat(dict.size()).isEqualTo(500);
    assertThat(dict.keySet()).allMatch(k -> k % 2 == 1);
  }
}
