package io.sharedobjects.reliability;

import io.sharedobjects.testing.JavaProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts the second JVMs of these tests and talks to them: a child writes protocol lines such as
 * {@code "@@ LOCKED 7"} to stdout ({@link #say}) among Hazelcast's log lines, and reads commands such as
 * {@code GO} from stdin ({@link #tell}, {@link #await}).
 *
 * <p>Children get a small heap and quick start-up options (the machine these run on may have two cores),
 * Hazelcast's module options, phone-home off and no {@code HZ_*} variables. Not thread-safe per child.
 */
final class Children {

  /** Prefix of protocol lines, so they cannot be confused with log lines. */
  static final String PROTOCOL = "@@ ";

  /**
   * The JUnit tag of the tests of failure detection: a process killed or frozen (SIGSTOP), a member lost, so
   * that Hazelcast's timeouts decide (up to 31 s each). What they measure does not depend on the JDK, so CI's
   * second JDK leg, which runs the process tests, leaves these out.
   */
  static final String FAILURE_DETECTION = "failure-detection";

  private Children() {}

  /** A JVM running {@code main} with this JVM's classpath and the options above. */
  static JavaProcess.Builder jvm(Class<?> main, String description) {
    return JavaProcess.builder(main)
        .jvmOptions("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto")
        .jvmOptions(JavaProcess.HAZELCAST_MODULE_OPTIONS.toArray(String[]::new))
        .systemProperty("hazelcast.phone.home.enabled", "false")
        .systemProperty("hazelcast.logging.type", "jdk")
        .withoutEnvironment("HZ_")
        .redirectErrorStream(true)
        .description(description);
  }

  /** Starts several children at once (JVM start-up dominates) and returns them in order. */
  static List<JavaProcess> startAll(List<JavaProcess.Builder> builders) {
    return inParallel(builders.stream().<Callable<JavaProcess>>map(builder -> builder::start).toList(),
        Duration.ofSeconds(60));
  }

  /** Runs the tasks on a thread each and returns their results in order, failing if any fails. */
  static <T> List<T> inParallel(List<Callable<T>> tasks, Duration timeout) {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : tasks) {
        futures.add(pool.submit(task));
      }
      long deadline = System.nanoTime() + timeout.toNanos();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
      }
      return results;
    } catch (ExecutionException e) {
      throw new IllegalStateException("A parallel task failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("Parallel tasks did not finish within " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Waits for the child's protocol line {@code "@@ <word> ..."} and returns what follows the word. */
  static String await(JavaProcess child, String word, Duration timeout) {
    String line = child.awaitOutputLine(l -> l.equals(PROTOCOL + word) || l.startsWith(PROTOCOL + word + " "), timeout);
    return line.substring(Math.min(line.length(), (PROTOCOL + word + " ").length()));
  }

  /** Every protocol line {@code "@@ <word> ..."} the child has written so far, without the prefix and word. */
  static List<String> all(JavaProcess child, String word) {
    String prefix = PROTOCOL + word + " ";
    return child.stdoutLines().stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).toList();
  }

  /** Sends one command line to the child's stdin. */
  static void tell(JavaProcess child, String command) {
    OutputStream in = child.process().getOutputStream();
    try {
      in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
      in.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write to " + child, e);
    }
  }

  /** In a child: writes a protocol line. */
  static void say(String line) {
    System.out.println(PROTOCOL + line);
    System.out.flush();
  }

  /** Closes every child (killing those still running), whatever fails. */
  static void closeAll(List<? extends AutoCloseable> children) {
    RuntimeException failure = null;
    for (AutoCloseable child : children) {
      try {
        if (child != null) {
          child.close();
        }
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("Could not close every child process", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
