package io.sharedobjects.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.sharedobjects.AuthKeyMismatchException;
import io.sharedobjects.SharedBarrier;
import io.sharedobjects.SharedCondition;
import io.sharedobjects.SharedCounter;
import io.sharedobjects.SharedLatch;
import io.sharedobjects.SharedLock;
import io.sharedobjects.SharedQueue;
import io.sharedobjects.SharedSemaphore;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The library's own state in its internal maps ({@link SealedState}) with an authKey: sealed, bound to its
 * entry, and refused when forged; without a key, stored as before. One member with the key, and a plain
 * client of it (no key) that reads and writes the internal maps raw, as anyone who reaches the port could.
 */
class SealedStateTest {

  private static final String KEY = "a passphrase for the tests of the sealed state";

  private static final List<String> INTERNAL_MAPS = SealedState.MAPS;

  private static HazelcastSharedObjects keyed;
  private static HazelcastSharedObjects plain;
  private static HazelcastInstance raw;

  @BeforeAll
  static void start() {
    String cluster = "sealed-state-" + UUID.randomUUID();
    keyed = HazelcastSharedObjects.builder().clusterName(cluster).port(0).authKey(KEY).embedded();
    plain = HazelcastSharedObjects.builder().clusterName(cluster).client(keyed.address());
    raw = plain.hazelcastInstance();
  }

  @AfterAll
  static void stop() {
    for (HazelcastSharedObjects shared : new HazelcastSharedObjects[] {plain, keyed}) {
      if (shared != null) {
        shared.close();
      }
    }
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }

  @Test
  @DisplayName("every internal map holds only sealed bytes, none containing the plaintext state")
  void internalMapsHoldOnlySealedBytes() throws Exception {
    // Every name of this test carries this run's id, so only its own entries are looked at (the forging
    // tests leave theirs unsealed on purpose).
    String run = UUID.randomUUID().toString();
    java.util.function.Function<String, String> name = prefix -> prefix + "-" + run;
    SharedCounter counter = keyed.counter(name.apply("counter"));
    assertThat(counter.addAndGet(123_456_789L)).isEqualTo(123_456_789L);
    SharedLock lock = keyed.lock(name.apply("lock"));
    lock.lock();
    long fence;
    try {
      fence = lock.fence();
      SharedCondition condition = lock.condition("ready");
      assertThat(condition.await(20, TimeUnit.MILLISECONDS)).isFalse();
    } finally {
      lock.unlock();
    }
    assertThat(fence).isPositive();
    String semaphoreName = name.apply("semaphore");
    SharedSemaphore semaphore = keyed.semaphore(semaphoreName, 3);
    semaphore.acquire();
    semaphore.release();
    SharedLatch latch = keyed.latch(name.apply("latch"), 5);
    latch.countDown();
    assertThat(latch.count()).isEqualTo(4);
    keyed.event(name.apply("event")).set();
    SharedBarrier barrier = keyed.barrier(name.apply("barrier"), 1);
    assertThat(barrier.await()).isZero();
    SharedQueue<String> joinable = keyed.queue(name.apply("joinable"));
    joinable.offer("first");
    joinable.offer("second");
    assertThat(joinable.poll()).isEqualTo("first");
    joinable.taskDone();
    SharedQueue<String> bounded = keyed.queue(name.apply("bounded"), 10);
    assertThat(bounded.offer("item")).isTrue();

    // The semaphore's release hint is written without waiting for it.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!raw.getMap(MapSharedSemaphore.SEMAPHORES_MAP).containsKey(semaphoreName)
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }

    Sealing sealing = Sealing.ofPassphrase(KEY);
    List<String> problems = new ArrayList<>();
    for (String mapName : INTERNAL_MAPS) {
      IMap<String, Object> map = raw.getMap(mapName);
      SealedState form = SealedState.of(sealing, mapName);
      int entries = 0;
      for (Map.Entry<String, Object> entry : map.entrySet()) {
        if (!entry.getKey().contains(run)) {
          continue;
        }
        entries++;
        Object value = entry.getValue();
        if (!(value instanceof byte[] bytes) || !Sealing.looksSealed(bytes)) {
          problems.add(mapName + "/" + entry.getKey() + " is not sealed: " + value);
          continue;
        }
        Object plaintext = opened(form, entry.getKey(), bytes);
        for (byte[] shown : plaintextForms(plaintext)) {
          if (contains(bytes, shown)) {
            problems.add(mapName + "/" + entry.getKey() + " shows " + plaintext);
          }
        }
      }
      assertThat(entries).as("entries of this test in %s", mapName).isPositive();
    }
    assertThat(problems).isEmpty();
    // The values this process wrote are there, sealed, and read back.
    SealedState counters = SealedState.of(sealing, MapSharedCounter.COUNTERS_MAP);
    assertThat(counters.readLong(counter.name(), raw.getMap(MapSharedCounter.COUNTERS_MAP).get(counter.name()),
        "counter")).isEqualTo(123_456_789L);
    assertThat(counter.get()).isEqualTo(123_456_789L);
    assertThat(lock.tryLock()).isTrue();
    try {
      assertThat(lock.fence()).isGreaterThan(fence);
    } finally {
      lock.unlock();
    }
  }

  @Test
  @DisplayName("a forged counter (a plain Long, or sealed bytes of another entry) is refused and left as it is")
  void forgedCounter() {
    String name = unique("counter");
    SharedCounter counter = keyed.counter(name);
    counter.set(41);
    IMap<String, Object> counters = raw.getMap(MapSharedCounter.COUNTERS_MAP);

    counters.set(name, 1_000_000L);
    refused(counter::get, "counter '" + name + "'");
    refused(() -> counter.addAndGet(1), "counter '" + name + "'");
    refused(() -> counter.compareAndSet(1_000_000L, 5), "counter '" + name + "'");
    assertThat(counters.get(name)).isEqualTo(1_000_000L);

    SharedCounter other = keyed.counter(unique("other"));
    other.set(1_000_000L);
    byte[] copied = (byte[]) counters.get(other.name());
    counters.set(name, copied);
    refused(counter::get, "counter '" + name + "'");
    refused(() -> counter.incrementAndGet(), "counter '" + name + "'");
    assertThat((byte[]) counters.get(name)).isEqualTo(copied);
    assertThat(other.get()).isEqualTo(1_000_000L);

    // Put back as it was sealed, the counter works again: a replay of its own earlier value is not detected.
    counter.destroy();
    counter.set(41);
    byte[] sealed41 = (byte[]) counters.get(name);
    counter.addAndGet(1);
    counters.set(name, sealed41);
    assertThat(counter.get()).isEqualTo(41);
  }

  @Test
  @DisplayName("a forged lock fence (a plain Long, or a sealed counter value) is refused, the lock left free")
  void forgedLockFence() {
    String name = unique("lock");
    SharedLock lock = keyed.lock(name);
    lock.lock();
    lock.unlock();
    IMap<String, Object> locks = raw.getMap(MapSharedLock.LOCKS_MAP);

    locks.set(name, 999L);
    refused(lock::lock, "lock '" + name + "'");
    assertThat(lock.isLocked()).isFalse();
    assertThat(lock.isHeldByCurrentThread()).isFalse();
    assertThat(locks.get(name)).isEqualTo(999L);

    // Bytes sealed for a counter of the same name, moved to the lock's entry: bound to another map.
    SharedCounter counter = keyed.counter(name);
    counter.set(999);
    byte[] moved = (byte[]) raw.getMap(MapSharedCounter.COUNTERS_MAP).get(name);
    locks.set(name, moved);
    refused(lock::tryLock, "lock '" + name + "'");
    assertThat(lock.isLocked()).isFalse();
    assertThat((byte[]) locks.get(name)).isEqualTo(moved);
  }

  @Test
  @DisplayName("a forged latch count (a plain Long, or another latch's sealed count) is refused and left as it is")
  void forgedLatch() {
    String name = unique("latch");
    SharedLatch latch = keyed.latch(name, 3);
    latch.countDown();
    IMap<String, Object> latches = raw.getMap(MapSharedLatch.LATCHES_MAP);

    latches.set(name, 0L);
    refused(latch::count, "latch '" + name + "'");
    refused(latch::countDown, "latch '" + name + "'");
    refused(() -> latch.await(100, TimeUnit.MILLISECONDS), "latch '" + name + "'");
    assertThat(latches.get(name)).isEqualTo(0L);

    SharedLatch other = keyed.latch(unique("other"), 1);
    other.countDown();
    byte[] copied = (byte[]) latches.get(other.name());
    latches.set(name, copied);
    refused(latch::count, "latch '" + name + "'");
    assertThat((byte[]) latches.get(name)).isEqualTo(copied);
  }

  @Test
  @DisplayName("without a key, the internal maps hold the plain Long, Integer and String values as before")
  void withoutKeyUnchanged() {
    String cluster = "unsealed-state-" + UUID.randomUUID();
    try (HazelcastSharedObjects unkeyed = HazelcastSharedObjects.builder().clusterName(cluster).port(0).embedded()) {
      HazelcastInstance instance = unkeyed.hazelcastInstance();
      unkeyed.counter("hits").addAndGet(7);
      unkeyed.latch("gate", 3).countDown();
      unkeyed.queue("jobs", 4);
      unkeyed.barrier("meet", 1);
      assertThat(instance.getMap(MapSharedCounter.COUNTERS_MAP).get("hits")).isEqualTo(7L);
      assertThat(instance.getMap(MapSharedLatch.LATCHES_MAP).get("gate")).isEqualTo(2L);
      assertThat(instance.getMap(HazelcastQueues.CAPACITIES_MAP).get("jobs")).isEqualTo(4);
      assertThat(instance.getMap(SynchronizerParameters.PARAMETERS_MAP).get("barrier:meet")).isEqualTo(1);
    }
  }

  private static void refused(ThrowingCallable call, String object) {
    assertThatThrownBy(call).isInstanceOf(AuthKeyMismatchException.class)
        .satisfies(e -> assertThat(((AuthKeyMismatchException) e).object()).isEqualTo(object));
  }

  /** The value sealed in {@code bytes} for entry {@code key}, whichever of the three types it is. */
  private static Object opened(SealedState form, String key, byte[] bytes) {
    try {
      return form.readLong(key, bytes, "test");
    } catch (AuthKeyMismatchException notLong) {
      try {
        return form.readInt(key, bytes, "test");
      } catch (AuthKeyMismatchException notInt) {
        return form.readString(key, bytes, "test");
      }
    }
  }

  /** How a plaintext could show in stored bytes: its binary form, and its text if long enough not to occur by chance. */
  private static List<byte[]> plaintextForms(Object plaintext) {
    List<byte[]> forms = new ArrayList<>();
    if (plaintext instanceof Long number) {
      forms.add(ByteBuffer.allocate(8).putLong(number).array());
    } else if (plaintext instanceof Integer number) {
      forms.add(ByteBuffer.allocate(4).putInt(number).array());
    }
    String text = String.valueOf(plaintext);
    if (text.length() >= 4) {
      forms.add(text.getBytes(StandardCharsets.UTF_8));
    }
    return forms;
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
