package io.sharedobjects.hazelcast;

import io.sharedobjects.SharedObjects;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A function running in a new JVM with shared objects as its arguments: the counterpart of Python's
 * {@code Process(target=f, args=(d, l))}.
 *
 * <pre>{@code
 * static void f(SharedDict<Object, Object> d, SharedList<Integer> l) { d.put(1, "1"); l.reverse(); }
 *
 * try (SharedProcess p = SharedProcess.start(shared, Example::f, d, l)) {
 *   p.awaitSuccess(Duration.ofMinutes(1));
 * }
 * }</pre>
 *
 * <p><b>The child</b> runs this JVM's {@code java} with this program's class path. It connects to the same
 * cluster by itself, as a client (of this member, if {@code shared} is an embedded member), with the
 * options of {@code shared} that matter to a client (cluster name, connect timeout, lock backend and lease,
 * value size limit, cluster size and majority rules; not the {@code configureClient} customizers, which are
 * code). Shared object arguments arrive as the child's own live objects of the same names and kinds;
 * passing {@code shared} itself gives the child its own {@link SharedObjects}; any other argument must be
 * {@link Serializable} and arrives as a copy. The child runs the target, closes its client and exits, even
 * if the target left threads running.
 *
 * <p><b>The target</b> is a {@link Target1}, {@link Target2} or {@link Target3}: serializable functional
 * interfaces, so a method reference to a static method ({@code Example::f}) or a lambda capturing only
 * serializable values is written here and read back in the child, which has the same classes. A lambda that
 * captures {@code this} or anything not serializable fails at {@code start} with {@link
 * IllegalArgumentException} saying so.
 *
 * <p><b>Exit status</b> ({@link #exitCode()}): {@link #EXIT_OK} when the target returned, {@link
 * #EXIT_TARGET_FAILED} when it threw (its stack trace on stderr, as Python prints a child's traceback),
 * {@link #EXIT_START_FAILED} when the child could not get as far as calling it (it could not connect, say),
 * {@link #EXIT_PARENT_GONE} when this process died first, and what the operating system reports for a
 * killed child (137 for SIGKILL on Linux).
 *
 * <p><b>Output:</b> the child's stdout and stderr are echoed to this process's {@code System.out} and
 * {@code System.err} as they are written, as a Python child writes to its parent's terminal (off with
 * {@link Builder#echo(boolean)}), and kept: {@link #stdout()} and {@link #stderr()} return the last
 * 1 Mi characters of each. The child's stdin carries what it is started with and is then closed. Its
 * Hazelcast client logs warnings only.
 *
 * <p><b>No process left behind:</b> {@link #close()} kills the child and its descendants if still alive and
 * waits until they are gone; a JVM exiting normally kills those it has not closed; and a child whose parent
 * dies, however it dies, exits at once.
 *
 * <p><b>Thread safety:</b> thread-safe: any thread may wait for, read, kill or close the process.
 */
public final class SharedProcess implements AutoCloseable {

  /** The child's exit code when the target returned. */
  public static final int EXIT_OK = 0;

  /** The child's exit code when the target threw; the stack trace is on its stderr. */
  public static final int EXIT_TARGET_FAILED = 1;

  /** The child's exit code when it could not call the target: unreadable start data, no cluster, bad arguments. */
  public static final int EXIT_START_FAILED = 2;

  /** The child's exit code when its parent process is gone before it finished. */
  public static final int EXIT_PARENT_GONE = 3;

  /**
   * System property: more JVM options for every child, separated by white space, after the defaults and
   * before those of {@link Builder#jvmOptions}: for launchers (a class-data sharing archive, heap size).
   */
  public static final String JVM_OPTIONS_PROPERTY = "shared-objects.process.jvm-options";

  private static final Duration KILL_WAIT = Duration.ofSeconds(30);
  private static final Duration DRAIN_WAIT = Duration.ofSeconds(5);

  /** The children not closed yet, killed if this JVM exits normally first. */
  private static final Set<SharedProcess> OPEN = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(SharedProcess::killQuietly),
        "shared-process-cleanup"));
  }

  private final String description;
  private final Process process;
  private final Path argumentFile;
  private final ChildOutput stdout;
  private final ChildOutput stderr;

  private SharedProcess(String description, Process process, Path argumentFile, boolean echo) {
    this.description = description;
    this.process = process;
    this.argumentFile = argumentFile;
    this.stdout = new ChildOutput(description + " stdout", process.getInputStream(), echo ? System.out : null);
    this.stderr = new ChildOutput(description + " stderr", process.getErrorStream(), echo ? System.err : null);
  }

  /** A function of one argument run in a child JVM; serializable, so that the child can read it back. */
  @FunctionalInterface
  public interface Target1<A> extends Serializable {
    void run(A a) throws Exception;
  }

  /** A function of two arguments run in a child JVM; serializable, so that the child can read it back. */
  @FunctionalInterface
  public interface Target2<A, B> extends Serializable {
    void run(A a, B b) throws Exception;
  }

  /** A function of three arguments run in a child JVM; serializable, so that the child can read it back. */
  @FunctionalInterface
  public interface Target3<A, B, C> extends Serializable {
    void run(A a, B b, C c) throws Exception;
  }

  /**
   * Starts {@code target(a)} in a new JVM connected to {@code shared}'s cluster; see the class comment.
   *
   * @throws IllegalArgumentException if {@code shared} is not a {@link HazelcastSharedObjects}, or the target
   *     or an argument cannot be sent (not serializable), saying which
   * @throws UncheckedIOException if the JVM cannot be started
   */
  public static <A> SharedProcess start(SharedObjects shared, Target1<A> target, A a) {
    return builder(shared).start(target, a);
  }

  /** Starts {@code target(a, b)} in a new JVM; as {@link #start(SharedObjects, Target1, Object)}. */
  public static <A, B> SharedProcess start(SharedObjects shared, Target2<A, B> target, A a, B b) {
    return builder(shared).start(target, a, b);
  }

  /** Starts {@code target(a, b, c)} in a new JVM; as {@link #start(SharedObjects, Target1, Object)}. */
  public static <A, B, C> SharedProcess start(SharedObjects shared, Target3<A, B, C> target, A a, B b, C c) {
    return builder(shared).start(target, a, b, c);
  }

  /**
   * Options for the child JVMs of {@code shared}: more JVM options, no echo.
   *
   * @throws IllegalArgumentException if {@code shared} is not a {@link HazelcastSharedObjects}
   */
  public static Builder builder(SharedObjects shared) {
    if (!(Objects.requireNonNull(shared, "shared") instanceof HazelcastSharedObjects hazelcast)) {
      throw new IllegalArgumentException("A SharedProcess connects a new JVM to the same cluster, so it needs a"
          + " HazelcastSharedObjects; " + shared.getClass().getName() + " lives in this JVM only (for tests,"
          + " run the function on a thread with InMemorySharedObjects.peer() instead).");
    }
    return new Builder(hazelcast);
  }

  /** The operating system's id of the child process. */
  public long pid() {
    return process.pid();
  }

  /** Whether the child is still running. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Waits up to {@code timeout} for the child to exit, as Python's {@code join(timeout)}; true if it has
   * exited, its output read to the end.
   */
  public boolean join(Duration timeout) throws InterruptedException {
    if (!process.waitFor(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS)) {
      return false;
    }
    // The pipes close with the child; a descendant that inherited them can keep them open, hence the bound.
    stdout.awaitEnd(DRAIN_WAIT.toNanos());
    stderr.awaitEnd(DRAIN_WAIT.toNanos());
    return true;
  }

  /**
   * Waits up to {@code timeout} for the child to exit and checks that its target returned.
   *
   * @throws SharedProcessFailedException if it is still running after {@code timeout} (it is left running
   *     until {@link #close()} or {@link #kill()}), or exited with another code than {@link #EXIT_OK}; the
   *     message holds the end of its stderr
   */
  public void awaitSuccess(Duration timeout) throws InterruptedException {
    if (!join(timeout)) {
      throw new SharedProcessFailedException(description + " is still running after " + timeout + tail(), -1);
    }
    int exit = process.exitValue();
    if (exit != EXIT_OK) {
      throw new SharedProcessFailedException(description + " exited with code " + exit + " (" + meaning(exit) + ")"
          + tail(), exit);
    }
  }

  /** The child's exit code once it has exited, as Python's {@code exitcode}; empty while it runs. */
  public OptionalInt exitCode() {
    return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
  }

  /** What the child has written to stdout so far: its last 1 Mi characters. */
  public String stdout() {
    return stdout.text();
  }

  /** What the child has written to stderr so far: its last 1 Mi characters. */
  public String stderr() {
    return stderr.text();
  }

  /** Asks the child to stop (SIGTERM on Unix, so its shutdown hooks run), as Python's {@code terminate()}. */
  public void terminate() {
    process.destroy();
  }

  /**
   * Kills the child and its descendants at once (SIGKILL on Unix), as Python's {@code kill()}, and waits
   * until the child is gone.
   *
   * @throws IllegalStateException if it is still alive 30 seconds after the kill
   */
  public void kill() throws InterruptedException {
    // Descendants must be listed before the child dies: they are re-parented afterwards.
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
    if (!process.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException(description + " is still alive " + KILL_WAIT + " after a forced kill");
    }
    stdout.awaitEnd(DRAIN_WAIT.toNanos());
    stderr.awaitEnd(DRAIN_WAIT.toNanos());
  }

  /**
   * Kills the child and its descendants if they are still alive, waits until the child is gone, and removes
   * what was written for it; idempotent.
   */
  @Override
  public void close() {
    try {
      if (process.isAlive() || process.descendants().findAny().isPresent()) {
        kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    } finally {
      OPEN.remove(this);
      if (argumentFile != null) {
        try {
          Files.deleteIfExists(argumentFile);
        } catch (IOException e) {
          // A leftover temporary file is not worth failing over; the temporary directory is cleaned anyway.
        }
      }
    }
  }

  @Override
  public String toString() {
    return description + (process.isAlive() ? " (running)" : " (exited " + process.exitValue() + ")");
  }

  private void killQuietly() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  private String tail() {
    String err = stderr.text().strip();
    int keep = 4000;
    return err.isEmpty() ? "; it wrote nothing to stderr"
        : "; the end of its stderr:\n" + (err.length() > keep ? "..." + err.substring(err.length() - keep) : err);
  }

  private static String meaning(int exit) {
    return switch (exit) {
      case EXIT_TARGET_FAILED -> "the target threw, or the JVM could not start";
      case EXIT_START_FAILED -> "it could not start the target";
      case EXIT_PARENT_GONE -> "its parent was gone";
      default -> "killed or stopped from outside";
    };
  }

  /**
   * Options for the child JVMs of one {@link HazelcastSharedObjects}; not thread-safe, and reusable: each
   * {@code start} starts a new child with the options set so far.
   */
  public static final class Builder {
    private final HazelcastSharedObjects shared;
    private final List<String> jvmOptions = new ArrayList<>();
    private boolean echo = true;

    private Builder(HazelcastSharedObjects shared) {
      this.shared = shared;
    }

    /** Appends JVM options such as {@code -Xmx256m}, after the defaults and {@link #JVM_OPTIONS_PROPERTY}'s. */
    public Builder jvmOptions(String... options) {
      jvmOptions.addAll(List.of(options));
      return this;
    }

    /** Whether the child's output is echoed to this process's {@code System.out} and {@code System.err}; default yes. */
    public Builder echo(boolean echo) {
      this.echo = echo;
      return this;
    }

    /** Starts {@code target(a)}; see {@link SharedProcess#start(SharedObjects, Target1, Object)}. */
    public <A> SharedProcess start(Target1<A> target, A a) {
      return launch(target, a);
    }

    /** Starts {@code target(a, b)}; see {@link SharedProcess#start(SharedObjects, Target1, Object)}. */
    public <A, B> SharedProcess start(Target2<A, B> target, A a, B b) {
      return launch(target, a, b);
    }

    /** Starts {@code target(a, b, c)}; see {@link SharedProcess#start(SharedObjects, Target1, Object)}. */
    public <A, B, C> SharedProcess start(Target3<A, B, C> target, A a, B b, C c) {
      return launch(target, a, b, c);
    }

    private SharedProcess launch(Serializable target, Object... arguments) {
      Objects.requireNonNull(target, "target");
      byte[] payload = ChildPayload.serialize(shared, target, arguments);
      List<String> options = new ArrayList<>(ChildCommand.propertyOptions());
      options.addAll(jvmOptions);
      ChildCommand command;
      Process process;
      try {
        command = ChildCommand.of(options, target.getClass().getClassLoader());
        process = new ProcessBuilder(command.arguments()).start();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot start a JVM for a SharedProcess", e);
      }
      SharedProcess started = new SharedProcess("SharedProcess " + process.pid(), process, command.argumentFile(), echo);
      OPEN.add(started);
      Thread writer = new Thread(() -> send(process, payload), "shared-process-" + process.pid() + " stdin");
      writer.setDaemon(true);
      writer.start();
      return started;
    }

    /** Writes the payload to the child's stdin and closes it; a child that died first tells by its exit code. */
    private static void send(Process process, byte[] payload) {
      try (OutputStream in = process.getOutputStream()) {
        in.write(payload);
      } catch (IOException e) {
        // The child is gone (killed, or failed at start): its exit code and stderr say why.
      }
    }
  }
}
