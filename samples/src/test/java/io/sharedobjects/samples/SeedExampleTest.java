package io.sharedobjects.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sharedobjects.SharedDict;
import io.sharedobjects.SharedList;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import io.sharedobjects.hazelcast.SharedProcess;
import io.sharedobjects.hazelcast.SharedProcessFailedException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(180)
class SeedExampleTest {

  private static HazelcastSharedObjects shared;

  @BeforeAll
  static void startMember() {
    // Port 0 and a cluster name of its own: this member joins no other member on the machine.
    shared = HazelcastSharedObjects.builder()
        .clusterName("seed-example-test-" + ProcessHandle.current().pid())
        .port(0)
        .embedded();
  }

  @AfterAll
  static void stopMember() {
    if (shared != null) {
      shared.close();
    }
  }

  @Test
  @DisplayName("across two JVMs, the parent sees the child's writes and prints what Python prints")
  void seedAcrossTwoJvms() throws InterruptedException {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    SharedDict<Object, Object> d = shared.dict();
    SharedList<Integer> l = shared.list();
    l.addAll(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
    try {
      long start = System.nanoTime();
      SeedExample.run(shared, d, l, new PrintStream(printed, true, StandardCharsets.UTF_8));
      System.out.printf("Seed run (child JVM start, connect, writes, exit; parent reads) took %d ms%n",
          (System.nanoTime() - start) / 1_000_000);

      Map<Object, Object> dict = d.snapshot();
      assertThat(dict).hasSize(3).containsEntry(1, "1").containsEntry("2", 2).containsEntry(0.25, null);
      // Key types survive the trip through another JVM and Hazelcast: 1 stays an Integer, 0.25 a Double.
      assertThat(dict.keySet()).extracting(Object::getClass)
          .containsExactlyInAnyOrder(Integer.class, String.class, Double.class);
      assertThat(dict.get("2")).isInstanceOf(Integer.class);
      assertThat(l.snapshot()).containsExactly(9, 8, 7, 6, 5, 4, 3, 2, 1, 0);

      assertThat(printed.toString(StandardCharsets.UTF_8).lines()).containsExactly(
          "{1: '1', '2': 2, 0.25: None}",
          "[9, 8, 7, 6, 5, 4, 3, 2, 1, 0]");
    } finally {
      d.destroy();
      l.destroy();
    }
  }

  @Test
  @DisplayName("a child that fails makes the parent fail with the child's output, and prints nothing")
  void childFailure() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    SharedDict<Object, Object> d = shared.dict();
    SharedList<Integer> l = shared.list();
    // The child JVM cannot start with an option it does not know: it fails, and says so on its stderr.
    System.setProperty(SharedProcess.JVM_OPTIONS_PROPERTY, "-XX:+NoSuchOptionForTheSeedExample");
    try {
      assertThatThrownBy(() -> SeedExample.run(shared, d, l, new PrintStream(printed, true, StandardCharsets.UTF_8)))
          .isInstanceOf(SharedProcessFailedException.class)
          .hasMessageContaining("exited with code 1")
          .hasMessageContaining("NoSuchOptionForTheSeedExample");
      assertThat(printed.size()).isZero();
    } finally {
      System.clearProperty(SharedProcess.JVM_OPTIONS_PROPERTY);
      d.destroy();
      l.destroy();
    }
  }

  @Test
  @DisplayName("values print as Python's repr: quoted strings, None, True, nested lists and dicts")
  void pythonRepr() {
    assertThat(PythonRepr.repr("it's")).isEqualTo("'it\\'s'");
    assertThat(PythonRepr.repr(null)).isEqualTo("None");
    assertThat(PythonRepr.repr(List.of(true, 1, 0.5))).isEqualTo("[True, 1, 0.5]");
    Map<Object, Object> map = new java.util.HashMap<>();
    map.put("b", null);
    map.put("a", List.of("x"));
    map.put(2, 2);
    assertThat(PythonRepr.dict(map, List.of(2, "missing"))).isEqualTo("{2: 2, 'a': ['x'], 'b': None}");
    assertThat(PythonRepr.repr(Map.of())).isEqualTo("{}");
  }
}
