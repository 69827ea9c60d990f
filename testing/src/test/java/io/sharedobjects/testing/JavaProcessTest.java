package io.sharedobjects.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class JavaProcessTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  /** Prints its arguments to stdout, "to stderr" to stderr, and exits with the code in the property. */
  public static final class PrintAndExit {
    public static void main(String[] args) {
      System.out.println("args=" + String.join(",", args));
      System.out.println("property=" + System.getProperty("java-process-test.property"));
      System.err.println("to stderr");
      System.exit(Integer.getInteger("java-process-test.exit", 0));
    }
  }

  /** Prints {@code name=value} (or {@code name unset}) for each environment variable named in its arguments. */
  public static final class PrintEnvironment {
    public static void main(String[] args) {
      for (String name : args) {
        String value = System.getenv(name);
        System.out.println(value != null ? name + "=" + value : name + " unset");
      }
    }
  }

  /** Prints many lines, more than any pipe buffer holds. */
  public static final class Chatty {
    public static void main(String[] args) {
      for (int i = 0; i < 100_000; i++) {
        System.out.println("line " + i);
      }
    }
  }

  /** Says READY, then blocks until killed; with the argument "spawn" it first starts a hanging child. */
  public static final class Hang {
    public static void main(String[] args) throws Exception {
      if (args.length > 0 && args[0].equals("spawn")) {
        JavaProcess grandchild = JavaProcess.start(Hang.class);
        grandchild.awaitOutputLine("READY"::equals, WAIT);
        System.out.println("GRANDCHILD " + grandchild.pid());
      }
      System.out.println("READY");
      System.out.flush();
      Thread.currentThread().join();
    }
  }

  @Test
  @DisplayName("a child's arguments, system properties, stdout, stderr and exit code come through")
  void runsMainAndCapturesOutput() {
    try (JavaProcess child = JavaProcess.builder(PrintAndExit.class)
        .args("a", "b c")
        .systemProperty("java-process-test.property", "value")
        .systemProperty("java-process-test.exit", "3")
        .jvmOptions("-Xmx32m")
        .start()) {
      assertThat(child.pid()).isPositive();
      assertThat(child.awaitExit(WAIT)).isEqualTo(3);
      assertThat(child.stdoutLines()).containsExactly("args=a,b c", "property=value");
      assertThat(child.stderr()).isEqualTo("to stderr" + System.lineSeparator());
      assertThat(child.isAlive()).isFalse();
    }
  }

  @Test
  @DisplayName("output larger than a pipe buffer never blocks the child")
  void drainsLargeOutput() {
    try (JavaProcess child = JavaProcess.start(Chatty.class)) {
      assertThat(child.awaitExit(WAIT)).isZero();
      assertThat(child.stdoutLines()).hasSize(100_000).endsWith("line 99999");
    }
  }

  @Test
  @DisplayName("awaitOutputLine returns the READY line; close kills a child that hangs")
  void closeKillsAHangingChild() {
    ProcessHandle handle;
    ByteArrayOutputStream echoed = new ByteArrayOutputStream();
    try (JavaProcess child = JavaProcess.builder(Hang.class)
        .echo(new PrintStream(echoed, true, Charset.defaultCharset()), "[child] ")
        .start()) {
      assertThat(child.awaitOutputLine(line -> line.startsWith("READY"), WAIT)).isEqualTo("READY");
      handle = child.process().toHandle();
      assertThat(child.isAlive()).isTrue();
    }
    assertThat(handle.isAlive()).isFalse();
    assertThat(echoed.toString(Charset.defaultCharset())).contains("[child] READY");
  }

  @Test
  @DisplayName("awaitExit on a child that does not exit fails in time with the output so far")
  void awaitExitTimesOut() {
    try (JavaProcess child = JavaProcess.start(Hang.class)) {
      child.awaitOutputLine("READY"::equals, WAIT);
      assertThatThrownBy(() -> child.awaitExit(Duration.ofMillis(200)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("still running")
          .hasMessageContaining("READY");
    }
  }

  @Test
  @DisplayName("awaitOutputLine fails at once with the exit code when the child exits without the line")
  void awaitOutputLineFailsWhenChildExits() {
    try (JavaProcess child = JavaProcess.builder(PrintAndExit.class)
        .systemProperty("java-process-test.exit", "7").start()) {
      assertThatThrownBy(() -> child.awaitOutputLine("never"::equals, WAIT))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("exited with code 7")
          .hasMessageContaining("to stderr");
    }
  }

  /** Starts a hanging child, prints its pid, and exits without closing it. */
  public static final class SpawnAndExit {
    public static void main(String[] args) {
      JavaProcess grandchild = JavaProcess.start(Hang.class);
      grandchild.awaitOutputLine("READY"::equals, WAIT);
      System.out.println("GRANDCHILD " + grandchild.pid());
      System.out.flush();
      System.exit(0);
    }
  }

  @Test
  @DisplayName("a JVM that exits without closing its child kills it at exit")
  void unclosedChildIsKilledAtExit() {
    Optional<ProcessHandle> grandchild;
    try (JavaProcess child = JavaProcess.start(SpawnAndExit.class)) {
      String line = child.awaitOutputLine(l -> l.startsWith("GRANDCHILD "), WAIT);
      grandchild = ProcessHandle.of(Long.parseLong(line.substring("GRANDCHILD ".length())));
      assertThat(child.awaitExit(WAIT)).isZero();
    }
    try {
      grandchild.ifPresent(handle -> handle.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join());
      // Empty if it was gone before its pid was looked up: killed at once, as it should be.
      assertThat(grandchild.map(ProcessHandle::isAlive).orElse(false)).as("the child left by the exited JVM")
          .isFalse();
    } finally {
      grandchild.ifPresent(ProcessHandle::destroyForcibly); // a failure must not leave it running either
    }
  }

  @Test
  @DisplayName("kill also kills the child's descendants")
  void killKillsDescendants() {
    Optional<ProcessHandle> grandchild;
    try (JavaProcess child = JavaProcess.builder(Hang.class).args("spawn").start()) {
      String line = child.awaitOutputLine(l -> l.startsWith("GRANDCHILD "), WAIT);
      grandchild = ProcessHandle.of(Long.parseLong(line.substring("GRANDCHILD ".length())));
      assertThat(grandchild).isPresent();
      child.kill();
      assertThat(child.isAlive()).isFalse();
    }
    grandchild.get().onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
    assertThat(grandchild.get().isAlive()).isFalse();
  }

  @Test
  @DisplayName("a classpath too long for a command line goes through an argument file")
  void longClasspath() {
    List<String> entries = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      entries.add(new File("no-such-dir with space \"quoted\" " + i).getAbsolutePath());
    }
    entries.add(System.getProperty("java.class.path"));
    try (JavaProcess child = JavaProcess.builder(PrintAndExit.class)
        .classpath(String.join(File.pathSeparator, entries)).args("x").start()) {
      assertThat(child.awaitExit(WAIT)).as(child.stderr()).isZero();
      assertThat(child.stdoutLines()).startsWith("args=x");
    }
  }

  @Test
  @DisplayName("withoutEnvironment drops inherited variables by prefix; environment(...) still sets one")
  void withoutEnvironment() {
    // An inherited variable the child JVM does not need to start; which one depends on the machine.
    List<String> needed = List.of("PATH", "SYSTEMROOT", "LD_", "DYLD_", "JAVA", "_JAVA", "JDK_", "TMP", "TEMP");
    Optional<String> inherited = System.getenv().keySet().stream().sorted()
        .filter(name -> needed.stream().noneMatch(name.toUpperCase(Locale.ROOT)::startsWith))
        .findFirst();
    Assumptions.assumeTrue(inherited.isPresent(), "no inherited environment variable to drop");
    String dropped = inherited.get();
    try (JavaProcess child = JavaProcess.builder(PrintEnvironment.class)
        .withoutEnvironment(dropped)
        .withoutEnvironment("JAVA_PROCESS_TEST_")
        .environment("JAVA_PROCESS_TEST_SET", "set explicitly")
        .args(dropped, "JAVA_PROCESS_TEST_SET")
        .start()) {
      assertThat(child.awaitExit(WAIT)).as(child.stderr()).isZero();
      assertThat(child.stdoutLines()).containsExactly(dropped + " unset", "JAVA_PROCESS_TEST_SET=set explicitly");
    }
  }

  @Test
  @DisplayName("redirectErrorStream merges stderr into stdout in the order written")
  void redirectErrorStream() {
    try (JavaProcess child = JavaProcess.builder(PrintAndExit.class)
        .redirectErrorStream(true).args("merged").start()) {
      assertThat(child.awaitExit(WAIT)).isZero();
      assertThat(child.stdoutLines()).containsExactly("args=merged", "property=null", "to stderr");
      assertThat(child.stderr()).isEmpty();
    }
  }

  @Test
  @DisplayName("a description names the child in error messages, with its pid and merged output")
  void descriptionInMessages() {
    try (JavaProcess child = JavaProcess.builder(PrintAndExit.class)
        .description("the test child").redirectErrorStream(true).start()) {
      assertThatThrownBy(() -> child.awaitOutputLine("never"::equals, WAIT))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("the test child (pid " + child.pid() + ") exited with code 0")
          .hasMessageContaining("--- output of the test child (pid " + child.pid() + ") (stdout and stderr) ---")
          .hasMessageContaining("to stderr");
      assertThat(child.toString()).startsWith("the test child (pid " + child.pid() + ")");
    }
  }
}
