package io.sharedobjects.partition;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * A network cut between loopback addresses, made with iptables: a chain of this object's own ({@code
 * SO-PART-<pid>-<n>}), jumped to first thing from INPUT and OUTPUT, holding DROP rules between every
 * address of one side and every address of the other, both ways. Dropped packets get no answer, so open
 * connections hang and new ones time out, as across a failed switch; nothing else on the machine is
 * affected. {@link #heal()} removes the DROP rules; {@link #close()} removes the jumps and the chain, and
 * also runs from a JVM shutdown hook in case a test cannot. A JVM killed outright leaves its chain behind;
 * {@link #removeLeftovers()} removes the chains of JVMs that no longer run.
 *
 * <p>Needs Linux, root and the {@code iptables} command (either backend, nft or legacy): see {@link
 * #assumeUsable()}. Thread-safe.
 */
final class IptablesPartition implements AutoCloseable {

  static final String CHAIN_PREFIX = "SO-PART-";

  /** The system property that makes a machine without usable iptables a failure instead of a skip. */
  static final String REQUIRE_PROPERTY = "shared-objects.require-iptables";

  private static final AtomicInteger CHAINS = new AtomicInteger();
  private static final Pattern OUR_CHAIN = Pattern.compile("^-N (" + CHAIN_PREFIX + "(\\d+)-\\d+)$", Pattern.MULTILINE);

  private final String chain;
  private final Thread shutdownHook;
  private boolean closed;

  private IptablesPartition(String chain) {
    this.chain = chain;
    this.shutdownHook = new Thread(this::closeFromHook, "remove iptables chain " + chain);
  }

  /** Creates the chain and its jumps, with no rule in it yet: nothing is cut. */
  static IptablesPartition create() {
    IptablesPartition partition =
        new IptablesPartition(CHAIN_PREFIX + ProcessHandle.current().pid() + "-" + CHAINS.incrementAndGet());
    Runtime.getRuntime().addShutdownHook(partition.shutdownHook);
    try {
      iptables("-N", partition.chain);
      iptables("-I", "INPUT", "1", "-j", partition.chain);
      iptables("-I", "OUTPUT", "1", "-j", partition.chain);
    } catch (RuntimeException e) {
      try {
        partition.close();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    return partition;
  }

  String chain() {
    return chain;
  }

  /** Drops every packet between an address of {@code one} and an address of {@code other}, both ways. */
  synchronized void cut(Collection<String> one, Collection<String> other) {
    checkOpen();
    for (String a : one) {
      for (String b : other) {
        iptables("-A", chain, "-s", a + "/32", "-d", b + "/32", "-j", "DROP");
        iptables("-A", chain, "-s", b + "/32", "-d", a + "/32", "-j", "DROP");
      }
    }
  }

  /** Removes every DROP rule: the sides can reach each other again. */
  synchronized void heal() {
    checkOpen();
    iptables("-F", chain);
  }

  /**
   * Removes the jumps and the chain, trying every step even if one fails. Idempotent.
   *
   * @throws IllegalStateException if a step failed, naming what is left behind
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // Called from the hook itself, or during shutdown: nothing to unregister.
    }
    removeChain(chain);
  }

  private void closeFromHook() {
    try {
      close();
    } catch (RuntimeException e) {
      System.err.println("Could not remove iptables chain " + chain + ": " + e.getMessage());
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("iptables chain " + chain + " was already removed");
    }
  }

  /** Removes the jumps to {@code chain} from INPUT and OUTPUT, its rules and the chain itself. */
  private static void removeChain(String chain) {
    List<String> failures = new ArrayList<>();
    for (String builtIn : List.of("INPUT", "OUTPUT")) {
      // Only one jump is inserted, but a leftover might have more: delete until there is none.
      while (iptablesQuietly("-C", builtIn, "-j", chain)) {
        if (!iptablesQuietly("-D", builtIn, "-j", chain)) {
          failures.add("the jump from " + builtIn);
          break;
        }
      }
    }
    if (iptablesQuietly("-n", "-L", chain)) {
      if (!iptablesQuietly("-F", chain)) {
        failures.add("its rules");
      }
      if (!iptablesQuietly("-X", chain)) {
        failures.add("the chain");
      }
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException("Could not remove iptables chain " + chain + ": " + failures
          + " left behind; remove them by hand (iptables -S shows them)");
    }
  }

  /** Removes the chains that JVMs no longer running left behind, such as one killed in the middle of a test. */
  static void removeLeftovers() {
    Matcher chains = OUR_CHAIN.matcher(iptables("-S"));
    while (chains.find()) {
      long pid = Long.parseLong(chains.group(2));
      if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
        continue;
      }
      System.out.println("Removing iptables chain " + chains.group(1) + " left by process " + pid + ", which is gone");
      removeChain(chains.group(1));
    }
  }

  /**
   * The filter rules as {@code iptables -S} and {@code iptables-save -t filter} print them, without
   * comments and packet counters, so two snapshots are equal when the rules are.
   */
  static String rules() {
    String save = run(List.of("iptables-save", "-t", "filter"))
        .replaceAll("(?m)^#.*\\R", "")
        .replaceAll("\\[\\d+:\\d+\\]", "[]");
    return "iptables -S:\n" + iptables("-S") + "iptables-save -t filter:\n" + save;
  }

  /**
   * Skips the calling test, with the reason, where iptables cannot cut the network here (not Linux, not
   * root, no iptables command, or it fails). Where they are required ({@code
   * -Dshared-objects.require-iptables=true}, or else the environment variable {@code CI=true}: partition
   * tests must run on CI, DESIGN.md section 6), fails it instead.
   */
  static void assumeUsable() {
    String missing = whatIsMissing();
    if (missing == null) {
      return;
    }
    String message = "The partition tests cut the network with iptables, but " + missing
        + ". Run them as root on Linux with iptables installed (Debian: apt-get install iptables).";
    if (required()) {
      throw new AssertionError(message + " They are required here (-D" + REQUIRE_PROPERTY
          + "=true or CI=true), so they fail instead of being skipped.");
    }
    Assumptions.abort(message);
  }

  /** Whether a machine that cannot cut the network fails the tests instead of skipping them. */
  static boolean required() {
    String property = System.getProperty(REQUIRE_PROPERTY);
    if (property != null && !property.isBlank()) {
      return Boolean.parseBoolean(property.trim());
    }
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  private static String whatIsMissing() {
    if (!System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")) {
      return "this is " + System.getProperty("os.name") + ", not Linux";
    }
    String uid;
    try {
      uid = run(List.of("id", "-u")).trim();
    } catch (RuntimeException e) {
      return "'id -u' failed (" + e.getMessage() + ")";
    }
    if (!uid.equals("0")) {
      return "this process runs as user id " + uid + ", not root";
    }
    try {
      iptables("-S");
      run(List.of("iptables-save", "-t", "filter"));
    } catch (RuntimeException e) {
      return "iptables cannot be used (" + e.getMessage() + ")";
    }
    return null;
  }

  /** Runs {@code iptables -w <args>} (waiting for the xtables lock) and returns its output. */
  static String iptables(String... args) {
    List<String> command = new ArrayList<>(List.of("iptables", "-w", "10"));
    command.addAll(List.of(args));
    return run(command);
  }

  private static boolean iptablesQuietly(String... args) {
    try {
      iptables(args);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * Runs a command and returns its stdout.
   *
   * @throws IllegalStateException if it cannot start, fails, or runs for more than 30 s, with its stderr
   */
  private static String run(List<String> command) {
    Process process;
    try {
      process = new ProcessBuilder(command).start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
    }
    try {
      process.getOutputStream().close();
      CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
      String stdout = read(process.getInputStream());
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not finish within 30 s");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue() + ": "
            + stderr.join().trim());
      }
      return stdout;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
    }
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
