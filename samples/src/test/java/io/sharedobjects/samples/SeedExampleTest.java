package io.sharedobjects.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

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
  void seedAcrossTwoJvms() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    long start = System.nanoTime();
    SeedExample.Result result = SeedExample.run(shared, new PrintStream(printed, true, StandardCharsets.UTF_8));
    System.out.printf("Seed run (child JVM start, connect, writes, exit; parent reads) took %d ms%n",
        (System.nanoTime() - start) / 1_000_000);

    Map<Object, Object> dict = result.dict();
    assertThat(dict).hasSize(3).containsEntry(1, "1").containsEntry("2", 2).containsEntry(0.25, null);
    // Key types survive the trip through another JVM and Hazelcast: 1 stays an Integer, 0.25 a Double.
    assertThat(dict.keySet()).extracting(Object::getClass)
        .containsExactlyInAnyOrder(Integer.class, String.class, Double.class);
    assertThat(dict.get("2")).isInstanceOf(Integer.class);
    assertThat(result.list()).containsExactly(9, 8, 7, 6, 5, 4, 3, 2, 1, 0);

    assertThat(printed.toString(StandardCharsets.UTF_8).lines()).containsExactly(
        "{1: '1', '2': 2, 0.25: None}",
        "[9, 8, 7, 6, 5, 4, 3, 2, 1, 0]");
  }

  @Test
  @DisplayName("a child that fails makes the parent fail with the child's output")
  void childFailure() {
    String invalidName = "not a valid name";
    assertThatThrownBy(() -> SeedExample.runChild(shared.clusterName(), shared.address(), invalidName, "list-x"))
        .isInstanceOf(SeedExample.ChildFailedException.class)
        .hasMessageContaining("exit code 1")
        .hasMessageContaining(invalidName);
  }

  @Test
  @DisplayName("the child's classpath includes the jars of a class loader that is not on java.class.path")
  void childClasspathFromClassLoader(@TempDir Path extra) throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      urls.add(Path.of(entry).toUri().toURL());
    }
    urls.add(extra.toUri().toURL());
    try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      Class<?> seed = Class.forName(SeedExample.class.getName(), false, loader);
      var method = seed.getDeclaredMethod("childClasspath");
      method.setAccessible(true);
      String classpath = (String) method.invoke(null);
      assertThat(classpath.split(File.pathSeparator)).contains(extra.toString());
    }
    assertThat(Files.isDirectory(extra)).isTrue();
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
