package io.sharedobjects.samples;

import io.sharedobjects.SharedDict;
import io.sharedobjects.SharedList;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.IntStream;

/**
 * The example of Python's {@code multiprocessing.Manager} documentation, in Java, across two JVMs.
 *
 * <pre>
 * from multiprocessing import Process, Manager
 *
 * def f(d, l):
 *     d[1] = '1'
 *     d['2'] = 2
 *     d[0.25] = None
 *     l.reverse()
 *
 * if __name__ == '__main__':
 *     with Manager() as manager:
 *         d = manager.dict()
 *         l = manager.list(range(10))
 *         p = Process(target=f, args=(d, l))
 *         p.start()
 *         p.join()
 *         print(d)
 *         print(l)
 * </pre>
 *
 * <p>It prints what the Python program prints:
 *
 * <pre>
 * {1: '1', '2': 2, 0.25: None}
 * [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]
 * </pre>
 *
 * <p>The parent starts an embedded Hazelcast member on 127.0.0.1 (Python's {@code Manager()}), creates the
 * dict and the list, and starts a second JVM running {@link Child} (Python's {@code Process}) with the
 * member's address and the objects' names; the child connects as a client, changes both, and exits. Run it
 * from the repository root with {@code ./mvnw -q -pl samples -am process-classes -Dsample=SeedExample}.
 */
public final class SeedExample {

  /** How long the parent waits for the child; a child JVM with a client connects within seconds. */
  static final Duration CHILD_TIMEOUT = Duration.ofSeconds(90);

  /** The keys in the order {@link Child#f} writes them: the order a Python dict would print them in. */
  static final List<Object> KEYS_IN_WRITE_ORDER = List.of(1, "2", 0.25);

  /** Hazelcast logs each step at INFO; the sample's output is its result. Held so the levels stay set. */
  private static final List<Logger> QUIET_LOGGERS =
      List.of(Logger.getLogger("com.hazelcast"), Logger.getLogger("io.sharedobjects"));

  /**
   * System property: more options for the child JVM, separated by spaces. {@link SampleLauncher} passes the
   * child's class-data sharing archive in it.
   */
  public static final String CHILD_JVM_OPTIONS = "sharedobjects.samples.childJvmOptions";

  /**
   * Options for a short-lived JVM: C1 only (C2 compiles for long runs; here it would compete with start-up
   * for the CPU), a small heap with the serial collector (no concurrent GC threads to start), class-data
   * sharing when an archive is there, and JVM warnings on stderr so stdout holds only the program's output.
   */
  static final List<String> CHILD_JVM_FLAGS = List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
      "-Xshare:auto", "-Xlog:disable", "-Xlog:all=warning:stderr");

  /**
   * The access Hazelcast asks for on Java 9 and later; without it, it logs a warning at start. Hazelcast also
   * suggests {@code --add-modules java.se}, which a program on the class path does not need (the java.se
   * modules are its root modules already) and which costs 35 ms of JVM start-up here.
   */
  static final List<String> HAZELCAST_MODULE_OPTIONS = List.of(
      "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-opens", "java.base/java.lang=ALL-UNNAMED",
      "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens", "java.management/sun.management=ALL-UNNAMED",
      "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");

  private SeedExample() {
  }

  /** What the parent sees after the child has exited: private copies of the dict and the list. */
  public record Result(Map<Object, Object> dict, List<Integer> list) {
  }

  public static void main(String[] args) {
    quietLogging();
    try (HazelcastSharedObjects shared = HazelcastSharedObjects.embedded()) {
      run(shared, System.out);
    } catch (ChildFailedException e) {
      System.err.println(e.getMessage());
      System.exit(1);
    }
  }

  /**
   * Runs the example on {@code shared}, an embedded member or a client, and prints the dict and the list
   * to {@code out} as Python would.
   *
   * @throws ChildFailedException if the child JVM fails or does not finish in time; the message holds its
   *     output
   */
  public static Result run(HazelcastSharedObjects shared, PrintStream out) {
    SharedDict<Object, Object> d = shared.dict();
    SharedList<Integer> l = shared.list();
    l.addAll(IntStream.range(0, 10).boxed().toList());

    runChild(shared.clusterName(), shared.address(), d.name(), l.name());

    Result result = new Result(d.snapshot(), l.snapshot());
    // A Python dict prints in insertion order; a Hazelcast map keeps no order. This program knows the
    // order its child writes the keys in, so it prints those first, in that order; any other key would
    // follow (sorted), so every entry is printed whatever it holds.
    out.println(PythonRepr.dict(result.dict(), KEYS_IN_WRITE_ORDER));
    out.println(result.list());
    // Unlike a Manager's objects, shared objects outlive this program unless destroyed.
    d.destroy();
    l.destroy();
    return result;
  }

  /** Python's {@code f}, run by the child. */
  public static final class Child {

    private Child() {
    }

    /** Arguments: cluster name, member address, dict name, list name. */
    public static void main(String[] args) {
      if (args.length != 4) {
        System.err.println("Usage: SeedExample$Child <cluster name> <member address> <dict name> <list name>");
        System.exit(2);
      }
      quietLogging();
      try (HazelcastSharedObjects shared =
          HazelcastSharedObjects.builder().clusterName(args[0]).client(args[1])) {
        f(shared.dict(args[2]), shared.list(args[3]));
      }
    }

    static void f(SharedDict<Object, Object> d, SharedList<Integer> l) {
      d.put(1, "1");
      d.put("2", 2);
      d.put(0.25, null);
      l.reverse();
    }
  }

  /** Starts {@link Child} in a new JVM, as Python's {@code p.start()}, and waits for it, as {@code p.join()}. */
  static void runChild(String clusterName, String address, String dictName, String listName) {
    Path output = null;
    Process child = null;
    try {
      // A file, not a pipe, takes the child's output: it can never fill up and block the child.
      output = Files.createTempFile("seed-example-child", ".log");
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
      command.addAll(CHILD_JVM_FLAGS);
      command.addAll(List.of("-Dhazelcast.phone.home.enabled=false", "-Dhazelcast.logging.type=jdk"));
      command.addAll(HAZELCAST_MODULE_OPTIONS);
      String extra = System.getProperty(CHILD_JVM_OPTIONS, "").strip();
      if (!extra.isEmpty()) {
        command.addAll(List.of(extra.split("\\s+")));
      }
      command.addAll(List.of(
          "-cp", childClasspath(),
          Child.class.getName(), clusterName, address, dictName, listName));
      child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
      if (!child.waitFor(CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new ChildFailedException("The child JVM did not finish within " + CHILD_TIMEOUT.toSeconds()
            + " s; its output:\n" + Files.readString(output, Charset.defaultCharset()));
      }
      if (child.exitValue() != 0) {
        throw new ChildFailedException("The child JVM failed with exit code " + child.exitValue()
            + "; its output:\n" + Files.readString(output, Charset.defaultCharset()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run the child JVM", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChildFailedException("Interrupted while waiting for the child JVM");
    } finally {
      if (child != null && child.isAlive()) {
        child.destroyForcibly();
      }
      if (output != null) {
        output.toFile().delete();
      }
    }
  }

  /**
   * This program's classpath for the child. {@code java -cp}, IDEs, {@code exec:exec} and Surefire put it in
   * {@code java.class.path}; tools that run the program inside their own JVM with a class loader of their
   * own (such as {@code exec:java}) do not, so that loader's jars are added.
   */
  static String childClasspath() {
    Set<String> entries = new LinkedHashSet<>(List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
    for (ClassLoader loader = SeedExample.class.getClassLoader(); loader != null; loader = loader.getParent()) {
      if (loader instanceof URLClassLoader urlLoader) {
        for (URL url : urlLoader.getURLs()) {
          try {
            entries.add(Path.of(url.toURI()).toString());
          } catch (URISyntaxException | IllegalArgumentException e) {
            // Not a file: nothing a child JVM could load from.
          }
        }
      }
    }
    entries.remove("");
    return String.join(File.pathSeparator, entries);
  }

  private static void quietLogging() {
    QUIET_LOGGERS.forEach(logger -> logger.setLevel(Level.WARNING));
  }

  /** The child JVM failed or did not finish in time. */
  public static final class ChildFailedException extends RuntimeException {
    ChildFailedException(String message) {
      super(message);
    }
  }
}
