package io.sharedobjects.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.map.IMap;
import io.sharedobjects.AuthKeyMismatchException;
import io.sharedobjects.SharedDict;
import io.sharedobjects.SharedObjects;
import io.sharedobjects.SharedQueue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Rotating the authKey from one key to another while two processes keep writing: the steps of
 * docs/security.md#rotating-the-key, each process restarted with its new keys while the other writes on.
 * Each "process" is a client of its own, which this test replaces as a rolling restart would.
 */
class KeyRotationTest {

  static final String OLD = "the key being rotated away from";
  static final String NEW = "the key being rotated to, as long";

  private static HazelcastSharedObjects member;
  private static String cluster;

  @BeforeAll
  static void start() {
    cluster = "rotation-" + UUID.randomUUID();
    member = HazelcastSharedObjects.builder().clusterName(cluster).port(0).authKey(OLD).embedded();
  }

  @AfterAll
  static void stop() {
    if (member != null) {
      member.close();
    }
  }

  /** A client with {@code key} as its authKey and {@code previous} (may be null) as the key it rotates from. */
  private static HazelcastSharedObjects client(String key, String previous) {
    HazelcastSharedObjectsBuilder builder = HazelcastSharedObjects.builder().clusterName(cluster).authKey(key);
    if (previous != null) {
      builder.previousAuthKey(previous);
    }
    return builder.client(member.address());
  }

  /** A client at step 1: writing with {@code key}, reading {@code next} too. */
  private static HazelcastSharedObjects stepOne(String key, String next) {
    return HazelcastSharedObjects.builder().clusterName(cluster).authKey(key).nextAuthKey(next)
        .client(member.address());
  }

  @Test
  @DisplayName("two processes write through every step of a rotation; nothing is lost, and what they touch moves")
  void rotateWhileWriting() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    Writer first = new Writer("p1", run, client(OLD, null));
    Writer second = new Writer("p2", run, client(OLD, null));
    try (HazelcastSharedObjects creator = client(OLD, null)) {
      // State that no one touches after step 0: only the sweep can reseal it.
      creator.latch("rotation-latch-" + run, 5).countDown();
      creator.semaphore("rotation-semaphore-" + run, 3);
    }
    first.start();
    second.start();
    try {
      first.awaitMore(20);
      second.awaitMore(20);
      // Step 1: every process also reads the new key, and still writes with the old one.
      first.restartWith(stepOne(OLD, NEW));
      second.restartWith(stepOne(OLD, NEW));
      // Step 2: every process writes with the new key, and still reads the old one; while the first is at
      // step 2 and the second still at step 1, both write the same key.
      first.restartWith(client(NEW, OLD));
      second.restartWith(client(NEW, OLD));
      first.awaitMore(20);
      second.awaitMore(20);
      // The sweep, while both go on writing.
      try (HazelcastSharedObjects sweeper = client(NEW, OLD)) {
        Map<String, Integer> left = sweeper.resealWithCurrentKey();
        assertThat(left).as("what the sweep could not reseal in place").containsOnlyKeys(
            "list 'rotation-list-" + run + "'", "queue 'rotation-queue-" + run + "'");
        assertThat(left.values()).allSatisfy(count -> assertThat(count).isGreaterThanOrEqualTo(40));
      }
      first.awaitMore(10);
      second.awaitMore(10);
    } finally {
      first.stop();
      second.stop();
    }
    assertThat(first.failures).as("what the first process saw go wrong").isEmpty();
    assertThat(second.failures).as("what the second process saw go wrong").isEmpty();

    try (HazelcastSharedObjects reader = client(NEW, OLD)) {
      SharedDict<String, Integer> dict = reader.dict("rotation-dict-" + run);
      Map<String, Integer> expected = new HashMap<>();
      List<String> elements = new ArrayList<>();
      for (Writer writer : List.of(first, second)) {
        for (int i = 0; i < writer.written.get(); i++) {
          expected.put(writer.id + "-" + i, i);
          elements.add(writer.id + "-" + i);
        }
        expected.put(writer.id + "-last", writer.written.get() - 1);
      }
      String shared = (String) reader.<String, Object>dict("rotation-dict-" + run).get("shared");
      assertThat(shared).as("the key both wrote holds the last write of one of them")
          .isIn("p1-" + (first.written.get() - 1), "p2-" + (second.written.get() - 1));
      expected.put("shared", null);
      Map<String, Integer> read = new HashMap<>(dict.snapshot());
      read.put("shared", null);
      assertThat(read).as("every entry written, under either key").isEqualTo(expected);
      assertThat(dict.size()).as("one entry per key").isEqualTo(expected.size());
      assertThat(reader.<String>set("rotation-set-" + run).snapshot()).containsExactlyInAnyOrderElementsOf(elements);
      assertThat(reader.<String>list("rotation-list-" + run).snapshot()).containsExactlyInAnyOrderElementsOf(elements);
      SharedQueue<String> queue = reader.queue("rotation-queue-" + run);
      List<String> drained = new ArrayList<>();
      queue.drainTo(drained);
      assertThat(drained).containsExactlyInAnyOrderElementsOf(elements);
      for (Writer writer : List.of(first, second)) {
        assertThat(drained.stream().filter(e -> e.startsWith(writer.id + "-")).toList())
            .as("the queue keeps each writer's order").isEqualTo(
                elements.stream().filter(e -> e.startsWith(writer.id + "-")).toList());
        assertThat(reader.value("rotation-value-" + run + "-" + writer.id).get()).isEqualTo(writer.written.get() - 1);
      }
    }

    try (HazelcastSharedObjects newOnly = client(NEW, null);
        HazelcastSharedObjects oldOnly = client(OLD, null)) {
      // Step 3: after the sweep, a process with the new key alone reads every dict, set and value.
      assertThat(newOnly.<String, Integer>dict("rotation-dict-" + run).snapshot()).hasSize(first.written.get()
          + second.written.get() + 3);
      assertThat(newOnly.<String>set("rotation-set-" + run).snapshot())
          .hasSize(first.written.get() + second.written.get());
      assertThat(newOnly.value("rotation-value-" + run + "-p1").get()).isEqualTo(first.written.get() - 1);
      assertThat(newOnly.counter("rotation-counter-" + run).get()).as("the counter both incremented throughout")
          .isEqualTo(first.written.get() + second.written.get());
      assertThat(newOnly.latch("rotation-latch-" + run, 5).count()).as("state untouched since step 0, swept")
          .isEqualTo(4);
      assertThat(newOnly.semaphore("rotation-semaphore-" + run, 3).availablePermits()).isEqualTo(3);
      assertThatThrownBy(() -> newOnly.<String>list("rotation-list-" + run).snapshot())
          .as("list elements sealed with the old key are left, as the sweep reported")
          .isInstanceOf(AuthKeyMismatchException.class);
      assertThat(oldOnly.<String, Integer>dict("rotation-dict-" + run).get("p1-0"))
          .as("the sweep resealed even what no one touched since step 0: the old key's lookup finds nothing")
          .isNull();
      assertThatThrownBy(() -> oldOnly.<String, Integer>dict("rotation-dict-" + run).snapshot())
          .as("a process with the old key alone cannot read what the new key sealed")
          .isInstanceOf(AuthKeyMismatchException.class);
    }
  }

  @Test
  @DisplayName("a write by key moves the entry sealed with the previous key, leaving one entry")
  void writeMovesTheEntry() {
    String name = "moved-" + UUID.randomUUID();
    try (HazelcastSharedObjects old = client(OLD, null);
        HazelcastSharedObjects rotating = client(NEW, OLD);
        HazelcastSharedObjects newOnly = client(NEW, null)) {
      old.<String, String>dict(name).put("k", "old");
      old.<String>set(name).add("e");
      IMap<Object, Object> raw = member.hazelcastInstance().getMap(name);
      Object oldKey = raw.keySet().iterator().next();

      SharedDict<String, String> dict = rotating.dict(name);
      assertThat(dict.get("k")).as("found under the previous key").isEqualTo("old");
      assertThat(dict.put("k", "new")).as("the value it replaces").isEqualTo("old");
      assertThat(raw.size()).as("one entry, not one per key").isEqualTo(1);
      assertThat(raw.containsKey(oldKey)).as("the entry sealed with the old key is gone").isFalse();
      assertThat(newOnly.<String, String>dict(name).get("k")).isEqualTo("new");

      assertThat(rotating.<String>set(name).add("e")).as("already there, under the previous key").isFalse();
      assertThat(newOnly.<String>set(name).contains("e")).as("and moved to the new one").isTrue();
      assertThat(rotating.<String>set(name).size()).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("at step 1 a write by key goes where a process at step 2 put the entry, leaving one entry")
  void stepOneWritesInPlace() {
    String name = "in-place-" + UUID.randomUUID();
    try (HazelcastSharedObjects stepTwo = client(NEW, OLD);
        HazelcastSharedObjects stepOne = stepOne(OLD, NEW)) {
      stepTwo.<String, String>dict(name).put("k", "from step 2");
      stepTwo.<String>set(name + "-set").add("e");
      IMap<Object, Object> raw = member.hazelcastInstance().getMap(name);

      SharedDict<String, String> dict = stepOne.dict(name);
      assertThat(dict.put("k", "from step 1")).isEqualTo("from step 2");
      assertThat(raw.size()).isEqualTo(1);
      assertThat(stepTwo.<String, String>dict(name).get("k")).isEqualTo("from step 1");
      assertThat(stepOne.<String>set(name + "-set").add("e")).as("already there, under the newer key").isFalse();
      assertThat(stepOne.<String>set(name + "-set").remove("e")).isTrue();
      assertThat(stepTwo.<String>set(name + "-set").contains("e")).isFalse();
    }
  }

  @Test
  @DisplayName("a SharedProcess child inherits both keys of a rotation, at the same step")
  void childInheritsTheRotation() {
    try (HazelcastSharedObjects stepOne = stepOne(OLD, NEW); HazelcastSharedObjects stepTwo = client(NEW, OLD)) {
      for (HazelcastSharedObjects parent : List.of(stepOne, stepTwo)) {
        Map<String, String> child = ChildSettings.of(parent);
        Sealing inherited = SharedObjectsSpec.parse(child).applyTo(HazelcastSharedObjects.builder()).settings()
            .sealing();
        assertThat(inherited).isEqualTo(parent.settings().sealing());
      }
    }
  }

  @Test
  @DisplayName("the sweep is for step 2 only, and says so")
  void sweepOnlyAtStepTwo() {
    try (HazelcastSharedObjects stepOne = stepOne(OLD, NEW);
        HazelcastSharedObjects plain = client(NEW, null)) {
      assertThatThrownBy(stepOne::resealWithCurrentKey).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("step 2").hasMessageContaining("nextAuthKey");
      assertThatThrownBy(plain::resealWithCurrentKey).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("no previousAuthKey");
    }
  }

  @Test
  @DisplayName("a previous key without a current one fails at start, saying what to set; it is never shown")
  void previousNeedsCurrent() {
    assertThatThrownBy(() -> HazelcastSharedObjects.builder().clusterName(cluster).previousAuthKey(OLD)
        .client(member.address()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("authKey(...)");
    assertThatThrownBy(() -> HazelcastSharedObjects.builder().clusterName(cluster).authKey(NEW).previousAuthKey(OLD)
        .nextAuthKey(OLD).client(member.address()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("set one of them");
    assertThat(SharedObjectsSpec.parse(Map.of("auth-key", NEW, "previous-auth-key", OLD), key -> key).toString())
        .doesNotContain(OLD).doesNotContain(NEW);
    assertThat(SharedObjectsSpec.parse(Map.of("auth-key", NEW, "next-auth-key", OLD), key -> key).toString())
        .doesNotContain(OLD).doesNotContain(NEW);
  }

  /** One "process": writes in a loop through the SharedObjects it is given, until stopped. */
  private static final class Writer {
    final String id;
    final String run;
    final AtomicReference<SharedObjects> current = new AtomicReference<>();
    final AtomicReference<SharedObjects> inUse = new AtomicReference<>();
    final AtomicInteger written = new AtomicInteger();
    final List<String> failures = new CopyOnWriteArrayList<>();
    private volatile boolean stopped;
    private final Thread thread;

    Writer(String id, String run, SharedObjects first) {
      this.id = id;
      this.run = run;
      current.set(first);
      thread = new Thread(this::loop, "rotation-writer-" + id);
    }

    void start() {
      thread.start();
    }

    private void loop() {
      while (!stopped) {
        SharedObjects shared = current.get();
        int i = written.get();
        try {
          String item = id + "-" + i;
          SharedDict<String, Integer> dict = shared.dict("rotation-dict-" + run);
          dict.put(item, i);
          dict.put(id + "-last", i);
          shared.<String, Object>dict("rotation-dict-" + run).put("shared", item);
          shared.<String>set("rotation-set-" + run).add(item);
          shared.<String>list("rotation-list-" + run).add(item);
          shared.<String>queue("rotation-queue-" + run).offer(item);
          shared.<Integer>value("rotation-value-" + run + "-" + id).set(i);
          shared.counter("rotation-counter-" + run).incrementAndGet();
          // Reads of what it wrote before, whichever key sealed it.
          int earlier = i / 2;
          Integer read = dict.get(id + "-" + earlier);
          if (read == null || read != earlier) {
            failures.add("dict.get(" + id + "-" + earlier + ") was " + read);
          }
          if (!shared.<String>set("rotation-set-" + run).contains(id + "-" + earlier)) {
            failures.add("set.contains(" + id + "-" + earlier + ") was false");
          }
          if (!shared.<String>list("rotation-list-" + run).contains(id + "-" + earlier)) {
            failures.add("list.contains(" + id + "-" + earlier + ") was false");
          }
          written.incrementAndGet();
          inUse.set(shared);
        } catch (RuntimeException e) {
          failures.add(e.toString());
          return;
        }
      }
    }

    void awaitMore(int iterations) throws InterruptedException {
      int target = written.get() + iterations;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (written.get() < target && thread.isAlive()) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(id + " wrote " + written.get() + " of " + target + " in 60 s");
        }
        Thread.sleep(5);
      }
    }

    /** A rolling restart: the writer goes on with {@code next}, then the old SharedObjects is closed. */
    void restartWith(SharedObjects next) throws InterruptedException {
      SharedObjects previous = current.getAndSet(next);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (inUse.get() != next && thread.isAlive()) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(id + " did not go on with its restarted SharedObjects in 60 s");
        }
        Thread.sleep(5);
      }
      previous.close();
      awaitMore(10);
    }

    void stop() throws InterruptedException {
      stopped = true;
      thread.join(TimeUnit.SECONDS.toMillis(60));
      SharedObjects last = current.get();
      last.close();
    }
  }
}
