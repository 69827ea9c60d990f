package io.sharedobjects.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.sharedobjects.SharedDict;
import io.sharedobjects.SharedList;
import io.sharedobjects.tck.SampleValues.Basket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The rules that values, keys and elements are copies, not references, as with Python's Manager and
 * Hazelcast: what is written is copied at the call, and what is read is the reader's own.
 */
@Tag("dict")
@Tag("list")
abstract class CopiesContract extends KitContract {

  CopiesContract(KitFixture kit) {
    super(kit);
  }

  @Test
  @DisplayName("a value read from a dict is a copy: changing it changes nothing until it is put again")
  void dictReadIsCopy() {
    SharedDict<String, ArrayList<String>> dict = newDict();
    dict.put("k", new ArrayList<>(List.of("a")));

    ArrayList<String> read = dict.get("k");
    read.add("b");
    assertThat(dict.get("k")).containsExactly("a");

    dict.put("k", read);
    assertThat(dict.get("k")).containsExactly("a", "b");
  }

  @Test
  @DisplayName("a value put into a dict is copied: changing the original afterwards changes nothing stored")
  void dictWriteIsCopy() {
    SharedDict<String, ArrayList<String>> dict = newDict();
    ArrayList<String> original = new ArrayList<>(List.of("a"));

    dict.put("k", original);
    original.add("b");

    assertThat(dict.get("k")).containsExactly("a");
  }

  @Test
  @DisplayName("a key is copied on put: changing the key object afterwards does not change the stored key")
  void keyIsCopy() {
    SharedDict<ArrayList<String>, Integer> dict = newDict();
    ArrayList<String> key = new ArrayList<>(List.of("a"));

    dict.put(key, 1);
    key.add("b");

    assertThat(dict.get(new ArrayList<>(List.of("a")))).isEqualTo(1);
    assertThat(dict.containsKey(key)).isFalse();
    assertThat(dict.keySet()).containsExactly(new ArrayList<>(List.of("a")));
  }

  @Test
  @DisplayName("a mutable plain object is copied on write and on read")
  void plainObjectIsCopied() {
    SharedDict<String, Basket> dict = newDict();
    Basket basket = new Basket("ann", List.of("apple"));

    dict.put("k", basket);
    basket.getItems().add("pear");
    basket.setOwner("bob");
    assertThat(dict.get("k")).isEqualTo(new Basket("ann", List.of("apple")));

    Basket read = dict.get("k");
    read.getItems().add("plum");
    assertThat(dict.get("k")).isEqualTo(new Basket("ann", List.of("apple")));
  }

  @Test
  @DisplayName("values read through getAll, snapshot, values, entrySet and ConcurrentMap methods are copies")
  void everyReadIsCopy() {
    SharedDict<String, ArrayList<String>> dict = newDict();
    dict.put("k", new ArrayList<>(List.of("a")));

    dict.getAll(List.of("k")).get("k").add("via getAll");
    dict.snapshot().get("k").add("via snapshot");
    dict.values().iterator().next().add("via values");
    dict.entrySet().iterator().next().getValue().add("via entrySet");
    dict.getOrDefault("k", new ArrayList<>()).add("via getOrDefault");
    dict.putIfAbsent("k", new ArrayList<>()).add("via putIfAbsent");
    dict.computeIfAbsent("k", k -> new ArrayList<>()).add("via computeIfAbsent");

    assertThat(dict.get("k")).containsExactly("a");
  }

  @Test
  @DisplayName("a value passed to putIfAbsent, merge, compute or replace is copied too")
  void everyWriteIsCopy() {
    SharedDict<String, ArrayList<String>> dict = newDict();
    ArrayList<String> viaPutIfAbsent = new ArrayList<>(List.of("p"));
    ArrayList<String> viaMerge = new ArrayList<>(List.of("m"));
    ArrayList<String> viaCompute = new ArrayList<>(List.of("c"));
    ArrayList<String> viaReplace = new ArrayList<>(List.of("r"));
    dict.put("r", new ArrayList<>());

    dict.putIfAbsent("p", viaPutIfAbsent);
    dict.merge("m", viaMerge, (a, b) -> b);
    dict.compute("c", (k, v) -> viaCompute);
    dict.replace("r", viaReplace);
    for (ArrayList<String> original : List.of(viaPutIfAbsent, viaMerge, viaCompute, viaReplace)) {
      original.add("changed");
    }

    assertThat(dict.get("p")).containsExactly("p");
    assertThat(dict.get("m")).containsExactly("m");
    assertThat(dict.get("c")).containsExactly("c");
    assertThat(dict.get("r")).containsExactly("r");
  }

  @Test
  @DisplayName("an element read from a list is a copy: changing it changes nothing until it is set again")
  void listReadIsCopy() {
    SharedList<ArrayList<String>> list = newList();
    list.add(new ArrayList<>(List.of("a")));

    ArrayList<String> read = list.get(0);
    read.add("b");
    list.iterator().next().add("via iterator");
    list.snapshot().get(0).add("via snapshot");
    assertThat(list.get(0)).containsExactly("a");

    list.set(0, read);
    assertThat(list.get(0)).containsExactly("a", "b");
  }

  @Test
  @DisplayName("an element added to a list is copied: changing the original afterwards changes nothing stored")
  void listWriteIsCopy() {
    SharedList<ArrayList<String>> list = newList();
    ArrayList<String> added = new ArrayList<>(List.of("a"));
    ArrayList<String> inserted = new ArrayList<>(List.of("b"));
    ArrayList<String> bulk = new ArrayList<>(List.of("c"));

    list.add(added);
    list.add(0, inserted);
    list.addAll(List.of(bulk));
    added.add("changed");
    inserted.add("changed");
    bulk.add("changed");

    assertThat(list.snapshot()).isEqualTo(List.of(List.of("b"), List.of("a"), List.of("c")));
  }
}
