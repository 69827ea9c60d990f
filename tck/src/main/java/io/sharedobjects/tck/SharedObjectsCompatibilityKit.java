package io.sharedobjects.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.sharedobjects.InvalidNameException;
import io.sharedobjects.NotStorableException;
import io.sharedobjects.SharedDict;
import io.sharedobjects.SharedList;
import io.sharedobjects.SharedLock;
import io.sharedobjects.SharedNames;
import io.sharedobjects.SharedObject;
import io.sharedobjects.SharedObjects;
import io.sharedobjects.SharedObjectsClosedException;
import io.sharedobjects.ValueTooLargeException;
import io.sharedobjects.WrongTypeException;
import io.sharedobjects.tck.SampleValues.Basket;
import io.sharedobjects.tck.SampleValues.Blob;
import io.sharedobjects.tck.SampleValues.Colour;
import io.sharedobjects.tck.SampleValues.HoldsObject;
import io.sharedobjects.tck.SampleValues.HoldsThread;
import io.sharedobjects.tck.SampleValues.Money;
import io.sharedobjects.tck.SampleValues.Order;
import io.sharedobjects.tck.SampleValues.OrderKey;
import io.sharedobjects.tck.SampleValues.PlainOrder;
import io.sharedobjects.tck.SampleValues.Point;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract every {@link SharedObjects} backend passes, as tests: extend this class, implement the two
 * factory methods, and JUnit runs every rule of the contract against your backend.
 *
 * <pre>{@code
 * class MyBackendCompatibilityTest extends SharedObjectsCompatibilityKit {
 *   protected SharedObjects newSharedObjects() { return MyBackend.connect(); }
 *   protected SharedObjects peerOf(SharedObjects first) { return MyBackend.connect(); }
 * }
 * }</pre>
 *
 * <p>The rules are grouped in {@link Nested} classes, one per object or theme, each tagged {@code "dict"},
 * {@code "list"}, {@code "lock"} or {@code "objects"} (names and lifecycle), so a backend can run only part
 * of the kit (for example {@code -Dgroups=lock}). Every test's display name states the rule it checks.
 *
 * <p><b>Isolation:</b> each test gets a new {@link SharedObjects} and objects under random names
 * ({@code tck-<uuid>}), so tests never see each other's data even on a long-lived shared cluster. After
 * each test the kit destroys the objects it created (best effort), then closes every peer and the
 * instance itself.
 *
 * <p><b>Peers and threads:</b> locks are owned by a thread, so the kit never uses one thread to act for two
 * would-be holders: where a peer must exclude the first instance, its holder runs on another thread.
 * A backend whose release of a closed instance's locks takes longer than thirty seconds overrides
 * {@link #lockReleaseAfterClose()}.
 *
 * <p><b>Bounded:</b> the kit never sleeps to wait for something. Every blocking call made on another thread
 * is awaited for at most ten seconds, concurrency races for at most thirty, and every test as a whole
 * fails after two minutes, so a broken backend fails the kit instead of hanging it. The loops are sized
 * for a real cluster, where each operation is a network round trip.
 *
 * <p>The kit is not thread-safe: JUnit runs one test of an instance at a time.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class SharedObjectsCompatibilityKit {

  /** How long the kit waits for a single blocking call made on another thread. */
  private static final Duration WAIT = Duration.ofSeconds(10);

  /** How long the kit waits for a whole concurrency race to finish. */
  private static final Duration RACE_WAIT = Duration.ofSeconds(30);

  /** How long the kit allows for destroying a test's objects and closing its instances. */
  private static final Duration CLEANUP_WAIT = Duration.ofSeconds(30);

  /** Threads in each concurrency race; two of them use a peer. */
  private static final int THREADS = 4;

  private SharedObjects shared;
  private final List<SharedObjects> peers = new CopyOnWriteArrayList<>();
  private final List<Created> created = new CopyOnWriteArrayList<>();
  private final List<ExecutorService> executors = new CopyOnWriteArrayList<>();
  private final AtomicInteger threadNumber = new AtomicInteger();

  /**
   * Returns a new {@link SharedObjects} for one test; the kit closes it after the test. Called once per
   * test, so it should be cheap (for example a new client of a cluster started once per class).
   */
  protected abstract SharedObjects newSharedObjects();

  /**
   * Returns another {@link SharedObjects} that reaches the same objects as {@code first}, as a second
   * process would (for example a second member or client of the same cluster). The kit closes it after
   * the test. Whether one thread acting through both counts as one lock owner or two is left to the
   * backend: the kit always gives a holder through the peer a thread of its own.
   */
  protected abstract SharedObjects peerOf(SharedObjects first);

  /**
   * How long the backend may take to release the locks held through a {@link SharedObjects} after it is
   * closed: the contract's bounded release time when a lock's owner goes away. Thirty seconds unless
   * overridden; a backend that documents a longer time overrides this with it.
   */
  protected Duration lockReleaseAfterClose() {
    return Duration.ofSeconds(30);
  }

  /**
   * The size limit, in bytes, of the instances {@link #newSharedObjects()} returns: the largest stored form
   * of a key, value or element they accept. {@link SharedObjects#DEFAULT_MAX_VALUE_SIZE} unless overridden.
   */
  protected long maxValueSize() {
    return SharedObjects.DEFAULT_MAX_VALUE_SIZE;
  }

  @BeforeEach
  final void openSharedObjects() {
    shared = newSharedObjects();
    assertThat(shared).as("newSharedObjects()").isNotNull();
  }

  @AfterEach
  final void cleanUp() {
    // Runs on another thread so that a backend whose destroy or close hangs fails the test instead of the
    // whole build; destroy problems are ignored (best effort), close problems are reported.
    assertTimeoutPreemptively(
        CLEANUP_WAIT,
        () -> {
          executors.forEach(ExecutorService::shutdownNow);
          destroyCreatedObjects();
          RuntimeException closeFailure = null;
          for (SharedObjects instance : instancesToClose()) {
            try {
              instance.close();
            } catch (RuntimeException e) {
              if (closeFailure == null) {
                closeFailure = e;
              } else {
                closeFailure.addSuppressed(e);
              }
            }
          }
          if (closeFailure != null) {
            throw closeFailure;
          }
        },
        "destroying the test's objects and closing its SharedObjects took too long");
  }

  // ---------------------------------------------------------------------------------------------------
  // Dicts
  // ---------------------------------------------------------------------------------------------------

  /** The basic {@code Map} operations, bulk calls, and {@code equals}/{@code hashCode}/{@code toString}. */
  @Nested
  @Tag("dict")
  @DisplayName("A shared dict is a java.util.Map")
  class Dicts {

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

  // ---------------------------------------------------------------------------------------------------
  // Dict views
  // ---------------------------------------------------------------------------------------------------

  /** {@code keySet()}, {@code values()} and {@code entrySet()}: live views that write through. */
  @Nested
  @Tag("dict")
  @DisplayName("A shared dict's keySet, values and entrySet are live views")
  class DictViews {

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

  // ---------------------------------------------------------------------------------------------------
  // Dict nulls
  // ---------------------------------------------------------------------------------------------------

  /**
   * Null keys and values, as in Python and {@code HashMap}; the {@code ConcurrentMap} default methods are
   * checked against a {@code HashMap} given the same calls from the same state.
   */
  @Nested
  @Tag("dict")
  @DisplayName("A shared dict treats null as HashMap does")
  class DictNulls {

    @Test
    @DisplayName("a key mapped to null is present: containsKey is true and get returns null")
    void keyMappedToNull() {
      SharedDict<String, Integer> dict = newDict();

      dict.put("k", null);

      assertThat(dict.containsKey("k")).isTrue();
      assertThat(dict.get("k")).isNull();
      assertThat(dict.size()).isEqualTo(1);
    }

    @Test
    @DisplayName("get of a missing key returns null and containsKey is false")
    void missingKey() {
      SharedDict<String, Integer> dict = newDict();

      assertThat(dict.get("missing")).isNull();
      assertThat(dict.containsKey("missing")).isFalse();
    }

    @Test
    @DisplayName("a null key is stored, found and removed like any other key")
    void nullKey() {
      SharedDict<String, Integer> dict = newDict();

      assertThat(dict.put(null, 1)).isNull();
      assertThat(dict.containsKey(null)).isTrue();
      assertThat(dict.get(null)).isEqualTo(1);
      assertThat(dict.put(null, 2)).isEqualTo(1);

      assertThat(dict.remove(null)).isEqualTo(2);
      assertThat(dict.containsKey(null)).isFalse();
    }

    @Test
    @DisplayName("containsValue(null) is true only while some key is mapped to null")
    void containsNullValue() {
      SharedDict<String, Integer> dict = newDict();
      dict.put("a", 1);
      assertThat(dict.containsValue(null)).isFalse();

      dict.put("n", null);
      assertThat(dict.containsValue(null)).isTrue();
    }

    @Test
    @DisplayName("put over a key mapped to null returns null, and remove of it returns null and removes it")
    void putAndRemoveNullValue() {
      SharedDict<String, Integer> dict = newDict();
      dict.put("k", null);

      assertThat(dict.put("k", null)).isNull();
      assertThat(dict.remove("k")).isNull();

      assertThat(dict.containsKey("k")).isFalse();
      assertThat(dict.isEmpty()).isTrue();
    }

    @Test
    @DisplayName("putAll, getAll and snapshot keep the null key and null values")
    void bulkKeepsNulls() {
      SharedDict<String, Integer> dict = newDict();
      Map<String, Integer> withNulls = new HashMap<>();
      withNulls.put(null, 1);
      withNulls.put("n", null);
      withNulls.put("a", 2);

      dict.putAll(withNulls);

      assertThat(dict.snapshot()).isEqualTo(withNulls);
      assertThat(dict.getAll(Arrays.asList(null, "n", "a", "missing"))).isEqualTo(withNulls);
    }

    @Test
    @DisplayName("the views hold the null key and null values")
    void viewsHoldNulls() {
      SharedDict<String, Integer> dict = newDict();
      dict.put(null, 1);
      dict.put("n", null);

      assertThat(dict.keySet().contains(null)).isTrue();
      assertThat(dict.values().contains(null)).isTrue();
      assertThat(dict.entrySet().contains(new SimpleEntry<>("n", null))).isTrue();
      assertThat(dict.entrySet().contains(new SimpleEntry<>(null, 1))).isTrue();
      assertThat(new ArrayList<>(dict.keySet())).containsExactlyInAnyOrder(null, "n");

      assertThat(dict.values().remove(null)).isTrue();
      assertThat(dict.keySet().remove(null)).isTrue();
      assertThat(dict.isEmpty()).isTrue();
    }

    @Test
    @DisplayName("toString, equals and hashCode treat the null key and null values as HashMap does")
    void objectMethodsWithNulls() {
      SharedDict<String, Integer> dict = newDict();
      dict.put(null, null);
      Map<String, Integer> expected = new HashMap<>();
      expected.put(null, null);

      assertThat(dict.toString()).isEqualTo("{null=null}");
      assertThat(dict.equals(expected)).isTrue();
      assertThat(expected.equals(dict)).isTrue();
      assertThat(dict.hashCode()).isEqualTo(expected.hashCode());
      // A key mapped to null differs from a missing key, so these two maps are not equal.
      assertThat(dict.equals(Map.of())).isFalse();
    }

    @Test
    @DisplayName("put and remove return and store what HashMap's do, for the null key and null values")
    void putAndRemoveAsHashMap() {
      behavesAsHashMap("put(key, 20)", (m, k) -> m.put(k, NEW));
      behavesAsHashMap("put(key, null)", (m, k) -> m.put(k, null));
      behavesAsHashMap("remove(key)", Map::remove);
      behavesAsHashMap("get(key)", Map::get);
      behavesAsHashMap("containsKey(key)", Map::containsKey);
    }

    @Test
    @DisplayName("getOrDefault behaves as HashMap's: a key mapped to null returns null, not the default")
    void getOrDefault() {
      behavesAsHashMap("getOrDefault(key, 99)", (m, k) -> m.getOrDefault(k, 99));
      behavesAsHashMap("getOrDefault(key, null)", (m, k) -> m.getOrDefault(k, null));
    }

    @Test
    @DisplayName("putIfAbsent behaves as HashMap's: a key mapped to null counts as absent")
    void putIfAbsent() {
      behavesAsHashMap("putIfAbsent(key, 20)", (m, k) -> m.putIfAbsent(k, NEW));
      behavesAsHashMap("putIfAbsent(key, null)", (m, k) -> m.putIfAbsent(k, null));
    }

    @Test
    @DisplayName("computeIfAbsent behaves as HashMap's, for a function returning a value, returning null or throwing")
    void computeIfAbsent() {
      behavesAsHashMap("computeIfAbsent(key, k -> 20)", (m, k) -> m.computeIfAbsent(k, x -> NEW));
      behavesAsHashMap("computeIfAbsent(key, k -> null)", (m, k) -> m.computeIfAbsent(k, x -> null));
      behavesAsHashMap(
          "computeIfAbsent(key, k -> throw)",
          (m, k) -> m.computeIfAbsent(k, x -> {
            throw new Boom();
          }));
    }

    @Test
    @DisplayName("computeIfPresent behaves as HashMap's: a key mapped to null counts as absent, a null result removes")
    void computeIfPresent() {
      behavesAsHashMap("computeIfPresent(key, (k, v) -> v + 1)", (m, k) -> m.computeIfPresent(k, (x, v) -> v + 1));
      behavesAsHashMap("computeIfPresent(key, (k, v) -> null)", (m, k) -> m.computeIfPresent(k, (x, v) -> null));
      behavesAsHashMap(
          "computeIfPresent(key, (k, v) -> throw)",
          (m, k) -> m.computeIfPresent(k, (x, v) -> {
            throw new Boom();
          }));
    }

    @Test
    @DisplayName("compute behaves as HashMap's: a null result removes the key, even one mapped to null")
    void compute() {
      behavesAsHashMap(
          "compute(key, (k, v) -> v == null ? 1 : v + 1)", (m, k) -> m.compute(k, (x, v) -> v == null ? 1 : v + 1));
      behavesAsHashMap("compute(key, (k, v) -> null)", (m, k) -> m.compute(k, (x, v) -> null));
      behavesAsHashMap("compute(key, (k, v) -> v)", (m, k) -> m.compute(k, (x, v) -> v));
      behavesAsHashMap(
          "compute(key, (k, v) -> throw)",
          (m, k) -> m.compute(k, (x, v) -> {
            throw new Boom();
          }));
    }

    @Test
    @DisplayName("merge behaves as HashMap's: a key mapped to null takes the given value, a null result removes the key")
    void merge() {
      behavesAsHashMap("merge(key, 20, Integer::sum)", (m, k) -> m.merge(k, NEW, Integer::sum));
      behavesAsHashMap("merge(key, 20, (a, b) -> null)", (m, k) -> m.merge(k, NEW, (a, b) -> null));
      behavesAsHashMap(
          "merge(key, 20, (a, b) -> throw)",
          (m, k) -> m.merge(k, NEW, (a, b) -> {
            throw new Boom();
          }));
    }

    @Test
    @DisplayName("merge with a null value throws NullPointerException, as HashMap's does, and changes nothing")
    void mergeNullValue() {
      behavesAsHashMap("merge(key, null, Integer::sum)", (m, k) -> m.merge(k, null, Integer::sum));
    }

    @Test
    @DisplayName("a null function is rejected with NullPointerException, as HashMap does, and nothing changes")
    void nullFunctions() {
      behavesAsHashMap("computeIfAbsent(key, null)", (m, k) -> m.computeIfAbsent(k, null));
      behavesAsHashMap("computeIfPresent(key, null)", (m, k) -> m.computeIfPresent(k, null));
      behavesAsHashMap("compute(key, null)", (m, k) -> m.compute(k, null));
      behavesAsHashMap("merge(key, 20, null)", (m, k) -> m.merge(k, NEW, null));
      behavesAsHashMap(
          "replaceAll(null)",
          (m, k) -> {
            m.replaceAll(null);
            return null;
          });
    }

    @Test
    @DisplayName("replaceAll behaves as HashMap's, a function returning null included")
    void replaceAll() {
      behavesAsHashMap(
          "replaceAll((k, v) -> v == null ? 0 : v * 2)",
          (m, k) -> {
            m.replaceAll((x, v) -> v == null ? 0 : v * 2);
            return null;
          });
      behavesAsHashMap(
          "replaceAll((k, v) -> null)",
          (m, k) -> {
            m.replaceAll((x, v) -> null);
            return null;
          });
    }

    @Test
    @DisplayName("replace(key, value) behaves as HashMap's: it replaces a key mapped to null, never an absent one")
    void replace() {
      behavesAsHashMap("replace(key, 20)", (m, k) -> m.replace(k, NEW));
      behavesAsHashMap("replace(key, null)", (m, k) -> m.replace(k, null));
    }

    @Test
    @DisplayName("replace(key, old, new) behaves as HashMap's, with null as the old or the new value")
    void replaceIfEquals() {
      behavesAsHashMap("replace(key, 10, 20)", (m, k) -> m.replace(k, OLD, NEW));
      behavesAsHashMap("replace(key, null, 20)", (m, k) -> m.replace(k, null, NEW));
      behavesAsHashMap("replace(key, 10, null)", (m, k) -> m.replace(k, OLD, null));
      behavesAsHashMap("replace(key, 99, 20)", (m, k) -> m.replace(k, 99, NEW));
    }

    @Test
    @DisplayName("remove(key, value) behaves as HashMap's, with null as the value")
    void removeIfEquals() {
      behavesAsHashMap("remove(key, 10)", (m, k) -> m.remove(k, OLD));
      behavesAsHashMap("remove(key, null)", (m, k) -> m.remove(k, null));
      behavesAsHashMap("remove(key, 99)", (m, k) -> m.remove(k, 99));
    }
  }

  // ---------------------------------------------------------------------------------------------------
  // Dict atomicity
  // ---------------------------------------------------------------------------------------------------

  /** Each single dict operation is atomic: races between threads of two peers lose no update. */
  @Nested
  @Tag("dict")
  @DisplayName("A shared dict's single operations are atomic")
  class DictAtomicity {

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

      assertThat(shared.<String, Integer>dict(name).get("n")).isEqualTo(THREADS * OPS);
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

      assertThat(shared.<String, Integer>dict(name).get("n")).isEqualTo(THREADS * OPS);
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

      SharedDict<Integer, Integer> dict = shared.dict(name);
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

      SharedDict<Integer, String> dict = shared.dict(name);
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

  /** {@code getAsync}, {@code putAsync}, {@code setAsync} and {@code removeAsync}. */
  @Nested
  @Tag("dict")
  @DisplayName("A shared dict's asynchronous calls do what their synchronous forms do, without waiting")
  class DictAsync {

    @Test
    @DisplayName("getAsync completes with the value, and with null for a missing key and for a key mapped to null")
    void getAsync() {
      SharedDict<String, Integer> dict = newDict();
      dict.put("a", 1);
      dict.put("null", null);

      assertThat(done(dict.getAsync("a"))).isEqualTo(1);
      assertThat(done(dict.getAsync("missing"))).isNull();
      assertThat(done(dict.getAsync("null"))).isNull();
    }

    @Test
    @DisplayName("putAsync completes with the value it replaced; once complete, get and a peer see the write")
    void putAsync() {
      SharedDict<String, Integer> dict = newDict();
      SharedDict<String, Integer> seenByPeer = peer().dict(dict.name());

      assertThat(done(dict.putAsync("a", 1))).isNull();
      assertThat(done(dict.putAsync("a", 2))).isEqualTo(1);

      assertThat(dict.get("a")).isEqualTo(2);
      assertThat(seenByPeer.get("a")).isEqualTo(2);
    }

    @Test
    @DisplayName("setAsync completes with null once the value is written")
    void setAsync() {
      SharedDict<String, Integer> dict = newDict();
      dict.put("a", 1);

      assertThat(done(dict.setAsync("a", 2))).isNull();
      assertThat(done(dict.setAsync("b", 3))).isNull();

      assertThat(dict.snapshot()).isEqualTo(Map.of("a", 2, "b", 3));
    }

    @Test
    @DisplayName("removeAsync completes with the value it removed, and the key is gone")
    void removeAsync() {
      SharedDict<String, Integer> dict = newDict();
      dict.put("a", 1);
      dict.put("b", 2);

      assertThat(done(dict.removeAsync("a"))).isEqualTo(1);
      assertThat(done(dict.removeAsync("a"))).isNull();

      assertThat(dict.snapshot()).isEqualTo(Map.of("b", 2));
    }

    @Test
    @DisplayName("a null key and null values work with every asynchronous call, as with the synchronous ones")
    void nulls() {
      SharedDict<String, String> dict = newDict();

      assertThat(done(dict.putAsync(null, "v"))).isNull();
      assertThat(done(dict.getAsync(null))).isEqualTo("v");
      assertThat(done(dict.putAsync(null, null))).isEqualTo("v");
      assertThat(dict.containsKey(null)).isTrue();
      assertThat(done(dict.getAsync(null))).isNull();
      assertThat(done(dict.setAsync("k", null))).isNull();
      assertThat(done(dict.removeAsync(null))).isNull();
      assertThat(dict.containsKey(null)).isFalse();
      assertThat(dict.snapshot()).containsExactly(new SimpleEntry<>("k", null));
    }

    @Test
    @DisplayName("values read by getAsync and putAsync are copies, and a value written by putAsync is copied at the call")
    void copies() {
      SharedDict<String, ArrayList<String>> dict = newDict();
      ArrayList<String> original = new ArrayList<>(List.of("a"));
      CompletionStage<ArrayList<String>> write = dict.putAsync("k", original);
      original.add("changed after the call");
      done(write);

      ArrayList<String> read = done(dict.getAsync("k"));
      assertThat(read).containsExactly("a");
      read.add("changed after the read");
      ArrayList<String> replaced = done(dict.putAsync("k", new ArrayList<>(List.of("b"))));

      assertThat(replaced).containsExactly("a").isNotSameAs(read);
      assertThat(dict.get("k")).containsExactly("b");
    }

    @Test
    @DisplayName("many asynchronous writes from one thread, none waited for before the next, all apply")
    void manyInFlight() {
      SharedDict<Integer, Integer> dict = newDict();
      List<CompletableFuture<?>> stages = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        stages.add(dict.setAsync(i, i).toCompletableFuture());
        stages.add(dict.putAsync(1000 + i, i).toCompletableFuture());
      }
      done(CompletableFuture.allOf(stages.toArray(CompletableFuture[]::new)));

      assertThat(dict.size()).isEqualTo(400);
      assertThat(dict.get(150)).isEqualTo(150);
      assertThat(dict.get(1150)).isEqualTo(150);
    }

    @Test
    @DisplayName("a key or value that cannot be stored is refused at the call with NotStorableException, and nothing changes")
    void notStorableAtTheCall() {
      SharedDict<Object, Object> dict = newDict();
      dict.put("k", "old");
      Object bad = new Object();

      assertThatThrownBy(() -> dict.putAsync("k", bad)).as("putAsync").isInstanceOf(NotStorableException.class);
      assertThatThrownBy(() -> dict.setAsync("k", bad)).as("setAsync").isInstanceOf(NotStorableException.class);
      assertThatThrownBy(() -> dict.getAsync(bad)).as("getAsync").isInstanceOf(NotStorableException.class);
      assertThatThrownBy(() -> dict.removeAsync(bad)).as("removeAsync").isInstanceOf(NotStorableException.class);

      assertThat(dict.snapshot()).isEqualTo(Map.of("k", "old"));
    }

    @Test
    @DisplayName("after close, every asynchronous call fails at the call with SharedObjectsClosedException")
    void closed() {
      SharedDict<String, Integer> dict = newDict();
      dict.put("a", 1);
      shared.close();

      Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
      calls.put("getAsync", () -> dict.getAsync("a"));
      calls.put("putAsync", () -> dict.putAsync("b", 2));
      calls.put("setAsync", () -> dict.setAsync("b", 2));
      calls.put("removeAsync", () -> dict.removeAsync("a"));
      assertAllFailClosed(calls);
    }

    /** The stage's result, waiting at most the kit's bound; what it failed with is rethrown. */
    private <T> T done(CompletionStage<T> stage) {
      return await(stage.toCompletableFuture(), WAIT);
    }
  }

  // ---------------------------------------------------------------------------------------------------
  // Lists
  // ---------------------------------------------------------------------------------------------------

  /** The {@code List} operations, index errors, {@code reverse}, and concurrent adds. */
  @Nested
  @Tag("list")
  @DisplayName("A shared list is a java.util.List")
  class Lists {

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
  }

  // ---------------------------------------------------------------------------------------------------
  // List views
  // ---------------------------------------------------------------------------------------------------

  /** Iterators, list iterators and sub-lists of a shared list write through. */
  @Nested
  @Tag("list")
  @DisplayName("A shared list's iterators and sub-lists write through")
  class ListViews {

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

  // ---------------------------------------------------------------------------------------------------
  // Locks
  // ---------------------------------------------------------------------------------------------------

  /** Reentrant, thread-owned locks with fencing tokens, excluding threads of every peer. */
  @Nested
  @Tag("lock")
  @DisplayName("A shared lock is a reentrant lock owned by a thread")
  class Locks {

    @Test
    @DisplayName("a new lock is free: not locked, not held, hold count zero")
    void newLockIsFree() {
      SharedLock lock = newLock();

      assertThat(lock.isLocked()).isFalse();
      assertThat(lock.isHeldByCurrentThread()).isFalse();
      assertThat(lock.holdCount()).isZero();
    }

    @Test
    @DisplayName("lock is reentrant: the holder may lock again and must unlock as many times")
    void reentrant() {
      SharedLock lock = newLock();

      lock.lock();
      assertThat(lock.tryLock()).isTrue();
      lock.lock();
      assertThat(lock.holdCount()).isEqualTo(3);
      assertThat(lock.isHeldByCurrentThread()).isTrue();

      lock.unlock();
      lock.unlock();
      assertThat(lock.holdCount()).isEqualTo(1);
      assertThat(lock.isLocked()).isTrue();

      lock.unlock();
      assertThat(lock.holdCount()).isZero();
      assertThat(lock.isLocked()).isFalse();
      assertThat(lock.isHeldByCurrentThread()).isFalse();
    }

    @Test
    @DisplayName("a lock is owned by the thread that acquired it: other threads see it locked but not held")
    void ownedByThread() {
      SharedLock lock = newLock();
      Worker other = worker();

      lock.lock();
      try {
        assertThat(other.call(lock::isLocked)).isTrue();
        assertThat(other.call(lock::isHeldByCurrentThread)).isFalse();
        assertThat(other.call(lock::holdCount)).isZero();
        assertThat(other.call(() -> lock.tryLock())).isFalse();
      } finally {
        lock.unlock();
      }
    }

    @Test
    @DisplayName("unlock by a thread that does not hold the lock throws IllegalMonitorStateException, and the owner keeps it")
    void unlockByOtherThread() {
      SharedLock lock = newLock();
      Worker owner = worker();
      owner.run(lock::lock);

      assertThatThrownBy(lock::unlock).isInstanceOf(IllegalMonitorStateException.class);
      SharedLock viaPeer = peer().lock(lock.name());
      assertThatThrownBy(viaPeer::unlock).isInstanceOf(IllegalMonitorStateException.class);

      assertThat(lock.isLocked()).isTrue();
      assertThat(owner.call(lock::isHeldByCurrentThread)).isTrue();
      assertThat(owner.call(lock::holdCount)).isEqualTo(1);
      owner.run(lock::unlock);
      assertThat(lock.isLocked()).isFalse();
    }

    @Test
    @DisplayName("unlock of a free lock throws IllegalMonitorStateException")
    void unlockFree() {
      SharedLock lock = newLock();

      assertThatThrownBy(lock::unlock).isInstanceOf(IllegalMonitorStateException.class);
      assertThat(lock.isLocked()).isFalse();
    }

    @Test
    @DisplayName("tryLock fails fast while another thread of the same SharedObjects holds the lock")
    void tryLockFailsFast() {
      SharedLock lock = newLock();
      Worker owner = worker();
      owner.run(lock::lock);

      long start = System.nanoTime();
      assertThat(lock.tryLock()).isFalse();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
      assertThat(lock.holdCount()).isZero();

      owner.run(lock::unlock);
    }

    @Test
    @DisplayName("tryLock fails fast while a thread of a peer holds the lock")
    void tryLockFailsFastAgainstPeer() {
      SharedLock lock = newLock();
      SharedLock viaPeer = peer().lock(lock.name());
      Worker peerThread = worker();
      peerThread.run(viaPeer::lock);

      long start = System.nanoTime();
      assertThat(lock.tryLock()).isFalse();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
      assertThat(lock.isLocked()).isTrue();

      peerThread.run(viaPeer::unlock);
    }

    @Test
    @DisplayName("tryLock with a timeout returns false while the lock stays held, and true once the holder releases it")
    void tryLockWithTimeout() throws Exception {
      SharedLock lock = newLock();
      Worker owner = worker();
      owner.run(lock::lock);

      assertThat(lock.tryLock(50, TimeUnit.MILLISECONDS)).isFalse();

      Future<Boolean> waiting = worker().start(() -> lock.tryLock(WAIT.toMillis(), TimeUnit.MILLISECONDS));
      owner.run(lock::unlock);
      assertThat(await(waiting, WAIT.plusSeconds(5))).isTrue();
      assertThat(lock.isLocked()).isTrue();
    }

    @Test
    @DisplayName("lock waits until the holder releases the lock, then acquires it")
    void lockWaits() {
      SharedLock lock = newLock();
      Worker owner = worker();
      owner.run(lock::lock);
      Worker waiter = worker();

      Future<Integer> acquired = waiter.start(() -> {
        lock.lock();
        return lock.holdCount();
      });
      assertThat(acquired.isDone()).as("lock() returned while another thread held the lock").isFalse();
      owner.run(lock::unlock);

      assertThat(await(acquired, WAIT)).isEqualTo(1);
      assertThat(waiter.call(lock::isHeldByCurrentThread)).isTrue();
      waiter.run(lock::unlock);
    }

    @Test
    @DisplayName("lockInterruptibly acquires a free lock")
    void lockInterruptibly() throws InterruptedException {
      SharedLock lock = newLock();

      lock.lockInterruptibly();
      assertThat(lock.isHeldByCurrentThread()).isTrue();
      lock.unlock();
      assertThat(lock.isLocked()).isFalse();
    }

    @Test
    @DisplayName("acquire returns a hold whose close releases the lock, in try-with-resources")
    void acquireHold() {
      SharedLock lock = newLock();

      try (SharedLock.Hold hold = lock.acquire()) {
        assertThat(lock.isHeldByCurrentThread()).isTrue();
        assertThat(hold.fence()).isEqualTo(lock.fence());
        try (SharedLock.Hold inner = lock.acquire()) {
          assertThat(lock.holdCount()).isEqualTo(2);
          assertThat(inner.fence()).isEqualTo(hold.fence());
        }
        assertThat(lock.holdCount()).isEqualTo(1);
      }

      assertThat(lock.isLocked()).isFalse();
      assertThat(lock.holdCount()).isZero();
    }

    @Test
    @DisplayName("tryAcquire returns an empty Optional while another thread holds the lock, and a hold once it is free")
    void tryAcquire() throws InterruptedException {
      SharedLock lock = newLock();
      Worker owner = worker();
      owner.run(lock::lock);

      assertThat(lock.tryAcquire(50, TimeUnit.MILLISECONDS)).isEmpty();
      owner.run(lock::unlock);

      Optional<SharedLock.Hold> hold = lock.tryAcquire(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(hold).isPresent();
      assertThat(lock.isHeldByCurrentThread()).isTrue();
      assertThat(hold.get().fence()).isEqualTo(lock.fence());
      hold.get().close();
      assertThat(lock.isLocked()).isFalse();
    }

    @Test
    @DisplayName("a hold closed by a thread that does not hold the lock throws IllegalMonitorStateException, and the lock stays held")
    void holdClosedByOtherThread() {
      SharedLock lock = newLock();
      SharedLock.Hold hold = lock.acquire();
      try {
        assertThatThrownBy(() -> worker().run(hold::close)).isInstanceOf(IllegalMonitorStateException.class);
        assertThat(lock.isHeldByCurrentThread()).isTrue();
        assertThat(lock.holdCount()).isEqualTo(1);
      } finally {
        hold.close();
      }
      assertThat(lock.isLocked()).isFalse();
    }

    @Test
    @DisplayName("each fresh acquisition has a larger fence than the previous one, across threads and peers")
    void fencesGrow() throws InterruptedException {
      SharedLock lock = newLock();
      SharedLock viaPeer = peer().lock(lock.name());
      Worker other = worker();
      Worker peerThread = worker();
      List<Long> fences = new ArrayList<>();

      lock.lock();
      fences.add(lock.fence());
      lock.unlock();
      fences.add(other.call(() -> fenceOfOneAcquisition(lock)));
      fences.add(peerThread.call(() -> fenceOfOneAcquisition(viaPeer)));
      assertThat(lock.tryLock()).isTrue();
      fences.add(lock.fence());
      lock.unlock();
      assertThat(lock.tryLock(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
      fences.add(lock.fence());
      lock.unlock();
      try (SharedLock.Hold hold = lock.acquire()) {
        fences.add(hold.fence());
      }
      fences.add(peerThread.call(() -> {
        try (SharedLock.Hold hold = viaPeer.acquire()) {
          return hold.fence();
        }
      }));

      assertThat(fences).isSorted().doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("a reentrant acquisition keeps the fence of the outer one")
    void reentrantKeepsFence() {
      SharedLock lock = newLock();

      lock.lock();
      long outer = lock.fence();
      lock.lock();
      assertThat(lock.fence()).isEqualTo(outer);
      assertThat(lock.tryLock()).isTrue();
      assertThat(lock.fence()).isEqualTo(outer);
      lock.unlock();
      lock.unlock();
      assertThat(lock.fence()).isEqualTo(outer);
      lock.unlock();
    }

    @Test
    @DisplayName("fence throws IllegalMonitorStateException when the current thread does not hold the lock")
    void fenceWhenNotHeld() {
      SharedLock lock = newLock();
      assertThatThrownBy(lock::fence).isInstanceOf(IllegalMonitorStateException.class);

      Worker owner = worker();
      owner.run(lock::lock);
      assertThatThrownBy(lock::fence).isInstanceOf(IllegalMonitorStateException.class);
      owner.run(lock::unlock);
    }

    @Test
    @DisplayName("a lock held through one SharedObjects is seen locked through a peer, and free once released")
    void peerSeesLocked() {
      SharedLock lock = newLock();
      SharedLock viaPeer = peer().lock(lock.name());

      lock.lock();
      assertThat(viaPeer.isLocked()).isTrue();
      assertThat(worker().call(viaPeer::isHeldByCurrentThread)).as("held by a thread of the peer").isFalse();
      lock.unlock();
      assertThat(viaPeer.isLocked()).isFalse();
    }

    @Test
    @DisplayName("a holder in one peer excludes every thread of the other peer until it releases, and the other way round")
    void mutualExclusionBetweenPeers() {
      SharedLock lock = newLock();
      SharedLock viaPeer = peer().lock(lock.name());
      Worker firstThread = worker();
      Worker peerThread = worker();

      firstThread.run(lock::lock);
      assertThat(peerThread.call(() -> viaPeer.tryLock())).isFalse();
      assertThat(worker().call(() -> viaPeer.tryLock())).isFalse();
      firstThread.run(lock::unlock);

      assertThat(peerThread.call(() -> viaPeer.tryLock())).isTrue();
      assertThat(firstThread.call(() -> lock.tryLock())).isFalse();
      assertThat(worker().call(() -> lock.tryLock())).isFalse();
      peerThread.run(viaPeer::unlock);

      assertThat(firstThread.call(() -> lock.tryLock())).isTrue();
      firstThread.run(lock::unlock);
    }

    @Test
    @DisplayName("closing a SharedObjects releases the locks its threads held, within the backend's bounded time")
    void closeReleasesLocks() {
      SharedLock lock = newLock();
      SharedObjects peer = peer();
      SharedLock viaPeer = peer.lock(lock.name());
      worker().run(viaPeer::lock);
      assertThat(lock.isLocked()).isTrue();

      peer.close();

      eventually(lockReleaseAfterClose(), "the lock is free after its holder's SharedObjects closed", () -> !lock.isLocked());
      assertThat(lock.tryLock()).isTrue();
      lock.unlock();
    }

    @Test
    @DisplayName("newCondition throws UnsupportedOperationException")
    void newCondition() {
      SharedLock lock = newLock();

      assertThatThrownBy(lock::newCondition).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    @DisplayName("a lock-protected read-modify-write of a dict counter from 4 threads on two peers counts every increment")
    void lockProtectedCounter() {
      SharedLock lock = newLock();
      SharedDict<String, Integer> counter = newDict();
      counter.put("n", 0);
      SharedObjects peer = peer();
      int perThread = 50;

      race(t -> {
        SharedObjects instance = instanceFor(t, peer);
        SharedLock mine = instance.lock(lock.name());
        SharedDict<String, Integer> dict = instance.dict(counter.name());
        for (int i = 0; i < perThread; i++) {
          mine.lock();
          try {
            // Deliberately not atomic: get and put are separate calls, so only the lock keeps counts.
            dict.put("n", dict.get("n") + 1);
          } finally {
            mine.unlock();
          }
        }
      });

      assertThat(counter.get("n")).isEqualTo(THREADS * perThread);
      assertThat(lock.isLocked()).isFalse();
    }
  }

  // ---------------------------------------------------------------------------------------------------
  // Names
  // ---------------------------------------------------------------------------------------------------

  /** How names reach objects, which names are valid, and what destroy does. */
  @Nested
  @Tag("objects")
  @DisplayName("Names reach the same objects from every process")
  class Names {

    @Test
    @DisplayName("the same name reaches the same dict, list and lock from a peer")
    void sameNameSameObject() {
      String name = uniqueName();
      SharedDict<String, Integer> dict = track(Kind.DICT, shared.dict(name));
      SharedList<String> list = track(Kind.LIST, shared.list(name));
      SharedLock lock = track(Kind.LOCK, shared.lock(name));
      SharedObjects peer = peer();

      dict.put("a", 1);
      list.add("x");
      lock.lock();
      try {
        assertThat(peer.<String, Integer>dict(name).get("a")).isEqualTo(1);
        assertThat(peer.<String>list(name).snapshot()).containsExactly("x");
        assertThat(peer.lock(name).isLocked()).isTrue();
        assertThat(shared.<String, Integer>dict(name).get("a")).as("the same name asked again").isEqualTo(1);
      } finally {
        lock.unlock();
      }
    }

    @Test
    @DisplayName("name() returns the name the object was asked for")
    void nameIsTheGivenName() {
      String name = uniqueName();

      assertThat(track(Kind.DICT, shared.dict(name)).name()).isEqualTo(name);
      assertThat(track(Kind.LIST, shared.list(name)).name()).isEqualTo(name);
      assertThat(track(Kind.LOCK, shared.lock(name)).name()).isEqualTo(name);
    }

    @Test
    @DisplayName("a dict, a list and a lock with the same name do not clash")
    void kindsDoNotClash() {
      String name = uniqueName();
      SharedDict<String, String> dict = track(Kind.DICT, shared.dict(name));
      SharedList<String> list = track(Kind.LIST, shared.list(name));
      SharedLock lock = track(Kind.LOCK, shared.lock(name));

      dict.put("k", "in the dict");
      list.add("in the list");
      lock.lock();
      try {
        assertThat(dict.snapshot()).isEqualTo(Map.of("k", "in the dict"));
        assertThat(list.snapshot()).containsExactly("in the list");
      } finally {
        lock.unlock();
      }

      dict.destroy();
      assertThat(list.snapshot()).as("the list after destroying the dict of the same name").containsExactly("in the list");
      list.destroy();
      assertThat(lock.tryLock()).as("the lock after destroying the dict and list of the same name").isTrue();
      lock.unlock();
    }

    @Test
    @DisplayName("dict(), list() and lock() create new, empty objects with distinct valid names")
    void anonymousObjects() {
      SharedDict<String, Integer> d1 = track(Kind.DICT, shared.dict());
      SharedDict<String, Integer> d2 = track(Kind.DICT, shared.dict());
      SharedList<String> l1 = track(Kind.LIST, shared.list());
      SharedList<String> l2 = track(Kind.LIST, shared.list());
      SharedLock k1 = track(Kind.LOCK, shared.lock());
      SharedLock k2 = track(Kind.LOCK, shared.lock());

      List<String> names = List.of(d1.name(), d2.name(), l1.name(), l2.name(), k1.name(), k2.name());
      assertThat(names).doesNotHaveDuplicates().allSatisfy(n -> assertThat(SharedNames.validate(n)).isEqualTo(n));
      assertThat(d1.isEmpty()).isTrue();
      assertThat(l1.isEmpty()).isTrue();
      assertThat(k1.isLocked()).isFalse();

      d1.put("a", 1);
      l1.add("x");
      assertThat(d2.isEmpty()).isTrue();
      assertThat(l2.isEmpty()).isTrue();
    }

    @Test
    @DisplayName("a peer finds an object created by dict(), list() or lock() through its name()")
    void peerFindsAnonymousObjects() {
      SharedDict<String, Integer> dict = track(Kind.DICT, shared.dict());
      SharedList<String> list = track(Kind.LIST, shared.list());
      SharedLock lock = track(Kind.LOCK, shared.lock());
      SharedObjects peer = peer();

      dict.put("a", 1);
      list.add("x");
      lock.lock();
      try {
        assertThat(peer.<String, Integer>dict(dict.name()).snapshot()).isEqualTo(Map.of("a", 1));
        assertThat(peer.<String>list(list.name()).snapshot()).containsExactly("x");
        assertThat(peer.lock(lock.name()).isLocked()).isTrue();
      } finally {
        lock.unlock();
      }
    }

    @Test
    @DisplayName("invalid names (null, empty, 201 characters, a space, a leading underscore) fail with InvalidNameException")
    void invalidNames() {
      List<String> invalid = Arrays.asList(null, "", "a".repeat(SharedNames.MAX_LENGTH + 1), "has space", "_reserved");

      for (String name : invalid) {
        String shown = name == null ? "null" : '"' + name + '"';
        assertThatThrownBy(() -> shared.dict(name)).as("dict(%s)", shown).isInstanceOf(InvalidNameException.class);
        assertThatThrownBy(() -> shared.list(name)).as("list(%s)", shown).isInstanceOf(InvalidNameException.class);
        assertThatThrownBy(() -> shared.lock(name)).as("lock(%s)", shown).isInstanceOf(InvalidNameException.class);
      }
    }

    @Test
    @DisplayName("a name of letters, digits and . _ - : / such as orders.eu-1:v2/x works, and so does one of 200 characters")
    void validNames() {
      String punctuated = "orders.eu-1:v2/x_" + UUID.randomUUID();
      String longest = "tck-" + UUID.randomUUID() + "-";
      longest = longest + "x".repeat(SharedNames.MAX_LENGTH - longest.length());

      for (String name : List.of(punctuated, longest)) {
        SharedDict<String, Integer> dict = track(Kind.DICT, shared.dict(name));
        SharedList<String> list = track(Kind.LIST, shared.list(name));
        SharedLock lock = track(Kind.LOCK, shared.lock(name));
        dict.put("a", 1);
        list.add("x");
        assertThat(lock.tryLock()).isTrue();
        lock.unlock();
        assertThat(peer().<String, Integer>dict(name).get("a")).as("dict %s through a peer", name).isEqualTo(1);
        assertThat(dict.name()).isEqualTo(name);
      }
    }

    @Test
    @DisplayName("destroy removes a dict's contents for every peer, and the name then starts a new empty dict")
    void destroyDict() {
      SharedDict<String, Integer> dict = newDict();
      SharedObjects peer = peer();
      peer.<String, Integer>dict(dict.name()).put("a", 1);
      dict.put("b", 2);

      dict.destroy();

      assertThat(peer.<String, Integer>dict(dict.name()).isEmpty()).isTrue();
      SharedDict<String, Integer> again = shared.dict(dict.name());
      assertThat(again.isEmpty()).isTrue();
      again.put("c", 3);
      assertThat(peer.<String, Integer>dict(dict.name()).snapshot()).isEqualTo(Map.of("c", 3));
    }

    @Test
    @DisplayName("destroy removes a list's contents for every peer, and the name then starts a new empty list")
    void destroyList() {
      SharedList<String> list = listOf("a", "b");
      SharedObjects peer = peer();

      list.destroy();

      assertThat(peer.<String>list(list.name()).isEmpty()).isTrue();
      SharedList<String> again = shared.list(list.name());
      assertThat(again.isEmpty()).isTrue();
      again.add("c");
      assertThat(peer.<String>list(list.name()).snapshot()).containsExactly("c");
    }

    @Test
    @DisplayName("after destroy of a lock, the name starts a new free lock that works")
    void destroyLock() {
      SharedLock lock = newLock();
      lock.lock();
      lock.unlock();

      lock.destroy();

      SharedLock again = peer().lock(lock.name());
      assertThat(again.isLocked()).isFalse();
      assertThat(again.tryLock()).isTrue();
      assertThat(again.holdCount()).isEqualTo(1);
      again.unlock();
    }
  }

  // ---------------------------------------------------------------------------------------------------
  // Copies
  // ---------------------------------------------------------------------------------------------------

  /** Values and elements are stored and read as copies, as with Python's Manager and Hazelcast. */
  @Nested
  @Tag("dict")
  @Tag("list")
  @DisplayName("Values are copies, not references")
  class Copies {

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

  // ---------------------------------------------------------------------------------------------------
  // Storable types
  // ---------------------------------------------------------------------------------------------------

  /** Which keys, values and elements can be stored, and how a value that cannot be stored fails. */
  @Nested
  @Tag("dict")
  @Tag("list")
  @DisplayName("Arbitrary objects can be stored, and the rest fail clearly")
  class StorableTypes {

    @Test
    @DisplayName("values of common JDK types come back equal and of the same class")
    void jdkValues() {
      SharedDict<String, Object> dict = newDict();
      Map<String, Object> values = jdkValueSamples();

      dict.putAll(values);
      values.forEach((key, value) -> dict.put(key + "-single", value));

      values.forEach(
          (key, value) -> {
            assertThat(dict.get(key)).as(key).isEqualTo(value).hasSameClassAs(value);
            assertThat(dict.get(key + "-single")).as(key + " put alone").isEqualTo(value).hasSameClassAs(value);
          });
    }

    @Test
    @DisplayName("a byte array comes back with the same contents")
    void byteArray() {
      SharedDict<String, byte[]> dict = newDict();
      byte[] bytes = {0, 1, -1, 127, -128};

      dict.put("k", bytes);

      assertThat(Arrays.equals(dict.get("k"), bytes)).isTrue();
    }

    @Test
    @DisplayName("a Serializable class comes back equal")
    void serializableClass() {
      SharedDict<String, Point> dict = newDict();

      dict.put("k", new Point(1, 2, "p"));

      assertThat(dict.get("k")).isEqualTo(new Point(1, 2, "p"));
    }

    @Test
    @DisplayName("a record that is not Serializable comes back equal, its nested record, enum and list fields included")
    void record() {
      SharedDict<String, Order> dict = newDict();
      Order order = sampleOrder();

      dict.put("k", order);

      assertThat(dict.get("k")).isEqualTo(order);
    }

    @Test
    @DisplayName("a plain class that is not Serializable comes back equal")
    void plainClass() {
      SharedDict<String, PlainOrder> dict = newDict();
      PlainOrder order = samplePlainOrder();

      dict.put("k", order);

      assertThat(dict.get("k")).isEqualTo(order);
    }

    @Test
    @DisplayName("keys of mixed types live in one dict: Integer 1, String \"2\", Double 0.25 and a record")
    void mixedKeys() {
      SharedDict<Object, String> dict = newDict();
      OrderKey recordKey = new OrderKey("eu", 7);

      dict.put(1, "int");
      dict.put("2", "string");
      dict.put(0.25, "double");
      dict.put(recordKey, "record");

      assertThat(dict.get(1)).isEqualTo("int");
      assertThat(dict.get("2")).isEqualTo("string");
      assertThat(dict.get(0.25)).isEqualTo("double");
      assertThat(dict.get(new OrderKey("eu", 7))).isEqualTo("record");
      assertThat(dict.get(2)).isNull();
      assertThat(new HashSet<>(dict.keySet())).isEqualTo(Set.of(1, "2", 0.25, recordKey));
    }

    @Test
    @DisplayName("Integer 1 and Long 1 are different keys, as in HashMap")
    void integerAndLongKeysDiffer() {
      SharedDict<Object, String> dict = newDict();

      dict.put(1, "int");
      dict.put(1L, "long");

      assertThat(dict.size()).isEqualTo(2);
      assertThat(dict.get(1)).isEqualTo("int");
      assertThat(dict.get(1L)).isEqualTo("long");
    }

    @Test
    @DisplayName("a record key is found by an equal record, and a plain value can hang off it")
    void recordKeys() {
      SharedDict<OrderKey, PlainOrder> dict = newDict();

      dict.put(new OrderKey("eu", 1), samplePlainOrder());
      dict.merge(new OrderKey("eu", 1), new PlainOrder(), (a, b) -> b);

      assertThat(dict.size()).isEqualTo(1);
      assertThat(dict.get(new OrderKey("eu", 1))).isEqualTo(new PlainOrder());
      assertThat(dict.containsKey(new OrderKey("eu", 2))).isFalse();
    }

    @Test
    @DisplayName("list elements of mixed types come back equal, in order")
    void mixedListElements() {
      SharedList<Object> list = newList();
      List<Object> elements = new ArrayList<>(jdkValueSamples().values());
      elements.add(new Point(3, 4, "q"));
      elements.add(sampleOrder());
      elements.add(samplePlainOrder());
      elements.add(null);

      list.addAll(elements.subList(0, 3));
      for (Object element : elements.subList(3, elements.size())) {
        list.add(element);
      }

      assertThat(list.snapshot()).isEqualTo(elements);
      assertThat(list.indexOf(sampleOrder())).isEqualTo(elements.indexOf(sampleOrder()));
    }

    @Test
    @DisplayName("a value that cannot be stored fails at put with NotStorableException naming its class, and nothing stored changes")
    void unstorableValue() {
      SharedDict<String, Object> dict = newDict();
      dict.put("k", "before");

      for (Object bad : unstorableSamples()) {
        String what = bad.getClass().getName();
        assertThatThrownBy(() -> dict.put("k", bad))
            .as("put of a %s", what)
            .isInstanceOf(NotStorableException.class)
            .hasMessageContaining(what)
            // The message names the fix too; making the class Serializable is always one.
            .hasMessageContaining("Serializable");
        assertThatThrownBy(() -> dict.put("new", bad)).as("put of a %s to a new key", what).isInstanceOf(NotStorableException.class);
        assertThat(dict.snapshot()).as("contents after put of a %s", what).isEqualTo(Map.of("k", "before"));
      }
    }

    @Test
    @DisplayName("a key that cannot be stored fails with NotStorableException naming its class, and nothing stored changes")
    void unstorableKey() {
      SharedDict<Object, String> dict = newDict();
      dict.put("k", "before");

      for (Object bad : unstorableSamples()) {
        String what = bad.getClass().getName();
        assertThatThrownBy(() -> dict.put(bad, "v"))
            .as("put with a %s key", what)
            .isInstanceOf(NotStorableException.class)
            .hasMessageContaining(what);
        assertThat(dict.snapshot()).as("contents after put with a %s key", what).isEqualTo(Map.of("k", "before"));
      }
    }

    @Test
    @DisplayName("every dict write method rejects a value that cannot be stored with NotStorableException and changes nothing")
    void unstorableValueEveryWrite() {
      SharedDict<String, Object> dict = newDict();
      dict.put("k", "before");
      Object bad = new Object();
      Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
      calls.put("putIfAbsent of a new key", () -> dict.putIfAbsent("new", bad));
      calls.put("replace(k, v)", () -> dict.replace("k", bad));
      calls.put("replace(k, old, new)", () -> dict.replace("k", "before", bad));
      calls.put("computeIfAbsent", () -> dict.computeIfAbsent("new", k -> bad));
      calls.put("computeIfPresent", () -> dict.computeIfPresent("k", (k, v) -> bad));
      calls.put("compute", () -> dict.compute("k", (k, v) -> bad));
      calls.put("merge into a new key", () -> dict.merge("new", bad, (a, b) -> b));
      calls.put("merge into an existing key", () -> dict.merge("k", "x", (a, b) -> bad));
      calls.put("entry setValue", () -> dict.entrySet().iterator().next().setValue(bad));
      calls.put("replaceAll", () -> dict.replaceAll((k, v) -> bad));

      calls.forEach(
          (call, code) -> {
            assertThatThrownBy(code).as(call).isInstanceOf(NotStorableException.class);
            assertThat(dict.snapshot()).as("contents after %s", call).isEqualTo(Map.of("k", "before"));
          });
    }

    @Test
    @DisplayName("putAll with one value that cannot be stored fails with NotStorableException and leaves the dict unchanged")
    void unstorablePutAll() {
      SharedDict<String, Object> dict = newDict();
      dict.put("k", "before");
      Map<String, Object> entries = new LinkedHashMap<>();
      entries.put("a", 1);
      entries.put("k", "after");
      entries.put("bad", new HoldsThread(Thread.currentThread()));
      entries.put("z", 26);

      assertThatThrownBy(() -> dict.putAll(entries))
          .isInstanceOf(NotStorableException.class)
          .hasMessageContaining(HoldsThread.class.getName());

      assertThat(dict.snapshot()).isEqualTo(Map.of("k", "before"));
    }

    @Test
    @DisplayName("a list element that cannot be stored fails at add, add(index), set and addAll, and the list is unchanged")
    void unstorableElement() {
      SharedList<Object> list = newList();
      list.addAll(List.of("a", "b"));

      for (Object bad : unstorableSamples()) {
        String what = bad.getClass().getName();
        Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
        calls.put("add", () -> list.add(bad));
        calls.put("add(index, e)", () -> list.add(1, bad));
        calls.put("set", () -> list.set(0, bad));
        calls.put("addAll", () -> list.addAll(Arrays.asList("c", bad, "d")));
        calls.put("addAll(index, c)", () -> list.addAll(1, Arrays.asList("c", bad)));
        calls.forEach(
            (call, code) -> {
              assertThatThrownBy(code)
                  .as("%s of a %s", call, what)
                  .isInstanceOf(NotStorableException.class)
                  .hasMessageContaining(what);
              assertThat(list.snapshot()).as("contents after %s of a %s", call, what).containsExactly("a", "b");
            });
      }
    }
  }

  // ---------------------------------------------------------------------------------------------------
  // Typed reads
  // ---------------------------------------------------------------------------------------------------

  /**
   * {@code get(key, type)} and {@code get(index, type)}: a read that says what is stored when it is not the
   * type the reader expects, since erased generics cannot stop another process from storing anything.
   */
  @Nested
  @Tag("dict")
  @Tag("list")
  @DisplayName("A typed read returns the value as the type asked for, or says what is there instead")
  class TypedReads {

    @Test
    @DisplayName("dict.get(key, type) returns a value of that type, a subtype, or the wrapper of a primitive type")
    void dictTypedRead() {
      SharedDict<String, Object> dict = newDict();
      dict.put("n", 42);
      dict.put("order", sampleOrder());

      Integer n = dict.get("n", Integer.class);
      assertThat(n).isEqualTo(42);
      assertThat(dict.get("n", Number.class)).isEqualTo(42);
      assertThat(dict.get("n", int.class)).isEqualTo(42);
      assertThat(dict.get("order", Order.class)).isEqualTo(sampleOrder());
    }

    @Test
    @DisplayName("dict.get(key, type) returns null for a missing key and for a key mapped to null, as get does")
    void dictTypedReadOfNothing() {
      SharedDict<String, Object> dict = newDict();
      dict.put("null", null);

      assertThat(dict.get("missing", Integer.class)).isNull();
      assertThat(dict.get("null", Integer.class)).isNull();
    }

    @Test
    @DisplayName("a value another process stored as a String, read as an Integer, fails with WrongTypeException naming the dict, the key and both classes, and stays stored")
    void dictWrongType() {
      SharedDict<String, Object> dict = newDict();
      SharedDict<String, Object> seenByPeer = peer().dict(dict.name());
      seenByPeer.put("count", "forty-two");

      assertThatThrownBy(() -> dict.get("count", Integer.class))
          .isInstanceOf(WrongTypeException.class)
          .isInstanceOf(ClassCastException.class)
          .hasMessageContaining(dict.name())
          .hasMessageContaining("\"count\"")
          .hasMessageContaining("java.lang.String")
          .hasMessageContaining("java.lang.Integer")
          .satisfies(e -> {
            WrongTypeException wrong = (WrongTypeException) e;
            assertThat(wrong.expectedType()).isEqualTo(Integer.class);
            assertThat(wrong.actualType()).isEqualTo(String.class);
          });
      assertThat(dict.snapshot()).isEqualTo(Map.of("count", "forty-two"));
    }

    @Test
    @DisplayName("without the typed read, the same mistake is a ClassCastException at the caller's assignment")
    void untypedReadOfWrongType() {
      SharedDict<String, Object> raw = newDict();
      raw.put("count", "forty-two");
      SharedDict<String, Integer> typed = shared.dict(raw.name());

      assertThatThrownBy(() -> {
            Integer count = typed.get("count");
            fail("read %s as an Integer", count);
          })
          .isInstanceOf(ClassCastException.class)
          .isNotInstanceOf(WrongTypeException.class);
    }

    @Test
    @DisplayName("list.get(index, type) returns the element as that type, fails with WrongTypeException naming the list, the index and both classes, and throws IndexOutOfBoundsException past the end")
    void listTypedRead() {
      SharedList<Object> list = listOf(1, "two", null);

      assertThat(list.get(0, Integer.class)).isEqualTo(1);
      assertThat(list.get(1, CharSequence.class)).isEqualTo("two");
      assertThat(list.get(2, Integer.class)).isNull();
      assertThatThrownBy(() -> list.get(1, Integer.class))
          .isInstanceOf(WrongTypeException.class)
          .hasMessageContaining(list.name())
          .hasMessageContaining("index 1")
          .hasMessageContaining("java.lang.String")
          .hasMessageContaining("java.lang.Integer");
      assertThatThrownBy(() -> list.get(3, Integer.class)).isInstanceOf(IndexOutOfBoundsException.class);
      assertThat(list.snapshot()).containsExactly(1, "two", null);
    }
  }

  // ---------------------------------------------------------------------------------------------------
  // Size limit
  // ---------------------------------------------------------------------------------------------------

  /** The size limit: a key, value or element whose stored form is larger is refused before it is sent. */
  @Nested
  @Tag("dict")
  @Tag("list")
  @DisplayName("A key, value or element larger than the size limit is refused, and nothing stored changes")
  class SizeLimit {

    @Test
    @DisplayName("values over the limit (a byte array, a string, a Serializable list, a record holding an array) fail at put with ValueTooLargeException saying the size and the limit")
    void valueOverLimit() {
      SharedDict<String, Object> dict = newDict();
      dict.put("k", "before");

      for (Object big : oversizedSamples()) {
        String what = big.getClass().getName();
        assertThatThrownBy(() -> dict.put("k", big))
            .as("put of a %s", what)
            .isInstanceOf(ValueTooLargeException.class)
            .isInstanceOf(NotStorableException.class)
            .hasMessageContaining(what)
            .hasMessageContaining(Long.toString(maxValueSize()))
            .hasMessageContaining("maxValueSize")
            .satisfies(e -> {
              ValueTooLargeException tooLarge = (ValueTooLargeException) e;
              assertThat(tooLarge.limit()).isEqualTo(maxValueSize());
              assertThat(tooLarge.size()).isGreaterThan(maxValueSize());
            });
        assertThatThrownBy(() -> dict.putIfAbsent("new", big)).as("putIfAbsent of a %s", what)
            .isInstanceOf(ValueTooLargeException.class);
        assertThatThrownBy(() -> dict.merge("k", "x", (a, b) -> big)).as("merge into a %s", what)
            .isInstanceOf(ValueTooLargeException.class);
        assertThat(dict.snapshot()).as("contents after a %s", what).isEqualTo(Map.of("k", "before"));
      }
    }

    @Test
    @DisplayName("a key over the limit fails with ValueTooLargeException, and nothing stored changes")
    void keyOverLimit() {
      SharedDict<Object, String> dict = newDict();
      dict.put("k", "before");
      String bigKey = "k".repeat(Math.toIntExact(maxValueSize() + 1));

      assertThatThrownBy(() -> dict.put(bigKey, "v")).isInstanceOf(ValueTooLargeException.class);
      assertThat(dict.snapshot()).isEqualTo(Map.of("k", "before"));
    }

    @Test
    @DisplayName("a list element over the limit fails at add, set and addAll, and the list is unchanged")
    void elementOverLimit() {
      SharedList<Object> list = listOf("a", "b");
      byte[] big = new byte[Math.toIntExact(maxValueSize() + 1)];

      Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
      calls.put("add", () -> list.add(big));
      calls.put("add(index, e)", () -> list.add(1, big));
      calls.put("set", () -> list.set(0, big));
      calls.put("addAll", () -> list.addAll(Arrays.asList("c", big)));
      calls.forEach((call, code) -> {
        assertThatThrownBy(code).as(call).isInstanceOf(ValueTooLargeException.class);
        assertThat(list.snapshot()).as("contents after %s", call).containsExactly("a", "b");
      });
    }

    @Test
    @DisplayName("a value just under the limit is stored and read back whole")
    void valueUnderLimit() {
      SharedDict<String, byte[]> dict = newDict();
      byte[] value = new byte[Math.toIntExact(maxValueSize() - 1024)];
      for (int i = 0; i < value.length; i += 4096) {
        value[i] = (byte) (i / 4096);
      }

      dict.put("k", value);

      // Compared here rather than with isEqualTo, whose failure message would print megabytes.
      assertThat(Arrays.equals(dict.get("k"), value)).as("the value read back equals the one put").isTrue();
      dict.remove("k");
    }

    private List<Object> oversizedSamples() {
      int over = Math.toIntExact(maxValueSize() + 1);
      int half = over / 2 + 1;
      return List.of(
          new byte[over],
          "x".repeat(over),
          new ArrayList<>(List.of(new byte[half], new byte[half])),
          new Blob("big", new byte[over]));
    }
  }

  // ---------------------------------------------------------------------------------------------------
  // Lifecycle
  // ---------------------------------------------------------------------------------------------------

  /** What {@code close()} does to the instance, to the objects obtained from it, and to its peers. */
  @Nested
  @Tag("objects")
  @DisplayName("close() ends an instance, and only that instance")
  class Lifecycle {

    @Test
    @DisplayName("after close, asking for a dict, list or lock, named or not, fails with SharedObjectsClosedException")
    void closedInstance() {
      String name = uniqueName();
      shared.close();

      assertThatThrownBy(() -> shared.dict(name)).as("dict(name)").isInstanceOf(SharedObjectsClosedException.class);
      assertThatThrownBy(() -> shared.list(name)).as("list(name)").isInstanceOf(SharedObjectsClosedException.class);
      assertThatThrownBy(() -> shared.lock(name)).as("lock(name)").isInstanceOf(SharedObjectsClosedException.class);
      assertThatThrownBy(shared::dict).as("dict()").isInstanceOf(SharedObjectsClosedException.class);
      assertThatThrownBy(shared::list).as("list()").isInstanceOf(SharedObjectsClosedException.class);
      assertThatThrownBy(shared::lock).as("lock()").isInstanceOf(SharedObjectsClosedException.class);
    }

    @Test
    @DisplayName("after close, a dict obtained before fails with SharedObjectsClosedException, its views too")
    void closedDict() {
      SharedDict<String, Integer> dict = newDict();
      dict.put("a", 1);
      Set<String> keys = dict.keySet();
      shared.close();

      Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
      calls.put("get", () -> dict.get("a"));
      calls.put("put", () -> dict.put("b", 2));
      calls.put("remove", () -> dict.remove("a"));
      calls.put("size", dict::size);
      calls.put("containsKey", () -> dict.containsKey("a"));
      calls.put("merge", () -> dict.merge("a", 1, Integer::sum));
      calls.put("putAll", () -> dict.putAll(Map.of("c", 3)));
      calls.put("snapshot", dict::snapshot);
      calls.put("keySet().size()", keys::size);
      calls.put("keySet().iterator()", () -> keys.iterator().next());
      assertAllFailClosed(calls);
    }

    @Test
    @DisplayName("after close, a list obtained before fails with SharedObjectsClosedException")
    void closedList() {
      SharedList<String> list = listOf("a");
      shared.close();

      Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
      calls.put("get", () -> list.get(0));
      calls.put("add", () -> list.add("b"));
      calls.put("set", () -> list.set(0, "b"));
      calls.put("remove", () -> list.remove(0));
      calls.put("size", list::size);
      calls.put("addAll", () -> list.addAll(List.of("c")));
      calls.put("snapshot", list::snapshot);
      calls.put("iterator", () -> list.iterator().next());
      assertAllFailClosed(calls);
    }

    @Test
    @DisplayName("after close, a lock obtained before fails with SharedObjectsClosedException")
    void closedLock() {
      SharedLock lock = newLock();
      shared.close();

      Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
      calls.put("lock", lock::lock);
      calls.put("tryLock", lock::tryLock);
      calls.put("tryLock(timeout)", () -> lock.tryLock(1, TimeUnit.SECONDS));
      calls.put("acquire", lock::acquire);
      calls.put("isLocked", lock::isLocked);
      assertAllFailClosed(calls);
    }

    @Test
    @DisplayName("close twice is harmless")
    void closeTwice() {
      shared.close();
      shared.close();

      assertThatThrownBy(() -> shared.dict(uniqueName())).isInstanceOf(SharedObjectsClosedException.class);
    }

    @Test
    @DisplayName("closing a peer leaves the other instance, its objects and the shared data working")
    void closingPeerLeavesOthers() {
      SharedDict<String, Integer> dict = newDict();
      SharedList<String> list = newList();
      SharedLock lock = newLock();
      SharedObjects peer = peer();
      peer.<String, Integer>dict(dict.name()).put("from peer", 1);
      peer.<String>list(list.name()).add("from peer");
      SharedLock viaPeer = peer.lock(lock.name());
      assertThat(viaPeer.tryLock()).isTrue();
      viaPeer.unlock();

      peer.close();

      dict.put("after", 2);
      list.add("after");
      assertThat(dict.snapshot()).isEqualTo(Map.of("from peer", 1, "after", 2));
      assertThat(list.snapshot()).containsExactly("from peer", "after");
      assertThat(lock.tryLock()).isTrue();
      lock.unlock();
      SharedDict<String, Integer> fresh = newDict();
      fresh.put("a", 1);
      assertThat(fresh.get("a")).isEqualTo(1);
    }
  }

  // ---------------------------------------------------------------------------------------------------
  // Helpers
  // ---------------------------------------------------------------------------------------------------

  /** The value a differential test's key starts mapped to, when it is mapped to a value. */
  private static final Integer OLD = 10;

  /** The value differential tests write. */
  private static final Integer NEW = 20;

  /** A function given to a dict method that throws; its exception must reach the caller as it is. */
  private static final class Boom extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Boom() {
      super("thrown by the function given to the dict");
    }
  }

  /** One call on a map, given the key the scenario is about. */
  @FunctionalInterface
  private interface MapCall {
    Object apply(Map<String, Integer> map, String key);
  }

  /** What a call did: the value it returned, or the class of what it threw. */
  private record Outcome(Object returned, Class<? extends Throwable> thrown) {
    static Outcome of(Callable<Object> call) {
      try {
        return new Outcome(call.call(), null);
      } catch (Exception e) {
        return new Outcome(null, e.getClass());
      }
    }
  }

  /** The state of the key a differential test is about, beside one unrelated entry. */
  private enum Start {
    ABSENT("absent"),
    MAPPED_TO_NULL("mapped to null"),
    MAPPED_TO_VALUE("mapped to " + OLD);

    final String description;

    Start(String description) {
      this.description = description;
    }

    Map<String, Integer> contents(String key) {
      Map<String, Integer> contents = new HashMap<>();
      contents.put("other", 1);
      if (this == MAPPED_TO_NULL) {
        contents.put(key, null);
      } else if (this == MAPPED_TO_VALUE) {
        contents.put(key, OLD);
      }
      return contents;
    }
  }

  /**
   * Applies {@code call} to a {@code HashMap} and to a shared dict starting from the same contents, for a
   * key that is absent, mapped to null or mapped to a value (the key "k" and the null key), and requires
   * the same result (or exception class) and the same contents after.
   */
  private void behavesAsHashMap(String description, MapCall call) {
    SharedDict<String, Integer> dict = newDict();
    for (String key : Arrays.asList("k", null)) {
      for (Start start : Start.values()) {
        Map<String, Integer> before = start.contents(key);
        Map<String, Integer> expected = new HashMap<>(before);
        dict.clear();
        dict.putAll(before);
        String scenario = description + " where key " + (key == null ? "null" : '"' + key + '"') + " is " + start.description;

        Outcome want = Outcome.of(() -> call.apply(expected, key));
        Outcome got = Outcome.of(() -> call.apply(dict, key));

        assertThat(got).as("outcome of %s", scenario).isEqualTo(want);
        assertThat(dict.snapshot()).as("contents after %s", scenario).isEqualTo(expected);
      }
    }
  }

  private void assertAllFailClosed(Map<String, ThrowingCallable> calls) {
    calls.forEach(
        (call, code) -> assertThatThrownBy(code).as("%s after close", call).isInstanceOf(SharedObjectsClosedException.class));
  }

  private static String uniqueName() {
    return "tck-" + UUID.randomUUID();
  }

  private <K, V> SharedDict<K, V> newDict() {
    return track(Kind.DICT, shared.dict(uniqueName()));
  }

  private <E> SharedList<E> newList() {
    return track(Kind.LIST, shared.list(uniqueName()));
  }

  @SafeVarargs
  private <E> SharedList<E> listOf(E... elements) {
    SharedList<E> list = newList();
    list.addAll(Arrays.asList(elements));
    return list;
  }

  private SharedLock newLock() {
    return track(Kind.LOCK, shared.lock(uniqueName()));
  }

  /** A peer of this test's instance, closed after the test. */
  private SharedObjects peer() {
    SharedObjects peer = peerOf(shared);
    assertThat(peer).as("peerOf(first)").isNotNull();
    peers.add(peer);
    return peer;
  }

  /** The instance a race thread uses: even threads this test's instance, odd ones the peer. */
  private SharedObjects instanceFor(int thread, SharedObjects peer) {
    return thread % 2 == 0 ? shared : peer;
  }

  /** The kinds of shared object, so cleanup can reach one by name through another instance. */
  private enum Kind {
    DICT,
    LIST,
    LOCK;

    SharedObject lookUp(SharedObjects instance, String name) {
      switch (this) {
        case DICT:
          return instance.dict(name);
        case LIST:
          return instance.list(name);
        default:
          return instance.lock(name);
      }
    }
  }

  private record Created(Kind kind, String name) {}

  private <T extends SharedObject> T track(Kind kind, T object) {
    created.add(new Created(kind, object.name()));
    return object;
  }

  /**
   * Destroys every object the test created, best effort, through the first of the test's instances that is
   * still open. When all are closed (a lifecycle test), a new instance does it, so that a long-lived
   * cluster does not keep their data.
   */
  private void destroyCreatedObjects() {
    SharedObjects extra = null;
    try {
      for (Created object : created) {
        if (!destroyThrough(instancesForCleanup(), object)) {
          if (extra == null) {
            extra = newSharedObjects();
          }
          destroyThrough(List.of(extra), object);
        }
      }
    } catch (RuntimeException e) {
      // Best effort: a backend that cannot even open a new instance here fails elsewhere in the kit.
    } finally {
      if (extra != null) {
        extra.close();
      }
    }
  }

  /** Destroys {@code object} through the first instance that is open; false if every one was closed. */
  private static boolean destroyThrough(List<SharedObjects> instances, Created object) {
    for (SharedObjects instance : instances) {
      try {
        object.kind().lookUp(instance, object.name()).destroy();
        return true;
      } catch (SharedObjectsClosedException e) {
        // That instance was closed by the test; try the next.
      } catch (RuntimeException e) {
        // Best effort: for example the object was already destroyed in a way the backend reports.
        return true;
      }
    }
    return false;
  }

  /** This test's peers, then its own instance: the order to close them in. */
  private List<SharedObjects> instancesToClose() {
    List<SharedObjects> all = new ArrayList<>(peers);
    if (shared != null) {
      all.add(shared);
    }
    return all;
  }

  /** This test's own instance first, then its peers: the order to try them in for cleanup. */
  private List<SharedObjects> instancesForCleanup() {
    List<SharedObjects> all = new ArrayList<>();
    if (shared != null) {
      all.add(shared);
    }
    all.addAll(peers);
    return all;
  }

  private static <T> void removeFirstWhere(Iterator<T> it, Predicate<T> match) {
    while (it.hasNext()) {
      if (match.test(it.next())) {
        it.remove();
        return;
      }
    }
    fail("no element matched");
  }

  /** Polls {@code condition} until it holds, failing after {@code bound}; never a fixed sleep. */
  private static void eventually(Duration bound, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        fail("Not true within " + bound.toMillis() + " ms: " + what);
      }
      // A short pause between polls, so the poll does not take a CPU from the backend it waits for.
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
  }

  private static long fenceOfOneAcquisition(SharedLock lock) {
    lock.lock();
    try {
      return lock.fence();
    } finally {
      lock.unlock();
    }
  }

  private static Comparator<String> byNumberSuffix() {
    return Comparator.comparingInt(s -> Integer.parseInt(s.substring(s.indexOf('-') + 1)));
  }

  private static Map<String, Object> jdkValueSamples() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("String", "héllo wörld");
    values.put("Integer", 42);
    values.put("Long", 1L << 40);
    values.put("Double", 0.25);
    values.put("Boolean", true);
    values.put("BigDecimal", new BigDecimal("12345.6789"));
    values.put("LocalDate", LocalDate.of(2024, 2, 29));
    values.put("UUID", UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
    values.put("enum", Colour.GREEN);
    values.put("JDK enum", TimeUnit.SECONDS);
    values.put("ArrayList", new ArrayList<>(List.of("a", "b")));
    values.put("HashMap", new HashMap<>(Map.of("a", 1, "b", 2)));
    values.put("HashSet", new HashSet<>(Set.of("x", "y")));
    return values;
  }

  private static Order sampleOrder() {
    return new Order(
        7L,
        3,
        1.5,
        true,
        "ann",
        new BigDecimal("99.95"),
        LocalDate.of(2024, 5, 1),
        Colour.BLUE,
        List.of("gift", "express"),
        new Money(new BigDecimal("33.32"), "EUR"));
  }

  private static PlainOrder samplePlainOrder() {
    return new PlainOrder(
        8L,
        2,
        false,
        "bob",
        new BigDecimal("10.00"),
        LocalDate.of(2023, 12, 31),
        Colour.RED,
        new ArrayList<>(List.of("a", "b")),
        new Money(new BigDecimal("5.00"), "USD"));
  }

  private static List<Object> unstorableSamples() {
    return List.of(new Object(), new HoldsObject("a storable string, in a field of type Object"), new HoldsThread(Thread.currentThread()));
  }

  // ---- threads ----

  /** Code run by each thread of a race, given the thread's number. */
  @FunctionalInterface
  private interface RaceBody {
    void run(int thread) throws Exception;
  }

  /** Code run on a worker thread. */
  @FunctionalInterface
  private interface WorkerTask {
    void run() throws Exception;
  }

  /**
   * Runs {@code body} on {@link #THREADS} threads started together, waits for all of them (bounded), and
   * rethrows the first failure.
   */
  private void race(RaceBody body) {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS, daemonThreads("tck-race"));
    executors.add(pool);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Void>> futures = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      futures.add(
          pool.submit(
              () -> {
                if (!start.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                  throw new AssertionError("the race did not start");
                }
                body.run(thread);
                return null;
              }));
    }
    start.countDown();
    long deadline = System.nanoTime() + RACE_WAIT.toNanos();
    for (Future<Void> future : futures) {
      await(future, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }
  }

  /**
   * A thread of its own that runs tasks one at a time, so a test can hold a lock on it across calls. Every
   * call waits for its result at most {@link #WAIT}.
   */
  private final class Worker {
    private final ExecutorService executor;

    Worker() {
      executor = Executors.newSingleThreadExecutor(daemonThreads("tck-worker"));
      executors.add(executor);
    }

    <T> T call(Callable<T> task) {
      return await(executor.submit(task), WAIT);
    }

    void run(WorkerTask task) {
      call(
          () -> {
            task.run();
            return null;
          });
    }

    /** Starts a task without waiting for it, for a call that is expected to block for a while. */
    <T> Future<T> start(Callable<T> task) {
      return executor.submit(task);
    }
  }

  private Worker worker() {
    return new Worker();
  }

  private ThreadFactory daemonThreads(String prefix) {
    return task -> {
      Thread thread = new Thread(task, prefix + "-" + threadNumber.incrementAndGet());
      // Daemon, so that a thread stuck in a broken backend cannot keep the test JVM alive.
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Waits at most {@code bound} for {@code future} and returns its result, rethrowing what it threw. */
  private static <T> T await(Future<T> future, Duration bound) {
    try {
      return future.get(bound.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new CompletionException(cause);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new AssertionError("a call on another thread did not finish within " + bound.toMillis() + " ms", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for another thread", e);
    }
  }
}
