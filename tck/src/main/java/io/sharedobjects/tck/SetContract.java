package io.sharedobjects.tck;

import static io.sharedobjects.tck.KitAssertions.assertAllFailClosed;
import static io.sharedobjects.tck.KitAssertions.removeFirstWhere;
import static io.sharedobjects.tck.KitFixture.uniqueName;
import static io.sharedobjects.tck.Races.THREADS;
import static io.sharedobjects.tck.SampleValues.jdkValueSamples;
import static io.sharedobjects.tck.SampleValues.sampleOrder;
import static io.sharedobjects.tck.SampleValues.samplePlainOrder;
import static io.sharedobjects.tck.SampleValues.unstorableSamples;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sharedobjects.InvalidNameException;
import io.sharedobjects.NotStorableException;
import io.sharedobjects.SharedDict;
import io.sharedobjects.SharedList;
import io.sharedobjects.SharedObjects;
import io.sharedobjects.SharedObjectsClosedException;
import io.sharedobjects.SharedSet;
import io.sharedobjects.ValueTooLargeException;
import io.sharedobjects.tck.KitFixture.Kind;
import io.sharedobjects.tck.SampleValues.OrderKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The rules that a shared set is a {@link java.util.Set}: its operations and bulk operations, {@code equals},
 * {@code hashCode} and {@code toString} as {@code HashSet}'s, a null element, iterators that remove and
 * stay consistent while others write, copies, what can be stored, atomicity across peers, names and
 * lifecycle.
 */
@Tag("set")
abstract class SetContract extends KitContract {

  SetContract(KitFixture kit) {
    super(kit);
  }

  @SafeVarargs
  private <E> SharedSet<E> setOf(E... elements) {
    SharedSet<E> set = newSet();
    set.addAll(Arrays.asList(elements));
    return set;
  }

  // --- operations ----------------------------------------------------------------------------------------

  @Test
  @DisplayName("add returns true for a new element and false for one already present; size, isEmpty and contains follow")
  void addAndContains() {
    SharedSet<String> set = newSet();
    assertThat(set.isEmpty()).isTrue();
    assertThat(set.size()).isZero();

    assertThat(set.add("a")).isTrue();
    assertThat(set.add("b")).isTrue();
    assertThat(set.add("a")).isFalse();

    assertThat(set.size()).isEqualTo(2);
    assertThat(set.isEmpty()).isFalse();
    assertThat(set.contains("a")).isTrue();
    assertThat(set.contains("x")).isFalse();
  }

  @Test
  @DisplayName("remove returns true and removes a present element, false for an absent one")
  void remove() {
    SharedSet<String> set = setOf("a", "b");

    assertThat(set.remove("a")).isTrue();
    assertThat(set.remove("a")).isFalse();
    assertThat(set.remove("x")).isFalse();

    assertThat(set.snapshot()).containsExactly("b");
  }

  @Test
  @DisplayName("a null element is stored once, found, printed and removed, as in HashSet")
  void nullElement() {
    SharedSet<String> set = newSet();

    assertThat(set.add(null)).isTrue();
    assertThat(set.add(null)).isFalse();
    set.add("a");

    assertThat(set.size()).isEqualTo(2);
    assertThat(set.contains(null)).isTrue();
    assertThat(set.snapshot()).containsExactlyInAnyOrder(null, "a");
    assertThat(set.toString()).isIn("[null, a]", "[a, null]");
    assertThat(set.equals(new HashSet<>(Arrays.asList("a", null)))).isTrue();
    assertThat(set.remove(null)).isTrue();
    assertThat(set.contains(null)).isFalse();
    assertThat(set.snapshot()).containsExactly("a");
  }

  @Test
  @DisplayName("addAll adds each new element once and tells whether any was new; addAll of nothing returns false")
  void addAll() {
    SharedSet<String> set = setOf("a");

    assertThat(set.addAll(List.of("a", "b", "c", "b"))).isTrue();
    assertThat(set.addAll(List.of("a", "c"))).isFalse();
    assertThat(set.addAll(List.of())).isFalse();

    assertThat(set.size()).isEqualTo(3);
    assertThat(set.snapshot()).containsExactlyInAnyOrder("a", "b", "c");
  }

  @Test
  @DisplayName("containsAll is true only when every element is present, and true for an empty collection")
  void containsAll() {
    SharedSet<String> set = setOf("a", "b", null);

    assertThat(set.containsAll(List.of("a", "b"))).isTrue();
    assertThat(set.containsAll(Arrays.asList("a", null))).isTrue();
    assertThat(set.containsAll(List.of("a", "x"))).isFalse();
    assertThat(set.containsAll(List.of())).isTrue();
  }

  @Test
  @DisplayName("removeAll and retainAll tell whether anything changed, and retainAll of nothing empties the set")
  void removeAllRetainAll() {
    SharedSet<String> set = setOf("a", "b", "c", "d", "e");

    assertThat(set.removeAll(List.of("a", "x"))).isTrue();
    assertThat(set.removeAll(List.of("a", "x"))).isFalse();
    assertThat(set.removeAll(List.of())).isFalse();
    assertThat(set.snapshot()).containsExactlyInAnyOrder("b", "c", "d", "e");

    assertThat(set.retainAll(List.of("b", "d", "x"))).isTrue();
    assertThat(set.retainAll(List.of("b", "d"))).isFalse();
    assertThat(set.snapshot()).containsExactlyInAnyOrder("b", "d");

    assertThat(set.retainAll(List.of())).isTrue();
    assertThat(set.isEmpty()).isTrue();
  }

  @Test
  @DisplayName("removeIf removes every matching element and tells whether it removed any")
  void removeIf() {
    SharedSet<String> set = setOf("a1", "b", "a2", "c");

    assertThat(set.removeIf(s -> s.startsWith("a"))).isTrue();
    assertThat(set.removeIf(s -> s.startsWith("x"))).isFalse();

    assertThat(set.snapshot()).containsExactlyInAnyOrder("b", "c");
  }

  @Test
  @DisplayName("clear removes every element")
  void clear() {
    SharedSet<String> set = setOf("a", "b");

    set.clear();

    assertThat(set.isEmpty()).isTrue();
    assertThat(set.snapshot()).isEmpty();
  }

  // --- equals, hashCode, toString, copies out ---------------------------------------------------------------

  @Test
  @DisplayName("a set equals a HashSet with the same elements, both ways, with the same hashCode, and never a List")
  void equalsHashSet() {
    SharedSet<String> set = setOf("a", null, "c");
    Set<String> same = new HashSet<>(Arrays.asList("c", null, "a"));

    assertThat(set.equals(same)).isTrue();
    assertThat(same.equals(set)).isTrue();
    assertThat(set.hashCode()).isEqualTo(same.hashCode());
    assertThat(set.equals(Set.of("a", "c"))).isFalse();
    assertThat(set.equals(Arrays.asList("a", null, "c"))).isFalse();
    assertThat(setOf().equals(Set.of())).isTrue();
  }

  @Test
  @DisplayName("two sets with different names and the same elements are equal, with the same hashCode")
  void twoSetsEqual() {
    SharedSet<String> first = setOf("a", "b");
    SharedSet<String> second = setOf("b", "a");

    assertThat(first.equals(second)).isTrue();
    assertThat(first.hashCode()).isEqualTo(second.hashCode());
    second.add("c");
    assertThat(first.equals(second)).isFalse();
  }

  @Test
  @DisplayName("toString prints the elements in the order the set iterates them, as AbstractSet does, and [] when empty")
  void toStringFollowsIterationOrder() {
    SharedSet<Integer> set = newSet();
    assertThat(set.toString()).isEqualTo("[]");
    set.add(1);
    assertThat(set.toString()).isEqualTo("[1]");

    // Many elements, most removed again: a backend that prints a fresh copy may order the rest differently.
    for (int i = 0; i < 200; i++) {
      set.add(i);
    }
    set.removeIf(i -> i % 31 != 2);
    StringJoiner iterated = new StringJoiner(", ", "[", "]");
    for (Integer element : set) {
      iterated.add(String.valueOf(element));
    }
    assertThat(set.toString()).isEqualTo(iterated.toString());
  }

  @Test
  @DisplayName("toArray, forEach, stream and new HashSet<>(set) see every element once, null included")
  void toArrayForEachAndStream() {
    SharedSet<String> set = setOf("a", null, "c");

    List<String> seen = new ArrayList<>();
    set.forEach(seen::add);

    assertThat(seen).containsExactlyInAnyOrder("a", null, "c");
    assertThat(set.toArray()).containsExactlyInAnyOrder("a", null, "c");
    assertThat(set.toArray(new String[0])).containsExactlyInAnyOrder("a", null, "c");
    assertThat(set.stream().map(String::valueOf).toList()).containsExactlyInAnyOrder("a", "null", "c");
    assertThat(new HashSet<>(set)).isEqualTo(new HashSet<>(Arrays.asList("a", null, "c")));
  }

  @Test
  @DisplayName("snapshot returns a private HashSet copy of the elements")
  void snapshot() {
    SharedSet<String> set = setOf("a", "b");

    Set<String> copy = set.snapshot();
    assertThat(copy).isInstanceOf(HashSet.class).containsExactlyInAnyOrder("a", "b");

    copy.clear();
    assertThat(set.size()).isEqualTo(2);
  }

  @Test
  @DisplayName("an element read is a copy, and an element added is copied: changing either changes nothing stored")
  void copies() {
    SharedSet<ArrayList<String>> set = newSet();
    ArrayList<String> added = new ArrayList<>(List.of("a"));
    ArrayList<String> bulk = new ArrayList<>(List.of("b"));
    set.add(added);
    set.addAll(List.of(bulk));

    added.add("changed after add");
    bulk.add("changed after addAll");
    set.iterator().next().add("changed through the iterator");
    set.snapshot().iterator().next().add("changed through snapshot");
    set.forEach(element -> element.add("changed through forEach"));

    assertThat(set.snapshot()).containsExactlyInAnyOrder(new ArrayList<>(List.of("a")), new ArrayList<>(List.of("b")));
    assertThat(set.contains(new ArrayList<>(List.of("a")))).isTrue();
  }

  // --- what can be stored ----------------------------------------------------------------------------------

  @Test
  @DisplayName("elements are compared by value: an equal record is found, and Integer 1 and Long 1 are different elements")
  void elementsComparedByValue() {
    SharedSet<Object> set = newSet();

    assertThat(set.add(new OrderKey("eu", 1))).isTrue();
    assertThat(set.add(new OrderKey("eu", 1))).isFalse();
    assertThat(set.contains(new OrderKey("eu", 1))).isTrue();
    assertThat(set.contains(new OrderKey("eu", 2))).isFalse();

    assertThat(set.add(1)).isTrue();
    assertThat(set.add(1L)).isTrue();
    assertThat(set.size()).isEqualTo(3);
    assertThat(set.remove(1L)).isTrue();
    assertThat(set.contains(1)).isTrue();
  }

  @Test
  @DisplayName("elements of common JDK types, a record and a plain class come back equal and are found")
  void storableElements() {
    SharedSet<Object> set = newSet();
    List<Object> elements = new ArrayList<>(jdkValueSamples().values());
    elements.add(sampleOrder());
    elements.add(samplePlainOrder());

    assertThat(set.addAll(elements)).isTrue();

    assertThat(set.snapshot()).isEqualTo(new HashSet<>(elements));
    for (Object element : elements) {
      assertThat(set.contains(element)).as("contains a %s", element.getClass().getName()).isTrue();
    }
  }

  @Test
  @DisplayName("an element that cannot be stored fails at add, addAll and contains with NotStorableException naming its class, and the set is unchanged")
  void unstorableElement() {
    SharedSet<Object> set = setOf("a", "b");

    for (Object bad : unstorableSamples()) {
      String what = bad.getClass().getName();
      Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
      calls.put("add", () -> set.add(bad));
      calls.put("addAll", () -> set.addAll(Arrays.asList("c", bad, "d")));
      calls.put("contains", () -> set.contains(bad));
      calls.forEach(
          (call, code) -> {
            assertThatThrownBy(code)
                .as("%s of a %s", call, what)
                .isInstanceOf(NotStorableException.class)
                .hasMessageContaining(what);
            assertThat(set.snapshot()).as("contents after %s of a %s", call, what).containsExactlyInAnyOrder("a", "b");
          });
    }
  }

  @Test
  @DisplayName("an element over the size limit fails at add and addAll with ValueTooLargeException, and the set is unchanged")
  void elementOverLimit() {
    SharedSet<Object> set = setOf("a", "b");
    byte[] big = new byte[Math.toIntExact(maxValueSize() + 1)];

    assertThatThrownBy(() -> set.add(big)).as("add").isInstanceOf(ValueTooLargeException.class);
    assertThatThrownBy(() -> set.addAll(Arrays.asList("c", big))).as("addAll").isInstanceOf(ValueTooLargeException.class);

    assertThat(set.snapshot()).containsExactlyInAnyOrder("a", "b");
  }

  // --- iteration -------------------------------------------------------------------------------------------

  @Test
  @DisplayName("iterating a set of 1000 elements yields each exactly once")
  void iterateThousand() {
    SharedSet<Integer> set = newSet();
    Set<Integer> expected = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      expected.add(i);
    }
    set.addAll(expected);

    List<Integer> seen = new ArrayList<>();
    for (Integer element : set) {
      seen.add(element);
    }

    assertThat(seen).hasSize(1000).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  @DisplayName("removing through an iterator removes the element from the set, and remove throws IllegalStateException before next and when called twice")
  void iteratorRemove() {
    SharedSet<String> set = setOf("a", "b", "c");

    removeFirstWhere(set.iterator(), "b"::equals);
    assertThat(set.snapshot()).containsExactlyInAnyOrder("a", "c");

    Iterator<String> it = set.iterator();
    assertThatThrownBy(it::remove).as("remove before next").isInstanceOf(IllegalStateException.class);
    it.next();
    it.remove();
    assertThatThrownBy(it::remove).as("remove twice").isInstanceOf(IllegalStateException.class);
    assertThat(set.size()).isEqualTo(1);
  }

  @Test
  @DisplayName("removing every even element of 1000 through an iterator leaves exactly the odd ones")
  void iteratorRemoveHalf() {
    SharedSet<Integer> set = newSet();
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      all.add(i);
    }
    set.addAll(all);

    int removed = 0;
    for (Iterator<Integer> it = set.iterator(); it.hasNext(); ) {
      if (it.next() % 2 == 0) {
        it.remove();
        removed++;
      }
    }

    assertThat(removed).isEqualTo(500);
    assertThat(set.size()).isEqualTo(500);
    assertThat(set.snapshot()).allMatch(i -> i % 2 == 1);
  }

  @Test
  @DisplayName("iterating while a peer adds and removes elements never throws, and yields each element present at the start exactly once")
  void weaklyConsistentIteration() {
    SharedSet<Integer> set = newSet();
    Set<Integer> initial = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      initial.add(i);
    }
    set.addAll(initial);
    SharedSet<Integer> writer = peer().set(set.name());

    List<Integer> seen = new ArrayList<>();
    int added = 1000;
    for (Integer element : set) {
      seen.add(element);
      // Writes by another process while this one iterates: a new element, and the one just seen removed.
      writer.add(added++);
      writer.remove(element);
    }

    // A weakly consistent iterator may or may not show elements added after it was created; each element
    // it shows, old or new, was still there, so the loop removed one element for each it added.
    assertThat(seen).doesNotHaveDuplicates().containsAll(initial);
    int lastAdded = added;
    assertThat(seen).allMatch(e -> e < 200 || (e >= 1000 && e < lastAdded));
    assertThat(set.size()).isEqualTo(initial.size());
  }

  // --- peers and atomicity ---------------------------------------------------------------------------------

  @Test
  @DisplayName("a peer sees the same elements at once and its writes are seen back")
  void peersSeeEachOthersWrites() {
    SharedSet<String> set = setOf("a");
    SharedSet<String> viaPeer = peer().set(set.name());

    assertThat(viaPeer.snapshot()).containsExactly("a");
    assertThat(viaPeer.add("a")).isFalse();
    viaPeer.add("b");
    viaPeer.remove("a");
    assertThat(set.snapshot()).containsExactly("b");
  }

  @Test
  @DisplayName("add of the same elements from 4 threads on two peers returns true exactly once per element")
  void concurrentAddsOneWinner() {
    String name = newSet().name();
    SharedObjects peer = peer();
    int elements = 50;
    Map<Integer, List<Integer>> winners = new ConcurrentHashMap<>();

    race(t -> {
      SharedSet<Integer> mine = instanceFor(t, peer).set(name);
      for (int e = 0; e < elements; e++) {
        if (mine.add(e)) {
          winners.computeIfAbsent(e, k -> new CopyOnWriteArrayList<>()).add(t);
        }
      }
    });

    for (int e = 0; e < elements; e++) {
      assertThat(winners.get(e)).as("threads whose add of %s returned true", e).hasSize(1);
    }
    assertThat(shared().<Integer>set(name).size()).isEqualTo(elements);
  }

  @Test
  @DisplayName("remove of the same elements from 4 threads on two peers returns true exactly once per element")
  void concurrentRemovesOneWinner() {
    SharedSet<Integer> set = newSet();
    int elements = 50;
    List<Integer> all = new ArrayList<>();
    for (int e = 0; e < elements; e++) {
      all.add(e);
    }
    set.addAll(all);
    SharedObjects peer = peer();
    Map<Integer, List<Integer>> winners = new ConcurrentHashMap<>();

    race(t -> {
      SharedSet<Integer> mine = instanceFor(t, peer).set(set.name());
      for (int e = 0; e < elements; e++) {
        if (mine.remove(e)) {
          winners.computeIfAbsent(e, k -> new CopyOnWriteArrayList<>()).add(t);
        }
      }
    });

    for (int e = 0; e < elements; e++) {
      assertThat(winners.get(e)).as("threads whose remove of %s returned true", e).hasSize(1);
    }
    assertThat(set.isEmpty()).isTrue();
  }

  @Test
  @DisplayName("addAll and removeAll are atomic: a peer reading meanwhile sees all of a batch or none of it")
  void bulkOperationsAtomic() {
    SharedSet<Integer> set = newSet();
    List<Integer> batch = new ArrayList<>();
    for (int e = 0; e < 20; e++) {
      batch.add(e);
    }
    SharedSet<Integer> viaPeer = peer().set(set.name());
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger reads = new AtomicInteger();
    Set<Integer> sizesSeen = ConcurrentHashMap.newKeySet();

    Future<?> reader = worker().start(() -> {
      do {
        sizesSeen.add(viaPeer.size());
        sizesSeen.add(viaPeer.snapshot().size());
        reads.incrementAndGet();
      } while (writing.get());
      return null;
    });
    long deadline = System.nanoTime() + Races.RACE_WAIT.toNanos();
    try {
      // At least 100 rounds, and on until the reader has read 20 times while they ran (bounded).
      for (int round = 0; (round < 100 || reads.get() < 20) && System.nanoTime() - deadline < 0; round++) {
        set.addAll(batch);
        set.removeAll(batch);
      }
    } finally {
      writing.set(false);
    }

    KitThreads.await(reader, KitThreads.WAIT);
    assertThat(reads.get()).isGreaterThanOrEqualTo(20);
    assertThat(sizesSeen).isSubsetOf(0, batch.size());
  }

  // --- names and lifecycle ---------------------------------------------------------------------------------

  @Test
  @DisplayName("the same name reaches the same set from a peer, and a set does not clash with a dict or list of that name")
  void namesReachTheSameSet() {
    String name = uniqueName();
    SharedSet<String> set = track(Kind.SET, shared().set(name));
    SharedDict<String, String> dict = track(Kind.DICT, shared().dict(name));
    SharedList<String> list = track(Kind.LIST, shared().list(name));

    set.add("in the set");
    dict.put("k", "in the dict");
    list.add("in the list");

    assertThat(set.name()).isEqualTo(name);
    assertThat(peer().<String>set(name).snapshot()).containsExactly("in the set");
    assertThat(dict.snapshot()).isEqualTo(Map.of("k", "in the dict"));
    assertThat(list.snapshot()).containsExactly("in the list");
  }

  @Test
  @DisplayName("set() creates a new, empty set with a unique valid name that a peer finds")
  void anonymousSet() {
    SharedSet<String> first = track(Kind.SET, shared().set());
    SharedSet<String> second = track(Kind.SET, shared().set());

    assertThat(first.name()).isNotEqualTo(second.name());
    assertThat(first.isEmpty()).isTrue();
    first.add("a");
    assertThat(second.isEmpty()).isTrue();
    assertThat(peer().<String>set(first.name()).snapshot()).containsExactly("a");
  }

  @Test
  @DisplayName("set with an invalid name (null, empty, a space, a leading underscore) fails with InvalidNameException")
  void invalidNames() {
    for (String name : Arrays.asList(null, "", "has space", "_reserved")) {
      assertThatThrownBy(() -> shared().set(name)).as("set(%s)", name).isInstanceOf(InvalidNameException.class);
    }
  }

  @Test
  @DisplayName("destroy removes a set's contents for every peer, and the name then starts a new empty set")
  void destroy() {
    SharedSet<String> set = setOf("a", "b");
    SharedObjects peer = peer();

    set.destroy();

    assertThat(peer.<String>set(set.name()).isEmpty()).isTrue();
    SharedSet<String> again = shared().set(set.name());
    assertThat(again.isEmpty()).isTrue();
    again.add("c");
    assertThat(peer.<String>set(set.name()).snapshot()).containsExactly("c");
  }

  @Test
  @DisplayName("after close, set(name) and set() fail, and a set obtained before fails with SharedObjectsClosedException, its iterator too")
  void closed() {
    SharedSet<String> set = setOf("a");
    Iterator<String> started = set.iterator();
    String name = uniqueName();
    shared().close();

    assertThatThrownBy(() -> shared().set(name)).as("set(name)").isInstanceOf(SharedObjectsClosedException.class);
    assertThatThrownBy(shared()::set).as("set()").isInstanceOf(SharedObjectsClosedException.class);
    Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
    calls.put("add", () -> set.add("b"));
    calls.put("remove", () -> set.remove("a"));
    calls.put("contains", () -> set.contains("a"));
    calls.put("size", set::size);
    calls.put("addAll", () -> set.addAll(List.of("c")));
    calls.put("snapshot", set::snapshot);
    calls.put("iterator()", set::iterator);
    calls.put("remove through an iterator started before", () -> {
      started.next();
      started.remove();
    });
    assertAllFailClosed(calls);
  }
}
