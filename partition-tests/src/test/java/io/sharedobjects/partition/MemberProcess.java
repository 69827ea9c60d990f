package io.sharedobjects.partition;

import io.sharedobjects.testing.JavaProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The test's handle on one {@link PartitionMember} JVM: starts it, sends it commands and waits for their
 * replies. Thread-safe: several threads may send commands at once; the member answers them in the order
 * they were written. {@link #close()} kills the JVM and keeps its output in {@code target/partition-logs}.
 */
final class MemberProcess implements AutoCloseable {

  /** What the tests may shorten of Hazelcast's merge timing; see {@link PartitionCluster}. */
  static final String MERGE_FIRST_RUN_DELAY = "hazelcast.merge.first.run.delay.seconds";
  static final String MERGE_NEXT_RUN_DELAY = "hazelcast.merge.next.run.delay.seconds";

  private static final Path LOGS = Path.of("target", "partition-logs");

  private final String host;
  private final int port;
  private final JavaProcess process;
  private final AtomicInteger lastId = new AtomicInteger();
  private final Object stdinLock = new Object();
  private final Path log;

  private MemberProcess(String host, int port, JavaProcess process, Path log) {
    this.host = host;
    this.port = port;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts a member JVM of {@code cluster} on {@code host:port} that joins {@code members}, with these
   * builder options and Hazelcast's merge delays set to these seconds; returns at once (see {@link
   * #awaitReady(Duration)}).
   */
  static MemberProcess start(String cluster, String host, int port, List<String> members, MemberOptions options,
      int mergeFirstRunDelaySeconds, int mergeNextRunDelaySeconds) {
    List<String> arguments = new ArrayList<>(List.of(cluster, host, Integer.toString(port), String.join(",", members)));
    arguments.addAll(options.arguments());
    JavaProcess process = JavaProcess.builder(PartitionMember.class)
        // A small heap and quick start-up: three of these share a machine that may have two cores.
        .jvmOptions("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto")
        .jvmOptions(JavaProcess.HAZELCAST_MODULE_OPTIONS.toArray(String[]::new))
        .systemProperty("hazelcast.phone.home.enabled", "false")
        .systemProperty("hazelcast.logging.type", "jdk")
        .systemProperty(MERGE_FIRST_RUN_DELAY, Integer.toString(mergeFirstRunDelaySeconds))
        .systemProperty(MERGE_NEXT_RUN_DELAY, Integer.toString(mergeNextRunDelaySeconds))
        .withoutEnvironment("HZ_")
        .redirectErrorStream(true)
        .description("member " + host)
        .args(arguments.toArray(String[]::new))
        .start();
    return new MemberProcess(host, port, process, LOGS.resolve(cluster + "-" + host + ".log"));
  }

  /** Waits until the member has started and checks it listens where it was told to. */
  void awaitReady(Duration timeout) {
    String line = process.awaitOutputLine(l -> l.startsWith(PartitionMember.PROTOCOL + "READY "), timeout);
    String listening = line.substring((PartitionMember.PROTOCOL + "READY ").length());
    if (!listening.equals(address())) {
      throw new IllegalStateException("member " + host + " listens on " + listening + ", not " + address()
          + ": is another process using that port?");
    }
  }

  /** The address this member binds, such as {@code 127.0.0.11}. */
  String host() {
    return host;
  }

  /** {@code host:port}, as members list it. */
  String address() {
    return host + ":" + port;
  }

  long pid() {
    return process.pid();
  }

  /**
   * Sends a command and returns its reply's payload (empty if none).
   *
   * @throws AssertionError if the member answered with an error, naming the command and the error
   */
  String ask(String command, Duration timeout) {
    Reply reply = call(command, timeout);
    if (!reply.ok()) {
      throw new AssertionError("member " + host + " failed '" + command + "': " + reply.payload());
    }
    return reply.payload();
  }

  /** {@link #ask(String, Duration)} with a minute to answer. */
  String ask(String command) {
    return ask(command, Duration.ofMinutes(1));
  }

  /** Sends a command and returns its reply, success or error. */
  Reply call(String command, Duration timeout) {
    int id = lastId.incrementAndGet();
    synchronized (stdinLock) {
      OutputStream in = process.process().getOutputStream();
      try {
        in.write((id + " " + command + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot send '" + command + "' to member " + host, e);
      }
    }
    String prefix = PartitionMember.PROTOCOL + id + " ";
    String line = process.awaitOutputLine(l -> l.startsWith(prefix), timeout);
    String answer = line.substring(prefix.length());
    if (answer.equals("OK") || answer.startsWith("OK ")) {
      return new Reply(true, answer.substring(Math.min(answer.length(), 3)));
    }
    if (answer.startsWith("ERR ")) {
      return new Reply(false, answer.substring(4));
    }
    throw new IllegalStateException("member " + host + " answered '" + command + "' with '" + answer + "'");
  }

  /** This member's view of the cluster: the members' {@code host:port}. */
  Set<String> members() {
    String payload = ask("members", Duration.ofSeconds(30));
    return payload.isEmpty() ? Set.of() : new TreeSet<>(Arrays.asList(payload.split(",")));
  }

  /** Kills the member at once (SIGKILL), as a crash would. */
  void kill() {
    process.kill();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Kills the JVM if it still runs and keeps its output in {@code target/partition-logs}. */
  @Override
  public void close() {
    try {
      process.close();
    } finally {
      try {
        Files.createDirectories(LOGS);
        Files.writeString(log, process.stdout(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        // The log only helps to read a failure; losing it must not hide the test's own result.
      }
    }
  }

  @Override
  public String toString() {
    return "member " + address() + " (pid " + process.pid() + ")";
  }

  /** One reply: {@code ok} with its payload, or not, with {@code "<exception class> <message>"}. */
  record Reply(boolean ok, String payload) {

    /** The exception class named by an error reply. */
    String errorClass() {
      int space = payload.indexOf(' ');
      return space < 0 ? payload : payload.substring(0, space);
    }
  }
}
