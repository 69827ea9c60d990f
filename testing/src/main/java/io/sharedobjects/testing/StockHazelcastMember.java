package io.sharedobjects.testing;

import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A stock Hazelcast member in its own JVM, started exactly as a user runs one:
 * {@code java -cp hazelcast-5.7.0.jar com.hazelcast.core.server.HazelcastMemberStarter} with a generated YAML
 * configuration, and nothing of shared-objects on its classpath.
 *
 * <p>This is test support, public so that users can test their own client-mode code against a real,
 * separate member the way shared-objects tests itself:
 *
 * <pre>{@code
 * try (StockHazelcastMember member = StockHazelcastMember.builder().clusterName("orders-test").start();
 *      HazelcastSharedObjects shared = HazelcastSharedObjects.builder()
 *          .clusterName(member.clusterName()).client(member.address())) {
 *   ...
 * }
 * }</pre>
 *
 * <p>The member is safe to run on a developer machine or a CI host: it listens on 127.0.0.1 only (with
 * {@code hazelcast.socket.bind.any} false, so not on every interface), joins by
 * TCP-IP with the given members only, and has multicast, cloud auto-detection and phone-home off. By default
 * it listens on a free port picked at start (port auto-increment off, so {@link #address()} is exact). Its
 * failure timings are those of the members {@code HazelcastSharedObjects.embedded()} starts (the properties
 * of {@code io.sharedobjects.hazelcast.MemberProperties}): a dead client's locks are released within 6 seconds
 * of its connection closing, a client silent for 15 seconds is dropped, and a member silent for 10 seconds is
 * declared dead.
 * {@link #start()} returns once the member logs that it {@code is STARTED}, when clients can connect.
 *
 * <p>The member runs the {@code java} of this JVM with a small heap ({@code -Xmx256m}); its log (Hazelcast's
 * JDK logging, stdout and stderr merged) is kept in memory, see {@link #output()}, and can be echoed.
 *
 * <p>{@link #close()} stops the member and never leaves the process behind; use try-with-resources or close it
 * in a {@code finally} block or an {@code @AfterAll} method.
 *
 * <p>Hazelcast is an optional dependency of this module: add {@code com.hazelcast:hazelcast} to the test
 * classpath (code that talks to a member has it already); its jar is what the member runs.
 *
 * <p><b>Thread safety:</b> thread-safe. The builder is not.
 */
public final class StockHazelcastMember implements AutoCloseable {

  /** The class a Hazelcast distribution's {@code hz start} runs. */
  public static final String MAIN_CLASS = "com.hazelcast.core.server.HazelcastMemberStarter";

  /** The cluster name {@code HazelcastSharedObjects.embedded()} and {@code client(...)} use. */
  public static final String DEFAULT_CLUSTER_NAME = "shared-objects";

  private static final String HOST = MemberYaml.HOST;
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(45);

  private final String clusterName;
  private final int port;
  private final Path configFile;
  private final JavaProcess process;
  private final Duration startupTime;

  private StockHazelcastMember(String clusterName, int port, Path configFile, JavaProcess process,
      Duration startupTime) {
    this.clusterName = clusterName;
    this.port = port;
    this.configFile = configFile;
    this.process = process;
    this.startupTime = startupTime;
  }

  /** Starts a member with the defaults: cluster {@value #DEFAULT_CLUSTER_NAME}, a free port, no other members. */
  public static StockHazelcastMember start() {
    return builder().start();
  }

  /** A builder with the defaults of {@link #start()}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A port on 127.0.0.1 that was free a moment ago: the operating system's pick for a socket bound to port 0.
   * Another process may take it before the member binds it; the member then fails to start, with a clear
   * error. Use it to plan a cluster whose members must know each other's ports before they start.
   */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot find a free port on " + HOST, e);
    }
  }

  /** The Hazelcast jar (or classes directory) that this JVM loaded Hazelcast from. */
  public static Path hazelcastJar() {
    try {
      return Path.of(HazelcastInstance.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | NullPointerException | SecurityException e) {
      throw new IllegalStateException("Cannot tell where Hazelcast was loaded from; give the jar with "
          + "StockHazelcastMember.builder().hazelcastJar(path)", e);
    }
  }

  /** Where clients connect: {@code "127.0.0.1:<port>"}. */
  public String address() {
    return HOST + ":" + port;
  }

  /** The port the member listens on. */
  public int port() {
    return port;
  }

  /** The cluster name clients must use. */
  public String clusterName() {
    return clusterName;
  }

  /** The operating system's id of the member's JVM. */
  public long pid() {
    return process.pid();
  }

  /** Whether the member's JVM is still running. */
  public boolean isRunning() {
    return process.isAlive();
  }

  /** The process of the member's JVM, for example to await its exit with {@code onExit()}. */
  public ProcessHandle processHandle() {
    return process.process().toHandle();
  }

  /** The time from launching the JVM until the member logged that it is STARTED. */
  public Duration startupTime() {
    return startupTime;
  }

  /** The YAML configuration the member was started with, as written to its configuration file. */
  public String config() {
    try {
      return Files.readString(configFile);
    } catch (IOException e) {
      throw new UncheckedIOException("The configuration file " + configFile + " is gone: the member was stopped", e);
    }
  }

  /** The member's log so far: its stdout and stderr, interleaved as written. */
  public String output() {
    // stderr is redirected into stdout at start, so stdout holds both.
    return process.stdout();
  }

  /**
   * Stops the member gracefully, as Ctrl-C does: SIGTERM runs Hazelcast's shutdown hook, which shuts the
   * member down gracefully (partitions migrate to other members first). Kills it if it has not exited within
   * 45 seconds. Returns once the JVM has exited. Idempotent.
   */
  public void stop() {
    try {
      if (isRunning()) {
        process.stop(STOP_TIMEOUT);
      }
    } finally {
      try {
        // Kills what may be left (the member forks nothing, but close() makes sure) and removes temporary files.
        process.close();
      } finally {
        deleteConfigFile();
      }
    }
  }

  /**
   * Kills the member's JVM at once (SIGKILL on Unix), as a crash or {@code kill -9} does: no shutdown, its
   * data without backups is lost and the other members notice its absence only by timeouts. Returns once the
   * JVM has exited. Idempotent.
   */
  public void kill() {
    try {
      if (isRunning()) {
        process.kill();
      }
    } finally {
      try {
        process.close();
      } finally {
        deleteConfigFile();
      }
    }
  }

  /** Stops the member if it is still running; see {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  @Override
  public String toString() {
    return "StockHazelcastMember[" + clusterName + "@" + address() + ", pid " + pid()
        + (isRunning() ? "" : ", exited") + "]";
  }

  private void deleteConfigFile() {
    try {
      Files.deleteIfExists(configFile);
    } catch (IOException e) {
      // A leftover temporary file is not worth failing over.
    }
  }

  /** The member could not bind its port. */
  private static final class PortTakenException extends IllegalStateException {
    PortTakenException(RuntimeException cause) {
      super(cause.getMessage(), cause);
    }
  }

  /** Options of a {@link StockHazelcastMember}; {@link #start()} launches it. */
  public static final class Builder {
    private String clusterName = DEFAULT_CLUSTER_NAME;
    private int port;
    private final Set<String> members = new LinkedHashSet<>();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final List<String> jvmOptions = new ArrayList<>();
    private Path hazelcastJar;
    private String javaCommand;
    private Duration startupTimeout = Duration.ofSeconds(60);
    private PrintStream echo;
    private String echoPrefix = "";

    private Builder() {
    }

    /** The cluster name; default {@value #DEFAULT_CLUSTER_NAME}. Use a unique one per test class. */
    public Builder clusterName(String clusterName) {
      Objects.requireNonNull(clusterName, "clusterName");
      if (clusterName.isBlank()) {
        throw new IllegalArgumentException("The cluster name must not be blank");
      }
      this.clusterName = clusterName;
      return this;
    }

    /** The port to listen on, 1 to 65535; default a free port picked at start. */
    public Builder port(int port) {
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException("A port is 1 to 65535, not " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * The other members of the cluster to join, as {@code "127.0.0.1:<port>"}; default none. Start each
     * member with the others' addresses (pick their ports first with {@link StockHazelcastMember#freePort()}).
     */
    public Builder members(String... addresses) {
      for (String address : addresses) {
        members.add(Objects.requireNonNull(address, "address"));
      }
      return this;
    }

    /** Sets a Hazelcast property in the member's configuration, on top of (or replacing) the safe defaults. */
    public Builder property(String name, String value) {
      properties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Appends options for the member's JVM, after the defaults ({@code -Xmx256m} and others). */
    public Builder jvmOptions(String... options) {
      jvmOptions.addAll(List.of(options));
      return this;
    }

    /** The Hazelcast jar to run; default the one this JVM loaded Hazelcast from. */
    public Builder hazelcastJar(Path jar) {
      this.hazelcastJar = Objects.requireNonNull(jar, "jar");
      return this;
    }

    /** The {@code java} launcher to run the member with; default this JVM's. */
    public Builder javaCommand(String javaCommand) {
      this.javaCommand = Objects.requireNonNull(javaCommand, "javaCommand");
      return this;
    }

    /** How long {@link #start()} waits for the member to be ready; default 60 seconds. */
    public Builder startupTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("The startup timeout must be positive, not " + timeout);
      }
      this.startupTimeout = timeout;
      return this;
    }

    /** Echoes each line the member logs to {@code out}, preceded by {@code prefix}; default no echo. */
    public Builder echo(PrintStream out, String prefix) {
      this.echo = Objects.requireNonNull(out, "out");
      this.echoPrefix = Objects.requireNonNull(prefix, "prefix");
      return this;
    }

    /**
     * Launches the member and waits until it is ready for clients.
     *
     * @throws IllegalStateException if the member exits or is not ready within the startup timeout; the
     *     message holds its log, and the JVM has been killed
     */
    public StockHazelcastMember start() {
      if (port != 0) {
        return start(port);
      }
      // A port picked free can be taken by another process before the member binds it; pick again then.
      for (int attempt = 1; ; attempt++) {
        try {
          return start(freePort());
        } catch (PortTakenException e) {
          if (attempt == 3) {
            throw e;
          }
        }
      }
    }

    private StockHazelcastMember start(int memberPort) {
      Path jar = hazelcastJar != null ? hazelcastJar : StockHazelcastMember.hazelcastJar();
      Path configFile = writeConfig(memberPort);
      JavaProcess.Builder launch = JavaProcess.builder(MAIN_CLASS)
          // Only the Hazelcast jar: the member must not see any class of shared-objects or of the test.
          .classpath(List.of(jar))
          // The system properties go in as JVM options, ahead of the user's, so that a -D among the user's
          // options overrides a default (the last -D of a name wins), as it always has.
          .jvmOptions("-Xmx256m", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
              "-Djava.net.preferIPv4Stack=true",
              "-Dhazelcast.phone.home.enabled=false",
              "-Dhazelcast.logging.type=jdk",
              "-Dhazelcast.config=" + configFile)
          .jvmOptions(JavaProcess.HAZELCAST_MODULE_OPTIONS.toArray(String[]::new))
          .jvmOptions(jvmOptions.toArray(String[]::new))
          // HZ_* variables override a member's configuration (Hazelcast's environment overrides); a user's
          // settings meant for another cluster must not leak into this one.
          .withoutEnvironment("HZ_")
          // One pipe keeps the log's lines in the order Hazelcast wrote them, stderr (JDK logging) included.
          .redirectErrorStream(true)
          .description("Hazelcast member " + clusterName + "@" + HOST + ":" + memberPort);
      if (javaCommand != null) {
        launch.javaCommand(javaCommand);
      }
      if (echo != null) {
        launch.echo(echo, echoPrefix);
      }

      long startNanos = System.nanoTime();
      JavaProcess process;
      try {
        process = launch.start();
      } catch (RuntimeException e) {
        deleteQuietly(configFile);
        throw e;
      }
      try {
        process.awaitOutputLine(line -> line.contains("is STARTED"), startupTimeout);
      } catch (RuntimeException e) {
        try {
          process.close();
        } finally {
          deleteQuietly(configFile);
        }
        if (process.stdout().contains("is already in use")) {
          throw new PortTakenException(e);
        }
        throw e;
      }
      Duration startupTime = Duration.ofNanos(System.nanoTime() - startNanos);
      return new StockHazelcastMember(clusterName, memberPort, configFile, process, startupTime);
    }

    private Path writeConfig(int memberPort) {
      String yaml = MemberYaml.render("StockHazelcastMember", clusterName, memberPort, List.copyOf(members), properties);
      try {
        Path file = Files.createTempFile("hazelcast-member-", ".yaml");
        Files.writeString(file, yaml);
        return file;
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write the member's configuration file", e);
      }
    }

    private static void deleteQuietly(Path file) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // Best effort.
      }
    }
  }
}
