package io.sharedobjects.hazelcast.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child process whose stdout and stderr, merged, are drained by a daemon thread into memory, so the child
 * never blocks on a full pipe, and whose lines can be awaited with a bound.
 *
 * <p>A deliberately small cousin of {@code io.sharedobjects.tck.JavaProcess}, which this module cannot use
 * at compile scope (the TCK brings JUnit with it); it holds only what {@link StockHazelcastMember} needs.
 */
final class LoggedProcess {

  private static final Duration KILL_WAIT = Duration.ofSeconds(30);
  private static final Duration DRAIN_WAIT = Duration.ofSeconds(5);

  private final String description;
  private final Process process;
  private final Thread drain;
  private final Object monitor = new Object();
  // Guarded by monitor.
  private final List<String> lines = new ArrayList<>();
  private boolean ended;

  private LoggedProcess(String description, Process process, String echoPrefix, PrintStream echo) {
    this.description = description;
    this.process = process;
    this.drain = new Thread(() -> drain(echoPrefix, echo), "LoggedProcess-" + process.pid());
    this.drain.setDaemon(true);
    this.drain.start();
  }

  /** Starts {@code command} with this process's environment minus {@code removedVariablePrefixes}. */
  static LoggedProcess start(String description, List<String> command, List<String> removedVariablePrefixes,
      String echoPrefix, PrintStream echo) {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(name -> removedVariablePrefixes.stream().anyMatch(name::startsWith));
    try {
      Process process = builder.start();
      return new LoggedProcess(description + " (pid " + process.pid() + ")", process, echoPrefix, echo);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + description + ": " + String.join(" ", command), e);
    }
  }

  private void drain(String echoPrefix, PrintStream echo) {
    // The child is a JVM of the same installation, so it encodes its output with this JVM's default charset.
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(process.getInputStream(), Charset.defaultCharset()))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (echo != null) {
          echo.println(echoPrefix + line);
        }
        synchronized (monitor) {
          lines.add(line);
          monitor.notifyAll();
        }
      }
    } catch (IOException e) {
      // The pipe broke as the child was killed; what was read so far stays available.
    } finally {
      synchronized (monitor) {
        ended = true;
        monitor.notifyAll();
      }
    }
  }

  /**
   * Waits until the child writes a line matching {@code condition} (lines already written count) and returns
   * it, or fails with the output so far if the child ends its output first or {@code timeout} passes.
   */
  String awaitLine(Predicate<String> condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (monitor) {
      while (true) {
        for (String line : lines) {
          if (condition.test(line)) {
            return line;
          }
        }
        if (ended) {
          throw new IllegalStateException(description + " exited" + exitCodeIfExited()
              + " before it was ready" + outputForMessage());
        }
        long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (remainingMillis <= 0) {
          throw new IllegalStateException(description + " was not ready within " + timeout + outputForMessage());
        }
        try {
          monitor.wait(remainingMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while waiting for " + description, e);
        }
      }
    }
  }

  /** Sends SIGTERM, so the child's shutdown hooks run; kills it if it has not exited within {@code timeout}. */
  void stop(Duration timeout) {
    process.destroy();
    try {
      if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        TimeUnit.MILLISECONDS.timedJoin(drain, DRAIN_WAIT.toMillis());
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    kill();
  }

  /** Kills the child and its descendants at once (SIGKILL on Unix) and waits, bounded, until it is gone. */
  void kill() {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
    try {
      if (!process.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(description + " is still alive " + KILL_WAIT + " after a forced kill");
      }
      TimeUnit.MILLISECONDS.timedJoin(drain, DRAIN_WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while killing " + description, e);
    }
  }

  Process process() {
    return process;
  }

  /** The child's output so far, stdout and stderr interleaved, one line per line. */
  String output() {
    synchronized (monitor) {
      return String.join(System.lineSeparator(), lines);
    }
  }

  private String exitCodeIfExited() {
    try {
      // The output ends as the child exits; the exit status follows within moments.
      if (process.waitFor(DRAIN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        return " with code " + process.exitValue();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "";
  }

  private String outputForMessage() {
    return "\n--- output of " + description + " ---\n" + output() + "\n--- end of output ---";
  }
}
