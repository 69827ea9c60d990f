package io.sharedobjects.tck;

import static io.sharedobjects.tck.Races.THREADS;
import static org.assertj.core.api.Assertions.assertThat;

import io.sharedobjects.SharedDict;
import io.sharedobjects.SharedObjects;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The rules that each single dict operation is atomic: races between threads of two peers lose no
 * update ({@code merge}, {@code compute}, compare-and-set by {@code replace}) and have exactly one winner
 * ({@code putIfAbsent}, {@code computeIfAbsent}, {@code remove}).
 */
@Tag("dict")
abstract class DictAtomicityContract extends KitContract {

  DictAtomicityContract(KitFixture kit) {
    super(kit);
  }

  private static final int OPS = 200;

  @Test
  @DisplayName("merge(key, 1, Integer::sum) from 4 threads on two peers counts every increment")
  void mergeCounts() {
    String name = newDict().name();
    SharedObjects peer = peer();

    race(t -> {
      SharedDict<String, Integer> dict = instanceFor(t, peer).dict(name);
      for (int i = 0; i < OPS; i++) {
        dict.merge("n", 1, Integer::sum);
      }
    });

    assertThat(shared().<String, Integer>dict(name).get("n")).isEqualTo(THREADS * OPS);
  }

  @Test
  @DisplayName("compute increments from 4 threads on two peers count every increment")
  void computeCounts() {
    String name = newDict().name();
    SharedObjects peer = peer();

    race(t -> {
      SharedDict<String, Integer> dict = instanceFor(t, peer).dict(name);
      for (int i = 0; i < OPS; i++) {
        dict.compute("n", (k, v) -> v == null ? 1 : v + 1);
      }
    });

    assertThat(shared().<String, Integer>dict(name).get("n")).isEqualTo(THREADS * OPS);
  }

  @Test
  @DisplayName("replace(key, old, new) as compare-and-set from 4 threads on two peers counts every increment")
  void compareAndSetCounts() {
    SharedDict<String, Integer> counter = newDict();
    counter.put("n", 0);
    SharedObjects peer = peer();

    race(t -> {
      SharedDict<String, Integer> dict = instanceFor(t, peer).dict(counter.name());
      for (int i = 0; i < OPS / 2; i++) {
        Integer current;
        do {
          current = dict.get("n");
        } while (!dict.replace("n", current, current + 1));
      }
    });

    assertThat(counter.get("n")).isEqualTo(THREADS * (OPS / 2));
  }

  @Test
  @DisplayName("putIfAbsent races have exactly one winner per key, and every loser is told the winner's value")
  void putIfAbsentOneWinner() {
    String name = newDict().name();
    SharedObjects peer = peer();
    int keys = 50;
    Map<Integer, List<Integer>> winners = new ConcurrentHashMap<>();
    Map<Integer, Set<Integer>> seenByLosers = new ConcurrentHashMap<>();

    race(t -> {
      SharedDict<Integer, Integer> dict = instanceFor(t, peer).dict(name);
      for (int key = 0; key < keys; key++) {
        Integer previous = dict.putIfAbsent(key, t);
        if (previous == null) {
          winners.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(t);
        } else {
          seenByLosers.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(previous);
        }
      }
    });

    SharedDict<Integer, Integer> dict = shared().dict(name);
    for (int key = 0; key < keys; key++) {
      assertThat(winners.get(key)).as("winners of key %s", key).hasSize(1);
      Integer winner = winners.get(key).get(0);
      assertThat(dict.get(key)).as("stored value of key %s", key).isEqualTo(winner);
      assertThat(seenByLosers.get(key)).as("values losers saw for key %s", key).containsOnly(winner);
    }
  }

  @Test
  @DisplayName("computeIfAbsent races store exactly one value per key and return that value to every caller")
  void computeIfAbsentOneValue() {
    String name = newDict().name();
    SharedObjects peer = peer();
    int keys = 50;
    Map<Integer, Set<String>> returned = new ConcurrentHashMap<>();

    race(t -> {
      SharedDict<Integer, String> dict = instanceFor(t, peer).dict(name);
      for (int key = 0; key < keys; key++) {
        String value = dict.computeIfAbsent(key, k -> "thread-" + t);
        returned.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(value);
      }
    });

    SharedDict<Integer, String> dict = shared().dict(name);
    for (int key = 0; key < keys; key++) {
      assertThat(returned.get(key)).as("values returned for key %s", key).hasSize(1);
      assertThat(dict.get(key)).as("stored value of key %s", key).isEqualTo(returned.get(key).iterator().next());
    }
  }

  @Test
  @DisplayName("remove races: exactly one caller gets each removed value")
  void removeOneWinner() {
    SharedDict<Integer, Integer> dict = newDict();
    int keys = 100;
    Map<Integer, Integer> all = new HashMap<>();
    for (int key = 0; key < keys; key++) {
      all.put(key, key);
    }
    dict.putAll(all);
    SharedObjects peer = peer();
    List<Integer> removed = new CopyOnWriteArrayList<>();

    race(t -> {
      SharedDict<Integer, Integer> mine = instanceFor(t, peer).dict(dict.name());
      for (int key = 0; key < keys; key++) {
        Integer value = mine.remove(key);
        if (value != null) {
          removed.add(value);
        }
      }
    });

    assertThat(removed).hasSize(keys).doesNotHaveDuplicates();
    assertThat(dict.isEmpty()).isTrue();
  }

  @Test
  @DisplayName("puts of different keys from 4 threads on two peers all land")
  void concurrentPutsAllLand() {
    SharedDict<String, Integer> dict = newDict();
    SharedObjects peer = peer();

    race(t -> {
      SharedDict<String, Integer> mine = instanceFor(t, peer).dict(dict.name());
      for (int i = 0; i < OPS / 2; i++) {
        mine.put(t + "-" + i, i);
      }
    });

    assertThat(dict.size()).isEqualTo(THREADS * (OPS / 2));
    assertThat(dict.get((THREADS - 1) + "-" + (OPS / 2 - 1))).isEqualTo(OPS / 2 - 1);
  }
}
