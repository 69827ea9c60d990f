package io.sharedobjects.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sharedobjects.ClusterUnavailableException;
import io.sharedobjects.InvalidNameException;
import io.sharedobjects.NotStorableException;
import io.sharedobjects.SharedDict;
import io.sharedobjects.SharedList;
import io.sharedobjects.SharedLock;
import io.sharedobjects.SharedObjects;
import io.sharedobjects.SharedObjectsClosedException;
import io.sharedobjects.SharedQueue;
import io.sharedobjects.ValueTooLargeException;
import io.sharedobjects.WrongTypeException;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import io.sharedobjects.testing.JavaProcess;
import io.sharedobjects.testing.StockHazelcastMember;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One test per row of the bad-input table in {@code docs/reliability.md}: each mistake gives a clear,
 * typed error and leaves the stored data as it was. Run in client mode (values are serialized in the
 * client) against an embedded member in this JVM; the compatibility kit checks the same rules on every
 * backend.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BadInputTest {

  private static final String CLUSTER = "bad-input-" + UUID.randomUUID();
  private static HazelcastSharedObjects member;

  private HazelcastSharedObjects client;
  private SharedDict<Object, Object> dict;

  /** Serializable, but only the test classes have it: a reader without them cannot read it back. */
  record OnlyInTests(String text) implements Serializable {}

  /** Neither Serializable nor plain data: a Thread cannot be stored. */
  static final class HoldsThread {
    final Thread thread = Thread.currentThread();
  }

  @BeforeAll
  static void startMember() {
    member = HazelcastSharedObjects.builder().clusterName(CLUSTER).port(0).embedded();
  }

  @AfterAll
  static void stopMember() {
    member.close();
  }

  @BeforeEach
  void connect() {
    client = HazelcastSharedObjects.builder().clusterName(CLUSTER).client(member.address());
    dict = client.dict("bad-input-" + UUID.randomUUID());
    dict.put("k", "before");
  }

  @AfterEach
  void disconnect() {
    client.close();
  }

  @Test
  @DisplayName("a value that cannot be serialized: NotStorableException naming its class and the fix; the entry keeps its value")
  void unserializableValue() {
    for (Object bad : List.of(new Object(), new HoldsThread())) {
      assertThatThrownBy(() -> dict.put("k", bad))
          .isInstanceOf(NotStorableException.class)
          .hasMessageContaining(bad.getClass().getName())
          .hasMessageContaining("Serializable")
          .satisfies(e -> assertThat(((NotStorableException) e).className()).isEqualTo(bad.getClass().getName()));
    }
    assertUnchanged();
  }

  @Test
  @DisplayName("a key that cannot be serialized: NotStorableException naming its class, for writes and lookups alike; nothing changes")
  void unserializableKey() {
    Object bad = new HoldsThread();
    assertThatThrownBy(() -> dict.put(bad, "v")).isInstanceOf(NotStorableException.class)
        .hasMessageContaining(HoldsThread.class.getName());
    assertThatThrownBy(() -> dict.get(bad)).isInstanceOf(NotStorableException.class);
    assertThatThrownBy(() -> dict.containsKey(bad)).isInstanceOf(NotStorableException.class);
    assertUnchanged();
  }

  @Test
  @DisplayName("an invalid or empty name: InvalidNameException saying what a valid name is; nothing is created")
  void invalidNames() {
    int objectsBefore = member.hazelcastInstance().getDistributedObjects().size();
    List<String> bad = Arrays.asList(null, "", " ", "_reserved", "has space", "ünïcode", "x".repeat(201), "-leading");
    for (String name : bad) {
      for (ThrowingCallable call : List.<ThrowingCallable>of(
          () -> client.dict(name), () -> client.list(name), () -> client.lock(name))) {
        assertThatThrownBy(call).as("name %s", name)
            .isInstanceOf(InvalidNameException.class)
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("name");
      }
    }
    assertThat(member.hazelcastInstance().getDistributedObjects()).hasSize(objectsBefore);
  }

  @Test
  @DisplayName("a value read as the wrong type: get(key, type) throws WrongTypeException naming both classes; plain get fails at the caller's assignment with ClassCastException")
  void wrongType() {
    SharedDict<String, Integer> counts = client.dict(dict.name());
    assertThatThrownBy(() -> counts.get("k", Integer.class))
        .isInstanceOf(WrongTypeException.class)
        .hasMessageContaining("java.lang.String")
        .hasMessageContaining("java.lang.Integer")
        .hasMessageContaining(dict.name());
    assertThatThrownBy(() -> {
          int count = counts.get("k"); // what a user without the typed read sees
          assertThat(count).isNotNegative();
        })
        .isInstanceOf(ClassCastException.class)
        .hasMessageContaining("java.lang.String");
    SharedList<Object> list = client.list("bad-input-list-" + UUID.randomUUID());
    list.add("text");
    assertThatThrownBy(() -> list.get(0, Integer.class)).isInstanceOf(WrongTypeException.class);
    assertUnchanged();
  }

  @Test
  @DisplayName("a value whose class the reading process lacks: UnreadableValueException naming the class, in that process; the value stays and the rest of the dict reads")
  void unreadableValue(@TempDir Path readerClasses) throws IOException, URISyntaxException {
    dict.put("secret", new OnlyInTests("for the test JVM only"));
    Path testClasses = Path.of(BadInputTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path readerClass = Path.of(ReadWithoutClass.class.getName().replace('.', File.separatorChar) + ".class");
    Files.createDirectories(readerClasses.resolve(readerClass).getParent());
    Files.copy(testClasses.resolve(readerClass), readerClasses.resolve(readerClass));
    List<Path> classpath = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!Path.of(entry).toAbsolutePath().equals(testClasses.toAbsolutePath())) {
        classpath.add(Path.of(entry));
      }
    }
    classpath.add(readerClasses);

    try (JavaProcess reader = Children.jvm(ReadWithoutClass.class, "reader without the test classes")
        .classpath(classpath)
        .args(CLUSTER, member.address(), dict.name(), "secret", "k")
        .start()) {
      String seen = Children.await(reader, "UNREADABLE", Duration.ofSeconds(60));
      assertThat(seen).contains(OnlyInTests.class.getName()).contains("classpath");
      assertThat(Children.await(reader, "OTHER", Duration.ofSeconds(30))).isEqualTo("before 2");
      assertThat(reader.awaitExit(Duration.ofSeconds(30))).isZero();
    }
    assertThat(dict.get("secret")).isEqualTo(new OnlyInTests("for the test JVM only"));
  }

  @Test
  @DisplayName("unlock by a thread that does not hold the lock, in this process or while another process holds it: IllegalMonitorStateException; the lock stays held")
  void unlockByNonOwner() throws Exception {
    SharedLock lock = client.lock("bad-input-lock-" + UUID.randomUUID());
    assertThatThrownBy(lock::unlock).as("unlock of a free lock").isInstanceOf(IllegalMonitorStateException.class);

    lock.lock();
    try {
      CompletableFuture<Throwable> otherThread = CompletableFuture.supplyAsync(() -> {
        try {
          lock.unlock();
          return null;
        } catch (Throwable e) {
          return e;
        }
      });
      assertThat(otherThread.get(30, TimeUnit.SECONDS)).isInstanceOf(IllegalMonitorStateException.class);
      assertThat(lock.isHeldByCurrentThread()).isTrue();
    } finally {
      lock.unlock();
    }

    // Held by another process: this one cannot release it either.
    String name = "bad-input-held-" + UUID.randomUUID();
    try (JavaProcess holder = Children.jvm(LockHolder.class, "lock holder").args("client", CLUSTER, member.address(), name).start()) {
      Children.await(holder, "LOCKED", Duration.ofSeconds(60));
      SharedLock held = client.lock(name);
      assertThatThrownBy(held::unlock).isInstanceOf(IllegalMonitorStateException.class)
          .hasMessageContaining("does not hold");
      assertThat(held.isLocked()).as("still held by the other process").isTrue();
      assertThat(held.tryLock()).isFalse();
    }
  }

  @Test
  @DisplayName("any call after close(): SharedObjectsClosedException, from the instance and from objects obtained before; the data stays for others")
  void callsAfterClose() {
    SharedList<Object> list = client.list("bad-input-list-" + UUID.randomUUID());
    SharedLock lock = client.lock("bad-input-lock-" + UUID.randomUUID());
    SharedQueue<Object> queue = client.queue("bad-input-queue-" + UUID.randomUUID());
    client.close();

    Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
    calls.put("dict(name)", () -> client.dict("x"));
    calls.put("list()", client::list);
    calls.put("lock(name)", () -> client.lock("x"));
    calls.put("hazelcastInstance()", client::hazelcastInstance);
    calls.put("dict.get", () -> dict.get("k"));
    calls.put("dict.put", () -> dict.put("k", "after"));
    calls.put("list.add", () -> list.add("x"));
    calls.put("lock.lock", lock::lock);
    calls.put("queue(name)", () -> client.queue("x"));
    calls.put("queue.offer", () -> queue.offer("x"));
    calls.put("queue.take", queue::take);
    calls.forEach((name, call) -> assertThatThrownBy(call).as(name)
        .isInstanceOf(SharedObjectsClosedException.class)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed"));
    client.close(); // twice is harmless
    assertThat(member.<Object, Object>dict(dict.name())).containsEntry("k", "before");
  }

  @Test
  @DisplayName("null into a queue, by any adding method: NullPointerException naming the queue and saying what to store instead; nothing is added or counted")
  void nullIntoQueue() {
    SharedQueue<String> queue = client.queue("bad-input-queue-" + UUID.randomUUID());
    queue.offer("before");
    Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
    calls.put("offer", () -> queue.offer(null));
    calls.put("add", () -> queue.add(null));
    calls.put("put", () -> queue.put(null));
    calls.put("offer(timed)", () -> queue.offer(null, 1, TimeUnit.SECONDS));
    calls.put("addAll", () -> queue.addAll(Arrays.asList("fine", null)));
    calls.forEach((name, call) -> assertThatThrownBy(call).as(name)
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining(queue.name())
        .hasMessageContaining("marker"));
    assertThat(member.<String>queue(queue.name()).snapshot()).containsExactly("before");
    assertThat(queue.unfinishedTasks()).isEqualTo(1);
  }

  @Test
  @DisplayName("a queue capacity of 0 or less: IllegalArgumentException naming the queue and saying what to pass; nothing is created")
  void nonPositiveCapacity() {
    String name = "bad-input-queue-" + UUID.randomUUID();
    for (int capacity : new int[] {0, -1, Integer.MIN_VALUE}) {
      assertThatThrownBy(() -> client.queue(name, capacity)).as("capacity %d", capacity)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(name)
          .hasMessageContaining("must be positive, was " + capacity)
          .hasMessageContaining("queue(name)");
    }
    assertThat(member.hazelcastInstance().getMap("__shared-objects.queues").containsKey(name))
        .as("a capacity recorded").isFalse();
    assertThat(client.queue(name, 7).capacity()).isEqualTo(7);
  }

  @Test
  @DisplayName("another capacity for an existing queue, in this process or another, or one for a queue created unbounded: IllegalArgumentException naming both; the queue keeps its capacity and elements")
  void differentCapacity() {
    SharedQueue<String> bounded = client.queue("bad-input-queue-" + UUID.randomUUID(), 2);
    bounded.offer("before");
    SharedQueue<String> unbounded = client.queue("bad-input-queue-" + UUID.randomUUID());
    assertThatThrownBy(() -> client.queue(bounded.name(), 3)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(bounded.name()).hasMessageContaining("with capacity 2").hasMessageContaining("with capacity 3");
    assertThatThrownBy(() -> member.queue(bounded.name(), 100)).as("another process")
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("with capacity 100");
    assertThatThrownBy(() -> member.queue(unbounded.name(), 10)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("created unbounded").hasMessageContaining("with capacity 10");
    SharedQueue<String> asCreated = member.queue(bounded.name());
    assertThat(asCreated.capacity()).isEqualTo(2);
    assertThat(asCreated.snapshot()).containsExactly("before");
  }

  @Test
  @DisplayName("taskDone() more times than elements were added (Python's ValueError): IllegalStateException naming the queue; the count stays zero")
  void tooManyTaskDone() {
    SharedQueue<String> queue = client.queue("bad-input-queue-" + UUID.randomUUID());
    queue.offer("job");
    queue.poll();
    queue.taskDone();
    assertThatThrownBy(queue::taskDone).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(queue.name()).hasMessageContaining("taskDone()");
    assertThat(queue.unfinishedTasks()).isZero();
  }

  @Test
  @DisplayName("a client pointed at a wrong address, or at the right address with a wrong cluster name: ClusterUnavailableException within the connect timeout, saying what to check")
  void wrongAddressOrClusterName() {
    Duration timeout = Duration.ofSeconds(2);
    String nowhere = "127.0.0.1:" + StockHazelcastMember.freePort();
    Map<String, ThrowingCallable> attempts = new LinkedHashMap<>();
    attempts.put("wrong address", () -> HazelcastSharedObjects.builder()
        .clusterName(CLUSTER).connectTimeout(timeout).client(nowhere));
    attempts.put("wrong cluster name", () -> HazelcastSharedObjects.builder()
        .clusterName("not-" + CLUSTER).connectTimeout(timeout).client(member.address()));
    attempts.forEach((what, attempt) -> {
      long start = System.nanoTime();
      assertThatThrownBy(attempt).as(what)
          .isInstanceOf(ClusterUnavailableException.class)
          .hasMessageContaining("within " + timeout.toMillis() + " ms")
          .hasMessageContaining("cluster name");
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      Measurements.record("client with a " + what + " (connect timeout 2000 ms) failed after", took);
      assertThat(took).as(what).isLessThan(timeout.plusSeconds(5));
    });
  }

  @Test
  @DisplayName("a 100 MB value: ValueTooLargeException before anything is sent, saying the size, the 16 MiB default limit and how to raise it; a raised limit lets it through")
  void hugeValue() {
    byte[] hundredMegabytes = new byte[100 * 1024 * 1024];
    long start = System.nanoTime();
    assertThatThrownBy(() -> dict.put("k", hundredMegabytes))
        .isInstanceOf(ValueTooLargeException.class)
        .isInstanceOf(NotStorableException.class)
        .hasMessageContaining("104857612 bytes") // the array and Hazelcast's 12-byte header
        .hasMessageContaining(Long.toString(SharedObjects.DEFAULT_MAX_VALUE_SIZE))
        .hasMessageContaining("maxValueSize");
    Measurements.record("100 MB value refused (default limit) after", Duration.ofNanos(System.nanoTime() - start));
    assertThatThrownBy(() -> client.list("bad-input-list-" + UUID.randomUUID()).add(hundredMegabytes))
        .isInstanceOf(ValueTooLargeException.class);
    assertUnchanged();

    try (HazelcastSharedObjects small = HazelcastSharedObjects.builder().clusterName(CLUSTER)
            .maxValueSize(1024 * 1024).client(member.address());
        HazelcastSharedObjects large = HazelcastSharedObjects.builder().clusterName(CLUSTER)
            .maxValueSize(128L * 1024 * 1024).client(member.address())) {
      SharedDict<Object, Object> throughSmall = small.dict(dict.name());
      assertThatThrownBy(() -> throughSmall.put("k", new byte[1024 * 1024]))
          .isInstanceOf(ValueTooLargeException.class)
          .satisfies(e -> assertThat(((ValueTooLargeException) e).limit()).isEqualTo(1024 * 1024));
      throughSmall.put("small", new byte[1000 * 1024]);

      start = System.nanoTime();
      large.dict(dict.name()).put("huge", hundredMegabytes);
      Measurements.record("100 MB value stored with maxValueSize 128 MiB (client to embedded member) in",
          Duration.ofNanos(System.nanoTime() - start));
      large.dict(dict.name()).remove("huge");
    }
    assertThat(dict.get("k")).isEqualTo("before");
  }

  @Test
  @DisplayName("invalid builder settings (port, timeouts, size limit, cluster name, a bind address this machine lacks): IllegalArgumentException before anything starts")
  void invalidSettings() {
    Map<String, ThrowingCallable> settings = new LinkedHashMap<>();
    settings.put("port 70000", () -> HazelcastSharedObjects.builder().port(70_000));
    settings.put("connect timeout 0", () -> HazelcastSharedObjects.builder().connectTimeout(Duration.ZERO));
    settings.put("maxValueSize 0", () -> HazelcastSharedObjects.builder().maxValueSize(0));
    settings.put("blank cluster name", () -> HazelcastSharedObjects.builder().clusterName(" "));
    settings.put("client without addresses", () -> HazelcastSharedObjects.builder().client());
    settings.put("bind address not on this machine",
        () -> HazelcastSharedObjects.builder().clusterName(CLUSTER).unauthenticated().bindAddress("192.0.2.1").port(0)
            .embedded());
    settings.forEach((what, call) -> assertThatThrownBy(call).as(what).isInstanceOf(IllegalArgumentException.class));
  }

  private void assertUnchanged() {
    assertThat(member.<Object, Object>dict(dict.name()).snapshot()).isEqualTo(Map.of("k", "before"));
  }
}
