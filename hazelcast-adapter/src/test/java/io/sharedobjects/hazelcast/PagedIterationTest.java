package io.sharedobjects.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;

import io.sharedobjects.SharedDict;
import io.sharedobjects.SharedList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Iteration over dicts and lists larger than one page: every entry and element exactly once, in order for
 * lists, and {@code Iterator.remove} across page boundaries. (The compatibility kit's collections fit in one
 * page.)
 */
class PagedIterationTest {

  private static HazelcastSharedObjects shared;

  @BeforeAll
  static void start() {
    shared = HazelcastSharedObjects.builder().clusterName("paged-" + UUID.randomUUID()).port(0).embedded();
  }

  @AfterAll
  static void stop() {
    shared.close();
  }

  @Test
  @DisplayName("a dict of more than two pages iterates every entry exactly once, and remove() works across pages")
  void dictPages() {
    int size = Paging.PAGE_SIZE * 2 + 123;
    SharedDict<Integer, String> dict = shared.dict("paged-dict-" + UUID.randomUUID());
    Map<Integer, String> expected = new HashMap<>();
    for (int i = 0; i < size; i++) {
      expected.put(i, "v" + i);
    }
    dict.putAll(expected);

    List<Integer> seen = new ArrayList<>();
    dict.forEach((key, value) -> {
      assertThat(value).isEqualTo("v" + key);
      seen.add(key);
    });
    assertThat(seen).hasSize(size);
    assertThat(new HashSet<>(seen)).isEqualTo(expected.keySet());

    Set<Integer> removed = new HashSet<>();
    for (Iterator<Map.Entry<Integer, String>> it = dict.entrySet().iterator(); it.hasNext(); ) {
      int key = it.next().getKey();
      if (key % 3 == 0) {
        it.remove();
        removed.add(key);
      }
    }
    assertThat(removed).hasSize((size + 2) / 3);
    assertThat(dict.size()).isEqualTo(size - removed.size());
    Set<Integer> left = new HashSet<>(dict.keySet());
    assertThat(left).hasSize(size - removed.size()).doesNotContainAnyElementsOf(removed);
  }

  @Test
  @DisplayName("on a member of two, whose own statistics see only its share, a large dict is still paged and seen whole")
  void dictPagesOnTwoMembers() {
    String cluster = "paged-two-" + UUID.randomUUID();
    try (HazelcastSharedObjects first = HazelcastSharedObjects.builder().clusterName(cluster).port(0).embedded();
        HazelcastSharedObjects second =
            HazelcastSharedObjects.builder().clusterName(cluster).port(0).members(first.address()).embedded()) {
      assertThat(second.hazelcastInstance().getCluster().getMembers()).hasSize(2);
      String name = "paged-two-dict";
      int size = Paging.PAGE_SIZE + 500;
      Map<Integer, Integer> expected = new HashMap<>();
      for (int i = 0; i < size; i++) {
        expected.put(i, i);
      }
      first.<Integer, Integer>dict(name).putAll(expected);
      SharedDict<Integer, Integer> viaSecond = second.dict(name);
      // The second member owns only part of the entries, so its statistics alone would undercount.
      assertThat(second.hazelcastInstance().getMap(name).getLocalMapStats().getOwnedEntryCount()).isLessThan(size);
      Map<Integer, Integer> seen = new HashMap<>();
      viaSecond.forEach((key, value) -> assertThat(seen.put(key, value)).isNull());
      assertThat(seen).isEqualTo(expected);
      SharedDict<Integer, Integer> small = second.dict("paged-two-small");
      small.putAll(Map.of(1, 1, 2, 2, 3, 3));
      assertThat(small.snapshot()).isEqualTo(Map.of(1, 1, 2, 2, 3, 3));
      assertThat(Set.copyOf(small.values())).containsExactlyInAnyOrder(1, 2, 3);
    }
  }

  @Test
  @DisplayName("a list of more than two pages iterates every element in order, and remove() works across pages")
  void listPages() {
    int size = Paging.PAGE_SIZE * 2 + 7;
    SharedList<Integer> list = shared.list("paged-list-" + UUID.randomUUID());
    list.addAll(IntStream.range(0, size).boxed().toList());

    List<Integer> seen = new ArrayList<>();
    for (Integer element : list) {
      seen.add(element);
    }
    assertThat(seen).isEqualTo(IntStream.range(0, size).boxed().toList());

    for (Iterator<Integer> it = list.iterator(); it.hasNext(); ) {
      if (it.next() % 2 == 1) {
        it.remove();
      }
    }
    assertThat(list.snapshot()).isEqualTo(IntStream.range(0, size).filter(i -> i % 2 == 0).boxed().toList());
  }

  @Test
  @DisplayName("a list iterator that ran to the end sees nothing more; a new one sees elements appended since")
  void listEndsAtTheSizeRead() {
    SharedList<String> list = shared.list("paged-end-" + UUID.randomUUID());
    list.addAll(List.of("a", "b"));
    Iterator<String> it = list.iterator();
    assertThat(it.next()).isEqualTo("a");
    assertThat(it.next()).isEqualTo("b");
    assertThat(it.hasNext()).isFalse();
    list.add("c");
    assertThat(it.hasNext()).isFalse();
    assertThat(list.iterator()).toIterable().containsExactly("a", "b", "c");
  }
}
