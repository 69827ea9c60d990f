package io.sharedobjects.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.cluster.Address;
import io.sharedobjects.ClusterUnavailableException;
import io.sharedobjects.SharedDict;
import io.sharedobjects.testing.JavaProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What an ordinary program prints: each case runs it in a JVM of its own with the JVM's defaults (no options,
 * no logging configuration, this module's class path, which has no SLF4J), stdout and stderr merged, and counts
 * the lines.
 */
class QuietLoggingTest {

  private static final Duration BOUND = Duration.ofSeconds(90);

  @Test
  @DisplayName("an embedded member, a client of it, one put and close print at most 10 lines: one per start, no Hazelcast routine")
  void ordinaryProgramIsQuiet() {
    assertThat(QuietLoggingTest.class.getClassLoader().getResource("org/slf4j/LoggerFactory.class"))
        .as("this case measures the JDK logging path: no SLF4J on the class path").isNull();
    List<String> lines = run(OrdinaryProgram.class);
    assertThat(lines).hasSizeLessThanOrEqualTo(10);
    assertThat(lines).anyMatch(line -> line.matches("INFO: shared-objects started an embedded member at 127\\.0\\.0\\.1:\\d+"
        + " in cluster 'quiet-[-0-9a-f]+' \\(1 member\\), lock backend AUTO \\(chosen at the first lock\\)"));
    assertThat(lines).anyMatch(line -> line.matches("INFO: shared-objects connected a client to cluster 'quiet-[-0-9a-f]+'"
        + " through \\[127\\.0\\.0\\.1:\\d+\\] \\(1 member\\), lock backend AUTO \\(chosen at the first lock\\)"));
    assertThat(lines).contains("PUT DONE").noneMatch(QuietLoggingTest::isStackTraceLine)
        .noneMatch(line -> line.contains("Members {") || line.contains("o---o") || line.contains("STARTED"));
  }

  @Test
  @DisplayName("a client pointed at a dead port fails with ClusterUnavailableException and prints nothing of Hazelcast's: no retries, no stack trace")
  void clientOfDeadPortIsQuiet() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    List<String> lines = run(DeadPortClient.class, "127.0.0.1:" + port);
    assertThat(lines).singleElement().asString()
        .startsWith("FAILED " + ClusterUnavailableException.class.getName() + ": Could not connect");
  }

  @Test
  @DisplayName("-Dshared-objects.hazelcast-logging=info brings Hazelcast's own messages back")
  void detailIsOneSettingAway() {
    List<String> lines = run(OrdinaryProgram.class, List.of("-D" + HazelcastLogging.PROPERTY + "=info"));
    assertThat(lines).hasSizeGreaterThan(30).anyMatch(line -> line.contains("Members {size:1"))
        .anyMatch(line -> line.contains("is STARTED"));
  }

  @Test
  @DisplayName("a hazelcast.logging.type of the user's is left alone: Hazelcast logs as it always does")
  void usersLoggingTypeIsRespected() {
    List<String> lines = run(OrdinaryProgram.class, List.of("-D" + HazelcastLogging.LOGGING_TYPE + "=jdk"));
    assertThat(lines).hasSizeGreaterThan(30).anyMatch(line -> line.contains("Members {size:1"))
        .anyMatch(line -> line.contains(SharedObjectsLoggerFactory.MODULE_WARNING));
  }

  @Test
  @DisplayName("with SLF4J and a provider on the class path, the messages go through SLF4J, as quiet as with the JDK")
  void slf4jIsUsedWhenPresent() throws IOException {
    Path jars = Path.of(System.getProperty("basedir", "."), "target", "slf4j");
    List<Path> slf4j;
    try (Stream<Path> files = Files.list(jars)) {
      slf4j = files.filter(file -> file.toString().endsWith(".jar")).toList();
    }
    assertThat(slf4j).as("slf4j-api and slf4j-simple copied by this module's build").hasSize(2);
    String classpath = System.getProperty("java.class.path") + java.io.File.pathSeparator
        + String.join(java.io.File.pathSeparator, slf4j.stream().map(Path::toString).toList());
    List<String> lines = runWith(OrdinaryProgram.class, List.of(), classpath);
    assertThat(lines).hasSizeLessThanOrEqualTo(10).noneMatch(QuietLoggingTest::isStackTraceLine);
    // slf4j-simple's format: [thread] LEVEL logger - message
    assertThat(lines).anyMatch(line -> line.matches("\\[main\\] INFO " + HazelcastSharedObjects.class.getName()
        + " - shared-objects started an embedded member at .*"));
  }

  private static boolean isStackTraceLine(String line) {
    return line.startsWith("\tat ") || line.startsWith("Caused by: ") || line.matches("^[a-z]+(\\.[a-zA-Z_$0-9]+)+(Exception|Error)(: .*)?$");
  }

  private static List<String> run(Class<?> main, String... args) {
    return runWith(main, List.of(), System.getProperty("java.class.path"), args);
  }

  private static List<String> run(Class<?> main, List<String> jvmOptions) {
    return runWith(main, jvmOptions, System.getProperty("java.class.path"));
  }

  private static List<String> runWith(Class<?> main, List<String> jvmOptions, String classpath, String... args) {
    try (JavaProcess child = JavaProcess.builder(main)
        .jvmOptions(jvmOptions.toArray(String[]::new))
        .classpath(classpath)
        .args(args)
        .withoutEnvironment("HZ_")
        .redirectErrorStream(true)
        .start()) {
      assertThat(child.awaitExit(BOUND)).as(child.stdout()).isZero();
      List<String> lines = child.stdoutLines();
      System.out.println("--- " + main.getSimpleName() + " " + jvmOptions + ": " + lines.size() + " lines");
      lines.forEach(System.out::println);
      return lines;
    }
  }

  /** The ordinary program: an embedded member, a client of it, one put, both closed. */
  public static final class OrdinaryProgram {
    public static void main(String[] args) {
      String cluster = "quiet-" + UUID.randomUUID();
      try (HazelcastSharedObjects member = HazelcastSharedObjects.builder().clusterName(cluster).port(0).embedded()) {
        Address address = member.hazelcastInstance().getCluster().getLocalMember().getAddress();
        try (HazelcastSharedObjects client = HazelcastSharedObjects.builder().clusterName(cluster)
            .client(address.getHost() + ":" + address.getPort())) {
          SharedDict<String, String> dict = client.dict("quiet");
          dict.put("key", "value");
          System.out.println("PUT DONE");
        }
      }
    }
  }

  /** A client of a port where no member listens; prints the exception it gets. */
  public static final class DeadPortClient {
    public static void main(String[] args) {
      try (HazelcastSharedObjects client = HazelcastSharedObjects.builder().connectTimeout(Duration.ofSeconds(2))
          .client(args[0])) {
        System.out.println("CONNECTED to " + args[0]);
      } catch (RuntimeException e) {
        System.out.println("FAILED " + e.getClass().getName() + ": " + e.getMessage());
      }
    }
  }
}
