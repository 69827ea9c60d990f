package io.sharedobjects.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sharedobjects.NotStorableException;
import io.sharedobjects.SharedList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.ListIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("InMemorySharedList")
class InMemorySharedListTest {

  private final InMemorySharedObjects shared = new InMemorySharedObjects();

  @AfterEach
  void close() {
    shared.close();
  }

  record Item(String name, List<String> tags) {}

  @Test
  @DisplayName("elements are copied on write and on read")
  void copies() {
    SharedList<Item> list = shared.list();
    Item item = new Item("a", new ArrayList<>(List.of("t")));
    list.add(item);
    item.tags().add("changed after add");
    list.get(0).tags().add("changed after get");
    list.iterator().next().tags().add("changed via iterator");
    list.snapshot().get(0).tags().add("changed via snapshot");
    list.forEach(i -> i.tags().add("changed via forEach"));
    assertThat(list.get(0).tags()).containsExactly("t");

    Item read = list.get(0);
    read.tags().add("written back");
    list.set(0, read);
    assertThat(list.get(0).tags()).containsExactly("t", "written back");
  }

  @Test
  @DisplayName("a refused element changes nothing, even among good ones")
  void refusals() {
    SharedList<Object> list = shared.list();
    list.add("a");
    assertThatThrownBy(() -> list.add(new Object())).isInstanceOf(NotStorableException.class);
    assertThatThrownBy(() -> list.add(0, new Object())).isInstanceOf(NotStorableException.class);
    assertThatThrownBy(() -> list.set(0, new Object())).isInstanceOf(NotStorableException.class);
    assertThatThrownBy(() -> list.addAll(Arrays.asList("b", new Object(), "c"))).isInstanceOf(NotStorableException.class);
    assertThatThrownBy(() -> list.replaceAll(e -> new Object())).isInstanceOf(NotStorableException.class);
    assertThatThrownBy(() -> list.listIterator().add(new Object())).isInstanceOf(NotStorableException.class);
    assertThat(list).containsExactly("a");
  }

  @Test
  @DisplayName("null elements are stored and found, as in ArrayList")
  void nulls() {
    SharedList<String> list = shared.list();
    list.addAll(Arrays.asList("a", null, "b", null));
    assertThat(list).containsExactly("a", null, "b", null);
    assertThat(list.indexOf(null)).isEqualTo(1);
    assertThat(list.lastIndexOf(null)).isEqualTo(3);
    assertThat(list.remove(null)).isTrue();
    assertThat(list).containsExactly("a", "b", null);
  }

  @Test
  @DisplayName("subList and listIterator write through")
  void writeThroughViews() {
    SharedList<String> list = shared.list();
    list.addAll(List.of("a", "b", "c", "d", "e"));
    List<String> middle = list.subList(1, 4);
    middle.set(0, "B");
    middle.remove("c");
    middle.add("x");
    assertThat(list).containsExactly("a", "B", "d", "x", "e");
    list.subList(0, 2).clear();
    assertThat(list).containsExactly("d", "x", "e");

    ListIterator<String> it = list.listIterator();
    it.next();
    it.set("D");
    it.add("after D");
    it.next();
    it.remove();
    assertThat(list).containsExactly("D", "after D", "e");
  }

  @Test
  @DisplayName("reverse, sort, replaceAll and removeIf")
  void compoundOperations() {
    SharedList<Integer> list = shared.list();
    list.addAll(List.of(3, 1, 2));
    list.reverse();
    assertThat(list).containsExactly(2, 1, 3);
    list.sort(null);
    assertThat(list).containsExactly(1, 2, 3);
    list.sort(Comparator.reverseOrder());
    assertThat(list).containsExactly(3, 2, 1);
    list.replaceAll(n -> n * 10);
    assertThat(list).containsExactly(30, 20, 10);
    assertThat(list.removeIf(n -> n > 15)).isTrue();
    assertThat(list.removeIf(n -> n > 15)).isFalse();
    assertThat(list).containsExactly(10);
  }

  @Test
  @DisplayName("sort is stable and compares copies")
  void stableSort() {
    SharedList<Item> list = shared.list();
    list.add(new Item("b", new ArrayList<>(List.of("1"))));
    list.add(new Item("a", new ArrayList<>(List.of("2"))));
    list.add(new Item("b", new ArrayList<>(List.of("3"))));
    list.sort(Comparator.comparing((Item i) -> {
      i.tags().add("touched by the comparator");
      return i.name();
    }));
    assertThat(list).extracting(i -> i.tags().get(0)).containsExactly("2", "1", "3");
    assertThat(list).allSatisfy(i -> assertThat(i.tags()).hasSize(1));
  }

  @Test
  @DisplayName("equals, hashCode and toString follow the List contract")
  void objectMethods() {
    SharedList<String> list = shared.list();
    list.addAll(Arrays.asList("a", null));
    List<String> arrayList = new ArrayList<>(Arrays.asList("a", null));
    assertThat(list).hasToString("[a, null]");
    assertThat(list.equals(arrayList)).isTrue();
    assertThat(arrayList.equals(list)).isTrue();
    assertThat(list.hashCode()).isEqualTo(arrayList.hashCode());
    assertThat(list.equals(List.of("a"))).isFalse();
    assertThat(list.equals(shared.peer().list(list.name()))).isTrue();
  }

  @Test
  @DisplayName("positions out of range fail as in ArrayList")
  void indexChecks() {
    SharedList<String> list = shared.list();
    assertThatThrownBy(() -> list.get(0)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> list.add(1, "x")).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> list.addAll(1, List.of())).isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(list).isEmpty();
  }
}
