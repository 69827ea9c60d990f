package io.sharedobjects.tck;

import static io.sharedobjects.tck.Races.THREADS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sharedobjects.SharedList;
import io.sharedobjects.SharedObjects;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The rules that a shared list is a {@link java.util.List}: its operations, index errors,
 * {@code equals}, {@code hashCode} and {@code toString} as {@code ArrayList}'s, Python's {@code reverse},
 * null elements, and adds from threads of two peers.
 */
@Tag("list")
abstract class ListContract extends KitContract {

  ListContract(KitFixture kit) {
    super(kit);
  }

  @Test
  @DisplayName("add appends and returns true, get reads by index, size counts")
  void addAndGet() {
    SharedList<String> list = newList();

    assertThat(list.isEmpty()).isTrue();
    assertThat(list.add("a")).isTrue();
    assertThat(list.add("b")).isTrue();

    assertThat(list.size()).isEqualTo(2);
    assertThat(list.isEmpty()).isFalse();
    assertThat(list.get(0)).isEqualTo("a");
    assertThat(list.get(1)).isEqualTo("b");
  }

  @Test
  @DisplayName("add(index, e) inserts and shifts the later elements right")
  void addAtIndex() {
    SharedList<String> list = listOf("a", "c");

    list.add(1, "b");
    list.add(0, "start");
    list.add(4, "end");

    assertThat(list.snapshot()).containsExactly("start", "a", "b", "c", "end");
  }

  @Test
  @DisplayName("set replaces an element and returns the one it replaced")
  void set() {
    SharedList<String> list = listOf("a", "b", "c");

    assertThat(list.set(1, "B")).isEqualTo("b");

    assertThat(list.snapshot()).containsExactly("a", "B", "c");
  }

  @Test
  @DisplayName("remove(int) removes by index, returns the element and shifts the later ones left")
  void removeByIndex() {
    SharedList<String> list = listOf("a", "b", "c");

    assertThat(list.remove(1)).isEqualTo("b");

    assertThat(list.snapshot()).containsExactly("a", "c");
  }

  @Test
  @DisplayName("remove(Object) removes the first equal element only and tells whether it found one")
  void removeByValue() {
    SharedList<String> list = listOf("a", "b", "a");

    assertThat(list.remove("a")).isTrue();
    assertThat(list.remove("x")).isFalse();

    assertThat(list.snapshot()).containsExactly("b", "a");
  }

  @Test
  @DisplayName("remove(Object) on a list of Integers removes by value, remove(int) by index")
  void removeIntegerOverloads() {
    SharedList<Integer> list = newList();
    list.addAll(List.of(10, 20, 30));

    assertThat(list.remove(Integer.valueOf(30))).isTrue();
    assertThat(list.remove(0)).isEqualTo(10);

    assertThat(list.snapshot()).containsExactly(20);
  }

  @Test
  @DisplayName("indexOf, lastIndexOf and contains find equal elements, -1 and false when absent")
  void search() {
    SharedList<String> list = listOf("a", "b", "a", "c");

    assertThat(list.indexOf("a")).isEqualTo(0);
    assertThat(list.lastIndexOf("a")).isEqualTo(2);
    assertThat(list.indexOf("x")).isEqualTo(-1);
    assertThat(list.lastIndexOf("x")).isEqualTo(-1);
    assertThat(list.contains("c")).isTrue();
    assertThat(list.contains("x")).isFalse();
    assertThat(list.containsAll(List.of("a", "c"))).isTrue();
    assertThat(list.containsAll(List.of("a", "x"))).isFalse();
  }

  @Test
  @DisplayName("addAll appends in order, addAll(index, c) inserts in order, and both return false for nothing added")
  void addAll() {
    SharedList<String> list = newList();

    assertThat(list.addAll(List.of("a", "d"))).isTrue();
    assertThat(list.addAll(1, List.of("b", "c"))).isTrue();
    assertThat(list.addAll(List.of())).isFalse();
    assertThat(list.addAll(0, List.of())).isFalse();

    assertThat(list.snapshot()).containsExactly("a", "b", "c", "d");
  }

  @Test
  @DisplayName("removeAll and retainAll remove every matching element and tell whether anything changed")
  void removeAllRetainAll() {
    SharedList<String> list = listOf("a", "b", "a", "c", "d");

    assertThat(list.removeAll(List.of("a", "x"))).isTrue();
    assertThat(list.snapshot()).containsExactly("b", "c", "d");
    assertThat(list.retainAll(List.of("b", "d"))).isTrue();
    assertThat(list.retainAll(List.of("b", "d"))).isFalse();

    assertThat(list.snapshot()).containsExactly("b", "d");
  }

  @Test
  @DisplayName("clear removes every element")
  void clear() {
    SharedList<String> list = listOf("a", "b");

    list.clear();

    assertThat(list.isEmpty()).isTrue();
    assertThat(list.snapshot()).isEmpty();
  }

  @Test
  @DisplayName("sort orders the list naturally with a null comparator, or by the given comparator")
  void sort() {
    SharedList<String> list = listOf("c", "a", "b");

    list.sort(null);
    assertThat(list.snapshot()).containsExactly("a", "b", "c");

    list.sort(Comparator.reverseOrder());
    assertThat(list.snapshot()).containsExactly("c", "b", "a");
  }

  @Test
  @DisplayName("replaceAll replaces every element with the function's result")
  void replaceAll() {
    SharedList<String> list = listOf("a", "b");

    list.replaceAll(String::toUpperCase);

    assertThat(list.snapshot()).containsExactly("A", "B");
  }

  @Test
  @DisplayName("removeIf removes every matching element and tells whether it removed any")
  void removeIf() {
    SharedList<String> list = listOf("a1", "b", "a2", "c");

    assertThat(list.removeIf(s -> s.startsWith("a"))).isTrue();
    assertThat(list.removeIf(s -> s.startsWith("x"))).isFalse();

    assertThat(list.snapshot()).containsExactly("b", "c");
  }

  @Test
  @DisplayName("reverse reverses the list in place, as Python's list.reverse()")
  void reverse() {
    SharedList<String> list = listOf("a", "b", "c", "d");

    list.reverse();
    assertThat(list.snapshot()).containsExactly("d", "c", "b", "a");

    SharedList<String> empty = newList();
    empty.reverse();
    assertThat(empty.isEmpty()).isTrue();
  }

  @Test
  @DisplayName("null elements are stored and returned, and found by contains and indexOf")
  void nullElements() {
    SharedList<String> list = newList();

    list.add(null);
    list.add("a");
    list.add(null);

    assertThat(list.size()).isEqualTo(3);
    assertThat(list.get(0)).isNull();
    assertThat(list.contains(null)).isTrue();
    assertThat(list.indexOf(null)).isEqualTo(0);
    assertThat(list.lastIndexOf(null)).isEqualTo(2);
    assertThat(list.set(0, "b")).isNull();
    assertThat(list.remove(null)).isTrue();
    assertThat(list.snapshot()).containsExactly("b", "a");
  }

  @Test
  @DisplayName("an index out of range throws IndexOutOfBoundsException and changes nothing")
  void indexErrors() {
    SharedList<String> list = listOf("a", "b", "c");
    Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
    calls.put("get(-1)", () -> list.get(-1));
    calls.put("get(size)", () -> list.get(3));
    calls.put("set(-1, e)", () -> list.set(-1, "x"));
    calls.put("set(size, e)", () -> list.set(3, "x"));
    calls.put("remove(-1)", () -> list.remove(-1));
    calls.put("remove(size)", () -> list.remove(3));
    calls.put("add(-1, e)", () -> list.add(-1, "x"));
    calls.put("add(size + 1, e)", () -> list.add(4, "x"));
    calls.put("addAll(-1, c)", () -> list.addAll(-1, List.of("x")));
    calls.put("addAll(size + 1, c)", () -> list.addAll(4, List.of("x")));
    calls.put("listIterator(-1)", () -> list.listIterator(-1));
    calls.put("listIterator(size + 1)", () -> list.listIterator(4));
    calls.put("subList(-1, 2)", () -> list.subList(-1, 2));
    calls.put("subList(0, size + 1)", () -> list.subList(0, 4));

    calls.forEach(
        (call, code) -> {
          assertThatThrownBy(code).as(call).isInstanceOf(IndexOutOfBoundsException.class);
          assertThat(list.snapshot()).as("contents after %s", call).containsExactly("a", "b", "c");
        });
    SharedList<String> empty = newList();
    assertThatThrownBy(() -> empty.get(0)).as("get(0) of an empty list").isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> empty.remove(0)).as("remove(0) of an empty list").isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  @DisplayName("a list equals an ArrayList with the same elements in the same order, both ways, with the same hashCode")
  void equalsArrayList() {
    SharedList<String> list = listOf("a", null, "c");
    List<String> same = new ArrayList<>(Arrays.asList("a", null, "c"));

    assertThat(list.equals(same)).isTrue();
    assertThat(same.equals(list)).isTrue();
    assertThat(list.hashCode()).isEqualTo(same.hashCode());
    assertThat(list.equals(List.of("c", "a"))).isFalse();
    assertThat(list.equals(Arrays.asList("c", null, "a"))).isFalse();
    assertThat(list.equals(Set.of("a", "c"))).isFalse();
  }

  @Test
  @DisplayName("two lists with different names and the same elements are equal")
  void twoListsEqual() {
    SharedList<String> first = listOf("a", "b");
    SharedList<String> second = listOf("a", "b");

    assertThat(first.equals(second)).isTrue();
    assertThat(first.hashCode()).isEqualTo(second.hashCode());
  }

  @Test
  @DisplayName("toString prints the elements as ArrayList does: [1, 2, 3], and [] when empty")
  void toStringPrintsContents() {
    SharedList<Integer> list = newList();
    assertThat(list.toString()).isEqualTo("[]");

    list.addAll(List.of(1, 2, 3));
    assertThat(list.toString()).isEqualTo("[1, 2, 3]");

    list.add(null);
    assertThat(list.toString()).isEqualTo("[1, 2, 3, null]");
  }

  @Test
  @DisplayName("toArray returns the elements in order")
  void toArray() {
    SharedList<String> list = listOf("a", "b");

    assertThat(list.toArray()).containsExactly("a", "b");
    assertThat(list.toArray(new String[0])).containsExactly("a", "b");
  }

  @Test
  @DisplayName("snapshot returns a private ArrayList copy of the elements")
  void snapshot() {
    SharedList<String> list = listOf("a", "b");

    List<String> copy = list.snapshot();
    assertThat(copy).isInstanceOf(ArrayList.class).containsExactly("a", "b");

    copy.clear();
    assertThat(list.size()).isEqualTo(2);
  }

  @Test
  @DisplayName("iterating a list of 500 elements yields each element once, in order")
  void iterateInOrder() {
    SharedList<Integer> list = newList();
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      expected.add(i);
    }
    list.addAll(expected);

    List<Integer> seen = new ArrayList<>();
    for (Integer element : list) {
      seen.add(element);
    }

    assertThat(seen).isEqualTo(expected);
  }

  @Test
  @DisplayName("forEach and stream see every element in order, nulls included")
  void forEachAndStream() {
    SharedList<String> list = listOf("a", null, "c");

    List<String> seen = new ArrayList<>();
    list.forEach(seen::add);

    assertThat(seen).containsExactly("a", null, "c");
    assertThat(list.stream().map(String::valueOf).toList()).containsExactly("a", "null", "c");
    assertThat(new ArrayList<>(list)).containsExactly("a", null, "c");
  }

  @Test
  @DisplayName("a peer sees the same elements at once and its writes are seen back")
  void peersSeeEachOthersWrites() {
    SharedList<String> list = listOf("a");
    SharedList<String> viaPeer = peer().list(list.name());

    assertThat(viaPeer.snapshot()).containsExactly("a");
    viaPeer.add("b");
    assertThat(list.snapshot()).containsExactly("a", "b");
  }

  @Test
  @DisplayName("add from 4 threads on two peers stores every element exactly once")
  void concurrentAdds() {
    SharedList<String> list = newList();
    SharedObjects peer = peer();
    int perThread = 100;

    race(t -> {
      SharedList<String> mine = instanceFor(t, peer).list(list.name());
      for (int i = 0; i < perThread; i++) {
        mine.add(t + "-" + i);
      }
    });

    List<String> all = list.snapshot();
    assertThat(all).hasSize(THREADS * perThread).doesNotHaveDuplicates();
    for (int t = 0; t < THREADS; t++) {
      // Each thread's own adds keep their order, whatever the interleaving.
      List<String> own = new ArrayList<>();
      for (String element : all) {
        if (element.startsWith(t + "-")) {
          own.add(element);
        }
      }
      assertThat(own).as("elements added by thread %s", t).hasSize(perThread).isSortedAccordingTo(byNumberSuffix());
    }
  }

  private static Comparator<String> byNumberSuffix() {
    return Comparator.comparingInt(s -> Integer.parseInt(s.substring(s.indexOf('-') + 1)));
  }
}
