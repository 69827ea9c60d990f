package io.sharedobjects.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sharedobjects.SharedDict;
import io.sharedobjects.SharedList;
import io.sharedobjects.SharedObjects;
import io.sharedobjects.SharedQueue;
import io.sharedobjects.inmemory.InMemorySharedObjects;
import io.sharedobjects.testing.JavaProcess;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link SharedProcess}: real child JVMs, clients of a member in this JVM. */
@Timeout(120)
class SharedProcessTest {

  /** How long a child JVM gets to start, connect and run a short target. */
  private static final Duration CHILD = Duration.ofSeconds(60);

  private static HazelcastSharedObjects shared;

  @BeforeAll
  static void startMember() {
    shared = HazelcastSharedObjects.builder().clusterName("shared-process-" + UUID.randomUUID()).port(0).embedded();
  }

  @AfterAll
  static void stopMember() {
    if (shared != null) {
      shared.close();
    }
  }

  // --- targets: static methods, so the child JVM finds them by name --------------------------------------

  static void seed(SharedDict<Object, Object> d, SharedList<Integer> l) {
    d.put(1, "1");
    d.put("2", 2);
    d.put(0.25, null);
    l.reverse();
  }

  static void print(String out, String err) {
    System.out.println(out);
    System.err.println(err);
  }

  static void fail(String message) {
    throw new IllegalStateException(message);
  }

  static void sleep(Long millis) throws InterruptedException {
    Thread.sleep(millis);
  }

  static void sleepWithGrandchild(SharedList<Long> pids) throws Exception {
    Process grandchild = new ProcessBuilder("sleep", "120").start();
    pids.add(ProcessHandle.current().pid());
    pids.add(grandchild.pid());
    Thread.sleep(120_000);
  }

  static void useOwnSharedObjects(SharedObjects objects, String dictName, String value) {
    objects.<String, String>dict(dictName).put("from child", value);
  }

  /** Takes the dict the parent put in the queue and writes to it: Python's proxy passed through a queue. */
  static void writeToDictFromQueue(SharedQueue<SharedDict<String, String>> inbox) throws InterruptedException {
    SharedDict<String, String> d = inbox.poll(30, TimeUnit.SECONDS);
    d.put("written by", "child " + ProcessHandle.current().pid());
  }

  static void printProperty(String name) {
    System.out.println(name + "=" + System.getProperty(name));
  }

  // --- the tests -----------------------------------------------------------------------------------------

  @Test
  @DisplayName("the child gets the shared objects as live ones: its writes are seen here after it exits with 0")
  void sharedObjectsAsArguments() throws Exception {
    SharedDict<Object, Object> d = shared.dict();
    SharedList<Integer> l = shared.list();
    l.addAll(List.of(0, 1, 2, 3));
    try (SharedProcess p = SharedProcess.start(shared, SharedProcessTest::seed, d, l)) {
      p.awaitSuccess(CHILD);

      assertThat(p.exitCode()).isEqualTo(OptionalInt.of(SharedProcess.EXIT_OK));
      assertThat(d.snapshot()).containsEntry(1, "1").containsEntry("2", 2).containsEntry(0.25, null).hasSize(3);
      assertThat(l.snapshot()).containsExactly(3, 2, 1, 0);
    } finally {
      d.destroy();
      l.destroy();
    }
  }

  @Test
  @DisplayName("with an authKey, the child inherits the key through its stdin: its sealed writes are read here")
  void childInheritsTheAuthKey() throws Exception {
    try (HazelcastSharedObjects keyed = HazelcastSharedObjects.builder().clusterName("shared-process-key-" + UUID.randomUUID())
        .port(0).authKey("the parent's authKey").embedded()) {
      SharedDict<Object, Object> d = keyed.dict();
      SharedList<Integer> l = keyed.list();
      l.addAll(List.of(0, 1, 2, 3));
      try (SharedProcess p = SharedProcess.start(keyed, SharedProcessTest::seed, d, l)) {
        p.awaitSuccess(CHILD);
      }
      assertThat(d.snapshot()).containsEntry(1, "1").containsEntry("2", 2).containsEntry(0.25, null).hasSize(3);
      assertThat(l.snapshot()).containsExactly(3, 2, 1, 0);
      assertThat(keyed.hazelcastInstance().getMap(d.name()).values()).as("stored sealed")
          .allSatisfy(stored -> assertThat(Sealing.looksSealed(stored)).isTrue());
    }
  }

  @Test
  @DisplayName("a dict put in a queue is taken by the child as its live dict: the child's write is seen here, in the dict the parent put")
  void dictPassedThroughQueue() throws Exception {
    SharedDict<String, String> d = shared.dict();
    SharedQueue<SharedDict<String, String>> inbox = shared.queue();
    d.put("written by", "parent");
    inbox.put(d);
    try (SharedProcess p = SharedProcess.start(shared, SharedProcessTest::writeToDictFromQueue, inbox)) {
      p.awaitSuccess(CHILD);

      assertThat(d.get("written by")).isEqualTo("child " + p.pid());
      assertThat(inbox.isEmpty()).as("the child took the dict").isTrue();
    } finally {
      d.destroy();
      inbox.destroy();
    }
  }

  @Test
  @DisplayName("passing the SharedObjects itself gives the child its own, connected to the same cluster")
  void sharedObjectsItself() throws Exception {
    SharedDict<String, String> d = shared.dict();
    try (SharedProcess p = SharedProcess.start(shared, SharedProcessTest::useOwnSharedObjects, shared, d.name(), "v")) {
      p.awaitSuccess(CHILD);
      assertThat(d.get("from child")).isEqualTo("v");
    } finally {
      d.destroy();
    }
  }

  @Test
  @DisplayName("the child's stdout and stderr are kept apart and readable once it has exited")
  void output() throws Exception {
    try (SharedProcess p = SharedProcess.builder(shared).echo(false)
        .start(SharedProcessTest::print, "to stdout", "to stderr")) {
      assertThat(p.join(CHILD)).isTrue();

      assertThat(p.exitCode()).hasValue(0);
      assertThat(p.stdout()).contains("to stdout").doesNotContain("to stderr");
      assertThat(p.stderr()).contains("to stderr").doesNotContain("to stdout");
      assertThat(p.stdout()).as("Hazelcast's INFO logging is turned down in the child").doesNotContain("INFO");
    }
  }

  @Test
  @DisplayName("a target that throws: exit code 1, the stack trace on stderr, and awaitSuccess fails with it")
  void childThatThrows() throws Exception {
    try (SharedProcess p = SharedProcess.builder(shared).echo(false).start(SharedProcessTest::fail, "broken on purpose")) {
      assertThatThrownBy(() -> p.awaitSuccess(CHILD))
          .isInstanceOf(SharedProcessFailedException.class)
          .hasMessageContaining("exited with code 1 (the target threw")
          .hasMessageContaining("IllegalStateException: broken on purpose")
          .satisfies(e -> assertThat(((SharedProcessFailedException) e).exitCode()).isEqualTo(1));
      assertThat(p.exitCode()).hasValue(SharedProcess.EXIT_TARGET_FAILED);
      assertThat(p.stderr()).contains("broken on purpose").contains("SharedProcessTest.fail");
    }
  }

  @Test
  @DisplayName("join with a timeout returns false while the child runs; kill ends it at once with SIGKILL's code")
  void timeoutAndKill() throws Exception {
    try (SharedProcess p = SharedProcess.builder(shared).echo(false).start(SharedProcessTest::sleep, 120_000L)) {
      long start = System.nanoTime();
      assertThat(p.join(Duration.ofMillis(300))).isFalse();
      assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
      assertThat(p.isAlive()).isTrue();
      assertThat(p.exitCode()).isEmpty();
      assertThatThrownBy(() -> p.awaitSuccess(Duration.ofMillis(100)))
          .isInstanceOf(SharedProcessFailedException.class)
          .hasMessageContaining("still running")
          .satisfies(e -> assertThat(((SharedProcessFailedException) e).exitCode()).isEqualTo(-1));

      p.kill();

      assertThat(p.isAlive()).isFalse();
      assertThat(p.exitCode()).hasValue(128 + 9);
      assertThat(alive(p.pid())).isFalse();
    }
  }

  @Test
  @DisplayName("close kills a running child and the processes it started, checked by their pids")
  void closeLeavesNoProcess() throws Exception {
    SharedList<Long> pids = shared.list();
    SharedProcess p = SharedProcess.builder(shared).echo(false).start(SharedProcessTest::sleepWithGrandchild, pids);
    try {
      long deadline = System.nanoTime() + CHILD.toNanos();
      while (pids.size() < 2 && p.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(pids.snapshot()).as("the child's pid and its grandchild's; child stderr: %s", p.stderr()).hasSize(2);
      assertThat(pids.get(0)).isEqualTo(p.pid());
      assertThat(alive(pids.get(1))).isTrue();
    } finally {
      p.close();
    }
    assertThat(alive(pids.get(0))).as("the child").isFalse();
    waitUntilGone(pids.get(1));
    assertThat(alive(pids.get(1))).as("the grandchild").isFalse();
    p.close(); // idempotent
    pids.destroy();
  }

  @Test
  @DisplayName("a child whose parent is killed exits by itself and kills what it started (checked by pid)")
  void parentKilled() throws Exception {
    SharedList<Long> pids = shared.list();
    try (JavaProcess parent = JavaProcess.builder(ParentProgram.class)
        .args(shared.clusterName(), shared.address(), pids.name())
        .redirectErrorStream(true)
        .start()) {
      parent.awaitOutputLine("STARTED"::equals, CHILD);
      long deadline = System.nanoTime() + CHILD.toNanos();
      while (pids.size() < 2 && parent.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(pids.snapshot()).as("output of the parent: %s", parent.stdout()).hasSize(2);
      long child = pids.get(0);
      long grandchild = pids.get(1);
      assertThat(alive(child)).isTrue();
      assertThat(alive(grandchild)).isTrue();

      parent.kill();

      waitUntilGone(child);
      waitUntilGone(grandchild);
      assertThat(alive(child)).as("the child of a killed parent").isFalse();
      assertThat(alive(grandchild)).as("the process that child started").isFalse();
    } finally {
      pids.destroy();
    }
  }

  @Test
  @DisplayName("a child that cannot reach the cluster exits with code 2 and says why")
  void childCannotConnect() throws Exception {
    HazelcastSharedObjects gone = HazelcastSharedObjects.builder().clusterName("shared-process-gone-" + UUID.randomUUID())
        .port(0).connectTimeout(Duration.ofSeconds(2)).embedded();
    SharedProcess p;
    try {
      p = SharedProcess.builder(gone).echo(false).start(SharedProcessTest::sleep, 1L);
    } finally {
      gone.close();
    }
    try (p) {
      assertThat(p.join(CHILD)).isTrue();
      assertThat(p.exitCode()).hasValue(SharedProcess.EXIT_START_FAILED);
      assertThat(p.stderr()).contains("could not start its target").contains("ClusterUnavailableException");
    }
  }

  @Test
  @DisplayName("JVM options from the builder and from the system property reach the child")
  void jvmOptions() throws Exception {
    System.setProperty(SharedProcess.JVM_OPTIONS_PROPERTY, "-Dfrom.property=yes  -Xmx200m");
    try (SharedProcess fromProperty = SharedProcess.builder(shared).echo(false).jvmOptions("-Dfrom.builder=also")
        .start(SharedProcessTest::printProperty, "from.property");
        SharedProcess fromBuilder = SharedProcess.builder(shared).echo(false).jvmOptions("-Dfrom.builder=also")
            .start(SharedProcessTest::printProperty, "from.builder")) {
      fromProperty.awaitSuccess(CHILD);
      fromBuilder.awaitSuccess(CHILD);
      assertThat(fromProperty.stdout()).contains("from.property=yes");
      assertThat(fromBuilder.stdout()).contains("from.builder=also");
    } finally {
      System.clearProperty(SharedProcess.JVM_OPTIONS_PROPERTY);
    }
  }

  @Test
  @DisplayName("what cannot be sent fails at start with IllegalArgumentException, and no JVM is started")
  void unsendableTargetOrArgument() {
    Object notSerializable = new Object();
    List<Object> holder = new ArrayList<>(List.of(notSerializable));
    SharedProcess.Target1<String> capturing = s -> System.out.println(s + notSerializable);

    assertThatThrownBy(() -> SharedProcess.start(shared, capturing, "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("The target")
        .hasMessageContaining("java.lang.Object, which is not java.io.Serializable")
        .hasMessageContaining("method reference to a static method");
    assertThatThrownBy(() -> SharedProcess.start(shared, SharedProcessTest::printList, holder))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Argument 1 (java.util.ArrayList)")
        .hasMessageContaining("java.lang.Object, which is not java.io.Serializable");
    try (HazelcastSharedObjects other = HazelcastSharedObjects.wrap(shared.hazelcastInstance())) {
      assertThatThrownBy(() -> SharedProcess.start(shared, SharedProcessTest::printShared, other))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("another SharedObjects");
    }
  }

  static void printList(List<Object> list) {
    System.out.println(list);
  }

  static void printShared(SharedObjects objects) {
    System.out.println(objects);
  }

  @Test
  @DisplayName("an in-memory SharedObjects cannot start a process, and says what to do instead")
  void inMemoryRefused() {
    try (InMemorySharedObjects inMemory = new InMemorySharedObjects()) {
      assertThatThrownBy(() -> SharedProcess.start(inMemory, SharedProcessTest::printShared, inMemory))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("needs a HazelcastSharedObjects")
          .hasMessageContaining("peer()");
    }
  }

  @Test
  @DisplayName("the child's class path includes the jars of a class loader that is not on java.class.path")
  void classpathFromClassLoader(@TempDir Path extra) throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      urls.add(Path.of(entry).toUri().toURL());
    }
    urls.add(extra.toUri().toURL());
    try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      assertThat(ChildCommand.classpath(loader).split(File.pathSeparator)).contains(extra.toString());
    }
    assertThat(ChildCommand.classpath(getClass().getClassLoader()).split(File.pathSeparator))
        .doesNotContain(extra.toString());
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  private static void waitUntilGone(long pid) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (alive(pid) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  /** A parent in a JVM of its own: starts a child that sleeps, says so, and waits to be killed. */
  public static final class ParentProgram {
    public static void main(String[] args) throws Exception {
      try (HazelcastSharedObjects client = HazelcastSharedObjects.builder().clusterName(args[0]).client(args[1])) {
        SharedList<Long> pids = client.list(args[2]);
        SharedProcess child = SharedProcess.builder(client).echo(false).start(SharedProcessTest::sleepWithGrandchild, pids);
        System.out.println("STARTED");
        child.join(Duration.ofMinutes(5));
      }
    }
  }
}
