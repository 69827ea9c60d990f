package io.sharedobjects.tck;

import static io.sharedobjects.tck.KitAssertions.removeFirstWhere;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sharedobjects.SharedList;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The rules for a shared list's iterators, list iterators and sub-lists: they read the list and
 * write through to it, as {@code ArrayList}'s do.
 */
@Tag("list")
abstract class ListViewsContract extends KitContract {

  ListViewsContract(KitFixture kit) {
    super(kit);
  }

  @Test
  @DisplayName("removing through an iterator removes the element from the list")
  void iteratorRemove() {
    SharedList<String> list = listOf("a", "b", "c");

    removeFirstWhere(list.iterator(), "b"::equals);

    assertThat(list.snapshot()).containsExactly("a", "c");
  }

  @Test
  @DisplayName("an iterator's remove throws IllegalStateException before next and when called twice")
  void iteratorRemoveMisuse() {
    SharedList<String> list = listOf("a", "b");

    Iterator<String> it = list.iterator();
    assertThatThrownBy(it::remove).isInstanceOf(IllegalStateException.class);
    it.next();
    it.remove();
    assertThatThrownBy(it::remove).isInstanceOf(IllegalStateException.class);

    assertThat(list.snapshot()).containsExactly("b");
  }

  @Test
  @DisplayName("a listIterator's set, add and remove write through, as ArrayList's do")
  void listIteratorWritesThrough() {
    SharedList<String> list = listOf("a", "b", "c");

    ListIterator<String> it = list.listIterator();
    assertThat(it.next()).isEqualTo("a");
    it.set("A");
    assertThat(it.next()).isEqualTo("b");
    it.remove();
    it.add("x");
    assertThat(it.nextIndex()).isEqualTo(2);
    assertThat(it.next()).isEqualTo("c");
    assertThat(it.hasNext()).isFalse();

    assertThat(list.snapshot()).containsExactly("A", "x", "c");
  }

  @Test
  @DisplayName("a listIterator walks both ways and can start at an index")
  void listIteratorNavigation() {
    SharedList<String> list = listOf("a", "b", "c");

    ListIterator<String> it = list.listIterator(2);
    assertThat(it.previousIndex()).isEqualTo(1);
    assertThat(it.next()).isEqualTo("c");
    assertThat(it.previous()).isEqualTo("c");
    assertThat(it.previous()).isEqualTo("b");
    assertThat(it.previous()).isEqualTo("a");
    assertThat(it.hasPrevious()).isFalse();
    it.set("A");

    ListIterator<String> atEnd = list.listIterator(3);
    assertThat(atEnd.hasNext()).isFalse();
    atEnd.add("d");

    assertThat(list.snapshot()).containsExactly("A", "b", "c", "d");
  }

  @Test
  @DisplayName("subList reads a range, and set, add and remove through it write through to the list")
  void subListWritesThrough() {
    SharedList<String> list = listOf("a", "b", "c", "d", "e");

    List<String> middle = list.subList(1, 4);
    assertThat(middle).containsExactly("b", "c", "d");
    assertThat(middle.size()).isEqualTo(3);
    assertThat(middle.get(0)).isEqualTo("b");
    assertThat(middle.indexOf("d")).isEqualTo(2);

    assertThat(middle.set(0, "B")).isEqualTo("b");
    assertThat(list.snapshot()).containsExactly("a", "B", "c", "d", "e");

    middle.add("x");
    assertThat(list.snapshot()).containsExactly("a", "B", "c", "d", "x", "e");

    assertThat(middle.remove(1)).isEqualTo("c");
    assertThat(list.snapshot()).containsExactly("a", "B", "d", "x", "e");
    assertThat(middle).containsExactly("B", "d", "x");
  }

  @Test
  @DisplayName("subList(from, to).clear() removes that range from the list")
  void subListClear() {
    SharedList<String> list = listOf("a", "b", "c", "d", "e");

    list.subList(1, 3).clear();

    assertThat(list.snapshot()).containsExactly("a", "d", "e");
  }

  @Test
  @DisplayName("a subList equals, hashes and prints like the same range of an ArrayList")
  void subListObjectMethods() {
    SharedList<String> list = listOf("a", "b", "c");

    List<String> sub = list.subList(1, 3);

    assertThat(sub.equals(List.of("b", "c"))).isTrue();
    assertThat(List.of("b", "c").equals(sub)).isTrue();
    assertThat(sub.hashCode()).isEqualTo(List.of("b", "c").hashCode());
    assertThat(sub.toString()).isEqualTo("[b, c]");
    assertThat(list.subList(1, 1)).isEmpty();
  }

  @Test
  @DisplayName("subList with from greater than to fails, and changes nothing")
  void subListBadRange() {
    SharedList<String> list = listOf("a", "b", "c");

    // List specifies IndexOutOfBoundsException here, while ArrayList and AbstractList throw
    // IllegalArgumentException; either is faithful to java.util.
    assertThatThrownBy(() -> list.subList(2, 1))
        .isInstanceOfAny(IndexOutOfBoundsException.class, IllegalArgumentException.class);
    assertThat(list.snapshot()).containsExactly("a", "b", "c");
  }
}
