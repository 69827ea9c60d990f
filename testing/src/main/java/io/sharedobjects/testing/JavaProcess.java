package io.sharedobjects.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The {@code main} method of a class, running in a new JVM: the Java counterpart of Python's
 * {@code multiprocessing.Process} for tests that need a real second process.
 *
 * <p>The child runs the same {@code java} binary as this JVM ({@code java.home}) with this JVM's classpath
 * ({@code java.class.path}) unless told otherwise. Its stdout and stderr are drained by two daemon threads
 * into memory, so the child never blocks on a full pipe, and can be echoed line by line with a prefix. Wait
 * for it with {@link #awaitExit(Duration)} or for a line such as a "READY" handshake with
 * {@link #awaitOutputLine(Predicate, Duration)}; both are bounded and fail with the captured output.
 *
 * <pre>{@code
 * try (JavaProcess child = JavaProcess.builder(Child.class).args(address, name).start()) {
 *   child.awaitOutputLine("READY"::equals, Duration.ofSeconds(30));
 *   ...
 *   assertThat(child.awaitExit(Duration.ofSeconds(30))).isZero();
 * }
 * }</pre>
 *
 * <p>{@link #close()} kills the child and its descendants if they are still alive, so a
 * try-with-resources block never leaves a process behind, even when a test fails. A child still running
 * when this JVM exits (its last thread ends, {@code System.exit}, SIGTERM; not SIGKILL) is killed too, with
 * its descendants, by a shutdown hook: a test JVM that forgot to close one, or a JMH fork that ended in an
 * error before its tear-down, leaves nothing behind.
 *
 * <p>The child inherits this process's environment, minus the variables dropped with
 * {@link Builder#withoutEnvironment(String)} and plus those set with {@link Builder#environment(String, String)};
 * its stderr can be merged into its stdout ({@link Builder#redirectErrorStream(boolean)}) to keep a log's lines
 * in the order they were written.
 *
 * <p><b>Thread safety:</b> thread-safe: any thread may read the output, await, stop or kill the child. The
 * builder is not.
 *
 * <p>This class uses only the JDK.
 */
public final class JavaProcess implements AutoCloseable {

  /**
   * The JVM options Hazelcast's own start script passes on Java 9 and later, so a JVM running Hazelcast (a
   * member or a client) has the access it asks for and logs no warning about it. Immutable.
   */
  public static final List<String> HAZELCAST_MODULE_OPTIONS = List.of(
      "--add-modules", "java.se",
      "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-opens", "java.base/java.lang=ALL-UNNAMED",
      "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens", "java.management/sun.management=ALL-UNNAMED",
      "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");

  /** Longer classpaths go through an argument file: Windows limits a command line to 32,767 characters. */
  private static final int MAX_INLINE_CLASSPATH = 8_000;

  private static final Duration KILL_WAIT = Duration.ofSeconds(30);
  private static final Duration DRAIN_WAIT = Duration.ofSeconds(5);

  private final String description;
  private final Process process;
  private final Path argumentFile;
  private final boolean errorRedirected;
  private final Object monitor = new Object();
  private final Output stdout;
  private final Output stderr;

  /** Children not closed yet, killed by a shutdown hook if this JVM exits first. */
  private static final java.util.Set<JavaProcess> UNCLOSED = java.util.concurrent.ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> UNCLOSED.forEach(JavaProcess::killAtExit),
        "JavaProcess: kill unclosed children at exit"));
  }

  private JavaProcess(String description, Process process, Path argumentFile, boolean errorRedirected,
      String echoPrefix, PrintStream echo) {
    this.description = description;
    this.process = process;
    UNCLOSED.add(this);
    this.argumentFile = argumentFile;
    this.errorRedirected = errorRedirected;
    this.stdout = new Output("stdout", process.getInputStream(), echoPrefix, echo);
    this.stderr = new Output("stderr", process.getErrorStream(), echoPrefix, echo);
    stdout.thread.start();
    stderr.thread.start();
  }

  /** Starts {@code mainClass.main(args)} in a new JVM with this JVM's classpath and no other options. */
  public static JavaProcess start(Class<?> mainClass, String... args) {
    return builder(mainClass).args(args).start();
  }

  /** A builder for a JVM that runs {@code mainClass}'s {@code main}. */
  public static Builder builder(Class<?> mainClass) {
    return new Builder(mainClass.getName());
  }

  /** A builder for a JVM that runs the {@code main} of the class with this binary name. */
  public static Builder builder(String mainClassName) {
    return new Builder(mainClassName);
  }

  /** The path of the {@code java} launcher of this JVM. */
  public static String currentJavaCommand() {
    // java.home is this runtime even when the process was started by a native launcher (an IDE, jpackage),
    // where ProcessHandle's command would not be a java launcher at all.
    String executable = System.getProperty("os.name").startsWith("Windows") ? "java.exe" : "java";
    Path fromHome = Path.of(System.getProperty("java.home"), "bin", executable);
    if (Files.isExecutable(fromHome)) {
      return fromHome.toString();
    }
    return ProcessHandle.current().info().command()
        .orElseThrow(() -> new IllegalStateException("Cannot find the java launcher of this JVM"));
  }

  /** The operating system's id of the child process. */
  public long pid() {
    return process.pid();
  }

  /** The underlying process, for what this class does not offer. */
  public Process process() {
    return process;
  }

  /** Whether the child is still running. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Everything the child has written to stdout so far; with {@link Builder#redirectErrorStream(boolean)}, its
   * stderr too, interleaved as written.
   */
  public String stdout() {
    return stdout.text();
  }

  /** Everything the child has written to stderr so far; empty if stderr is redirected to stdout. */
  public String stderr() {
    return stderr.text();
  }

  /** The complete lines the child has written to stdout so far, without line terminators. */
  public List<String> stdoutLines() {
    return stdout.lines();
  }

  /** The complete lines the child has written to stderr so far, without line terminators. */
  public List<String> stderrLines() {
    return stderr.lines();
  }

  /**
   * Waits until the child exits and its output is fully read, and returns its exit code.
   *
   * @throws IllegalStateException if the child is still running after {@code timeout}, with its output so
   *     far; the child is left running (and killed by {@link #close()})
   */
  public int awaitExit(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new IllegalStateException(description + " still running after " + timeout + describeOutput());
      }
      // The pipes close with the child; a descendant that inherited them can keep them open, hence the bound.
      long drainNanos = Math.max(deadline - System.nanoTime(), DRAIN_WAIT.toNanos());
      stdout.join(drainNanos);
      stderr.join(drainNanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for " + description, e);
    }
    return process.exitValue();
  }

  /**
   * Waits until the child writes a line, on stdout or stderr, that matches {@code condition}, and returns the
   * first such line. Lines written before this call count too, so there is no race with a fast child.
   *
   * @throws IllegalStateException if no such line appears within {@code timeout}, or the child closes its
   *     output (exits) first; the message holds the exit code if any and the captured output
   */
  public String awaitOutputLine(Predicate<String> condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (monitor) {
      while (true) {
        Optional<String> found = stdout.firstMatch(condition).or(() -> stderr.firstMatch(condition));
        if (found.isPresent()) {
          return found.get();
        }
        if (stdout.ended && stderr.ended) {
          break;
        }
        long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (remainingMillis <= 0) {
          throw new IllegalStateException(description + " did not write the expected line within " + timeout
              + describeOutput());
        }
        try {
          monitor.wait(remainingMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while waiting for output of " + description, e);
        }
      }
    }
    // Both pipes are closed, which a child does as it exits; its exit status follows within moments.
    String exit = awaitExitQuietly() ? "exited with code " + process.exitValue() : "closed its output";
    throw new IllegalStateException(description + " " + exit + " before writing the expected line"
        + describeOutput());
  }

  /**
   * Asks the child to stop (SIGTERM, so its shutdown hooks run), waits up to {@code timeout}, then kills it
   * and its descendants if it is still alive. Returns the exit code.
   */
  public int stop(Duration timeout) {
    process.destroy();
    try {
      if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        stdout.join(DRAIN_WAIT.toNanos());
        stderr.join(DRAIN_WAIT.toNanos());
        return process.exitValue();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return kill();
  }

  /**
   * Kills the child and its descendants at once (SIGKILL on Unix) and waits until the child is gone. Returns
   * the exit code. Does nothing more if the child has already exited.
   *
   * @throws IllegalStateException if the child is still alive 30 seconds after the kill
   */
  public int kill() {
    // Descendants must be listed before the child dies: they are re-parented afterwards.
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
    try {
      if (!process.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(description + " is still alive " + KILL_WAIT + " after a forced kill");
      }
      stdout.join(DRAIN_WAIT.toNanos());
      stderr.join(DRAIN_WAIT.toNanos());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while killing " + description, e);
    }
    return process.exitValue();
  }

  /** At this JVM's exit: the child and its descendants killed, without waiting (the JVM is going). */
  private void killAtExit() {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
  }

  /** Kills the child and its descendants if still alive, and removes temporary files. */
  @Override
  public void close() {
    UNCLOSED.remove(this);
    try {
      if (process.isAlive() || process.descendants().findAny().isPresent()) {
        kill();
      }
    } finally {
      if (argumentFile != null) {
        try {
          Files.deleteIfExists(argumentFile);
        } catch (IOException e) {
          // A leftover temporary file is not worth failing a test over.
        }
      }
    }
  }

  @Override
  public String toString() {
    return description + (process.isAlive() ? " (running)" : " (exited " + process.exitValue() + ")");
  }

  private boolean awaitExitQuietly() {
    try {
      return process.waitFor(DRAIN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private String describeOutput() {
    if (errorRedirected) {
      return "\n--- output of " + description + " (stdout and stderr) ---\n" + stdout() + "\n--- end of output ---";
    }
    return "\n--- stdout of " + description + " ---\n" + stdout() + "\n--- stderr of " + description + " ---\n"
        + stderr() + "\n--- end of output ---";
  }

  /** One output stream of the child, read line by line by a daemon thread into memory. */
  private final class Output implements Runnable {
    private final String name;
    private final InputStream in;
    private final String echoPrefix;
    private final PrintStream echo;
    private final Thread thread;
    // Guarded by monitor.
    private final StringBuilder text = new StringBuilder();
    private final List<String> lines = new ArrayList<>();
    private boolean ended;

    Output(String name, InputStream in, String echoPrefix, PrintStream echo) {
      this.name = name;
      this.in = in;
      this.echoPrefix = echoPrefix;
      this.echo = echo;
      this.thread = new Thread(this, "JavaProcess-" + process.pid() + "-" + name);
      this.thread.setDaemon(true);
    }

    @Override
    public void run() {
      // The child encodes its output with its default charset, which is this JVM's as they are the same java.
      try (Reader reader = new InputStreamReader(in, Charset.defaultCharset())) {
        StringBuilder line = new StringBuilder();
        char[] buffer = new char[8192];
        int read;
        while ((read = reader.read(buffer)) != -1) {
          synchronized (monitor) {
            text.append(buffer, 0, read);
            for (int i = 0; i < read; i++) {
              char c = buffer[i];
              if (c == '\n') {
                addLine(line);
              } else {
                line.append(c);
              }
            }
            monitor.notifyAll();
          }
        }
        synchronized (monitor) {
          if (line.length() > 0) {
            addLine(line);
          }
        }
      } catch (IOException e) {
        // The pipe broke (the child was killed); what was read so far stays available.
      } finally {
        synchronized (monitor) {
          ended = true;
          monitor.notifyAll();
        }
      }
    }

    private void addLine(StringBuilder line) {
      int end = line.length();
      if (end > 0 && line.charAt(end - 1) == '\r') {
        end--;
      }
      String complete = line.substring(0, end);
      line.setLength(0);
      lines.add(complete);
      if (echo != null) {
        echo.println(echoPrefix + complete);
      }
    }

    String text() {
      synchronized (monitor) {
        return text.toString();
      }
    }

    List<String> lines() {
      synchronized (monitor) {
        return List.copyOf(lines);
      }
    }

    /** Called with monitor held. */
    Optional<String> firstMatch(Predicate<String> condition) {
      for (String line : lines) {
        if (condition.test(line)) {
          return Optional.of(line);
        }
      }
      return Optional.empty();
    }

    void join(long nanos) throws InterruptedException {
      TimeUnit.NANOSECONDS.timedJoin(thread, nanos);
    }
  }

  /**
   * Describes the JVM to start. Defaults: this JVM's {@code java} and classpath, no JVM options, no system
   * properties, this process's environment, stdout and stderr kept apart, output not echoed.
   */
  public static final class Builder {
    private final String mainClassName;
    private final List<String> args = new ArrayList<>();
    private final List<String> jvmOptions = new ArrayList<>();
    private final Map<String, String> systemProperties = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<String> removedEnvironmentPrefixes = new ArrayList<>();
    private boolean redirectErrorStream;
    private String description;
    private String classpath = System.getProperty("java.class.path");
    private String javaCommand;
    private Path workingDirectory;
    private PrintStream echo;
    private String echoPrefix = "";

    private Builder(String mainClassName) {
      this.mainClassName = Objects.requireNonNull(mainClassName, "mainClassName");
    }

    /** Appends program arguments, passed to {@code main} as they are. */
    public Builder args(String... args) {
      this.args.addAll(List.of(args));
      return this;
    }

    /** Appends program arguments, passed to {@code main} as they are. */
    public Builder args(List<String> args) {
      this.args.addAll(args);
      return this;
    }

    /** Appends JVM options such as {@code -Xmx64m}, placed before the main class. */
    public Builder jvmOptions(String... options) {
      this.jvmOptions.addAll(List.of(options));
      return this;
    }

    /** Sets a system property of the child ({@code -Dname=value}). */
    public Builder systemProperty(String name, String value) {
      this.systemProperties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Sets an environment variable of the child, on top of this process's environment. It is set even if its
     * name starts with a prefix given to {@link #withoutEnvironment(String)}.
     */
    public Builder environment(String name, String value) {
      this.environment.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Does not pass on the variables of this process's environment whose names start with {@code prefix}
     * (case-sensitive), for programs that read settings from variables which must not leak from the caller's
     * environment, such as Hazelcast's {@code HZ_*} configuration overrides.
     */
    public Builder withoutEnvironment(String prefix) {
      this.removedEnvironmentPrefixes.add(Objects.requireNonNull(prefix, "prefix"));
      return this;
    }

    /**
     * Whether the child's stderr goes to the same pipe as its stdout, as {@link ProcessBuilder#redirectErrorStream}
     * does; default no. Merged, the lines keep the order the child wrote them in (two pipes read by two threads
     * cannot tell which came first), all of them are in {@link JavaProcess#stdout()}, and
     * {@link JavaProcess#stderr()} stays empty.
     */
    public Builder redirectErrorStream(boolean redirect) {
      this.redirectErrorStream = redirect;
      return this;
    }

    /**
     * Names the child in error messages and {@link JavaProcess#toString()}, followed by its pid; default
     * {@code "JVM <pid> (<main class>)"}.
     */
    public Builder description(String description) {
      this.description = Objects.requireNonNull(description, "description");
      return this;
    }

    /** Replaces the classpath, a {@link File#pathSeparator}-separated string. */
    public Builder classpath(String classpath) {
      this.classpath = Objects.requireNonNull(classpath, "classpath");
      return this;
    }

    /** Replaces the classpath with these jars and directories. */
    public Builder classpath(List<Path> entries) {
      return classpath(String.join(File.pathSeparator, entries.stream().map(Path::toString).toList()));
    }

    /** Uses another {@code java} launcher than this JVM's. */
    public Builder javaCommand(String javaCommand) {
      this.javaCommand = Objects.requireNonNull(javaCommand, "javaCommand");
      return this;
    }

    /** Runs the child in this directory rather than in this process's working directory. */
    public Builder workingDirectory(Path directory) {
      this.workingDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /** Echoes every line of the child's stdout and stderr to {@code out}, each preceded by {@code prefix}. */
    public Builder echo(PrintStream out, String prefix) {
      this.echo = Objects.requireNonNull(out, "out");
      this.echoPrefix = Objects.requireNonNull(prefix, "prefix");
      return this;
    }

    /** Echoes every line of the child's output to {@link System#out}, each preceded by {@code prefix}. */
    public Builder echo(String prefix) {
      return echo(System.out, prefix);
    }

    /** The command line {@link #start()} runs, for logs and error messages. */
    public List<String> command() {
      return command(null);
    }

    /**
     * Starts the JVM.
     *
     * @throws UncheckedIOException if the process cannot be started
     */
    public JavaProcess start() {
      Path argumentFile = null;
      try {
        if (classpath.length() > MAX_INLINE_CLASSPATH) {
          argumentFile = Files.createTempFile("java-process-classpath", ".args");
          Files.writeString(argumentFile, "-cp \"" + escapeForArgumentFile(classpath) + "\"\n");
        }
        ProcessBuilder builder = new ProcessBuilder(command(argumentFile));
        if (workingDirectory != null) {
          builder.directory(workingDirectory.toFile());
        }
        Map<String, String> childEnvironment = builder.environment();
        childEnvironment.keySet().removeIf(name -> removedEnvironmentPrefixes.stream().anyMatch(name::startsWith));
        childEnvironment.putAll(environment);
        builder.redirectErrorStream(redirectErrorStream);
        Process process = builder.start();
        String fullDescription = description != null
            ? description + " (pid " + process.pid() + ")"
            : "JVM " + process.pid() + " (" + mainClassName + ")";
        return new JavaProcess(fullDescription, process, argumentFile, redirectErrorStream, echoPrefix, echo);
      } catch (IOException e) {
        deleteQuietly(argumentFile);
        throw new UncheckedIOException("Cannot start " + (description != null ? description + ": " : "")
            + String.join(" ", command()), e);
      }
    }

    private List<String> command(Path argumentFile) {
      List<String> command = new ArrayList<>();
      command.add(javaCommand != null ? javaCommand : currentJavaCommand());
      command.addAll(jvmOptions);
      systemProperties.forEach((name, value) -> command.add("-D" + name + "=" + value));
      if (argumentFile != null) {
        command.add("@" + argumentFile);
      } else if (!classpath.isEmpty()) {
        command.add("-cp");
        command.add(classpath);
      }
      command.add(mainClassName);
      command.addAll(args);
      return command;
    }

    /** In a java argument file a backslash escapes the next character inside quotes. */
    private static String escapeForArgumentFile(String value) {
      return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static void deleteQuietly(Path file) {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException ignored) {
          // Best effort.
        }
      }
    }
  }
}
