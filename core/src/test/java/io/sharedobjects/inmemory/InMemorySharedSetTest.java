package io.sharedobjects.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sharedobjects.NotStorableException;
import io.sharedobjects.SharedSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("InMemorySharedSet")
class InMemorySharedSetTest {

  private final InMemorySharedObjects shared = new InMemorySharedObjects();

  @AfterEach
  void close() {
    shared.close();
  }

  record Item(String name, List<String> tags) {}

  @Test
  @DisplayName("2000 random operations, nulls among the elements, give the same results and contents as a HashSet")
  void sameAsHashSet() {
    Random random = new Random(12);
    Set<String> expected = new HashSet<>();
    SharedSet<String> actual = shared.set();
    List<String> names = new ArrayList<>();
    for (int step = 0; step < 2000; step++) {
      int op = random.nextInt(10);
      String element = element(random);
      List<String> some = Arrays.asList(element(random), element(random), element(random));
      boolean keepFew = random.nextInt(8) == 0;
      Function<Set<String>, Object> operation =
          switch (op) {
            case 0, 1 -> s -> s.add(element);
            case 2 -> s -> s.remove(element);
            case 3 -> s -> s.contains(element);
            case 4 -> s -> s.addAll(some);
            case 5 -> s -> s.removeAll(some);
            case 6 -> s -> s.retainAll(keepFew ? some : union(some, s));
            case 7 -> s -> s.containsAll(some);
            case 8 -> s -> s.removeIf(e -> e != null && e.endsWith(element == null ? "3" : element.substring(1)));
            default -> s -> s.size() + (s.isEmpty() ? "empty" : "");
          };
      names.add(op + "(" + element + ", " + some + ")");
      // The retainAll argument depends on the set's own contents, which are the same on both sides.
      Object expectedResult = operation.apply(expected);
      Object actualResult = operation.apply(actual);
      assertThat(actualResult).as("result of step %s: %s", step, names.get(step)).isEqualTo(expectedResult);
      assertThat(actual.snapshot()).as("contents after step %s: %s", step, names.get(step)).isEqualTo(expected);
    }
    assertThat(actual).isEqualTo(expected);
    assertThat(expected).isEqualTo(actual);
    assertThat(actual.hashCode()).isEqualTo(expected.hashCode());
  }

  private static String element(Random random) {
    int n = random.nextInt(13);
    return n == 12 ? null : "e" + n;
  }

  private static List<String> union(List<String> some, Set<String> set) {
    List<String> all = new ArrayList<>(some);
    all.addAll(set.stream().filter(e -> e == null || !e.endsWith("1")).toList());
    return all;
  }

  @Test
  @DisplayName("elements are copied on write and on read, and removeIf's filter sees copies")
  void copies() {
    SharedSet<Item> set = shared.set();
    Item item = new Item("a", new ArrayList<>(List.of("t")));
    set.add(item);
    item.tags().add("changed after add");
    set.iterator().next().tags().add("changed via iterator");
    set.snapshot().iterator().next().tags().add("changed via snapshot");
    set.forEach(i -> i.tags().add("changed via forEach"));
    ((Item) set.toArray()[0]).tags().add("changed via toArray");
    set.stream().forEach(i -> i.tags().add("changed via stream"));
    assertThat(set.removeIf(i -> i.tags().add("changed in removeIf") && false)).isFalse();

    assertThat(set).containsExactly(new Item("a", List.of("t")));
  }

  @Test
  @DisplayName("a refused element changes nothing, even among good ones, and a failing filter changes nothing")
  void refusals() {
    SharedSet<Object> set = shared.set();
    set.add("a");
    Object bad = new Object();

    assertThatThrownBy(() -> set.add(bad)).isInstanceOf(NotStorableException.class);
    assertThatThrownBy(() -> set.addAll(Arrays.asList("b", bad, "c"))).isInstanceOf(NotStorableException.class);
    assertThatThrownBy(() -> set.contains(bad)).isInstanceOf(NotStorableException.class);
    assertThatThrownBy(() -> set.remove(bad)).isInstanceOf(NotStorableException.class);
    assertThatThrownBy(() -> set.removeAll(Arrays.asList("a", bad))).isInstanceOf(NotStorableException.class);
    assertThatThrownBy(() -> set.retainAll(Arrays.asList("z", bad))).isInstanceOf(NotStorableException.class);
    set.add("b");
    assertThatThrownBy(() -> set.removeIf(e -> {
      if (e.equals("b")) {
        throw new IllegalStateException("the filter failed");
      }
      return true;
    })).isInstanceOf(IllegalStateException.class);

    assertThat(set.snapshot()).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  @DisplayName("an iterator walks the elements present when it started, and its remove reaches a peer")
  void iteratorIsASnapshotThatRemoves() {
    SharedSet<String> set = shared.set();
    set.addAll(List.of("a", "b"));
    SharedSet<String> viaPeer = shared.peer().set(set.name());

    Iterator<String> it = set.iterator();
    viaPeer.add("c");
    List<String> seen = new ArrayList<>();
    while (it.hasNext()) {
      seen.add(it.next());
      it.remove();
    }

    assertThat(seen).containsExactlyInAnyOrder("a", "b");
    assertThat(viaPeer.snapshot()).containsExactly("c");
  }
}
