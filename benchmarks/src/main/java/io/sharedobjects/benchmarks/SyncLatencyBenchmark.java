package io.sharedobjects.benchmarks;

import io.sharedobjects.SharedBarrier;
import io.sharedobjects.SharedCounter;
import io.sharedobjects.SharedEvent;
import io.sharedobjects.SharedLock;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Wake-up latencies across two JVMs, which JMH's throughput and average-time modes do not measure: this JVM
 * is an embedded member of a fresh cluster; a second JVM ({@link SyncLatencyChild}) joins it as another
 * embedded member (variant {@code member}) or as a client (variant {@code client}) and waits; this JVM wakes
 * it. Each figure is the time from the waking call's start in this JVM to the waiter's return in the other,
 * both read with {@link System#nanoTime()}: on Linux that is CLOCK_MONOTONIC, one clock for every process
 * of the machine (a negative figure would show it is not, and fails the run).
 *
 * <ul>
 *   <li><b>event</b>: the child awaits a cleared {@code SharedEvent}; after a pause (so that it is waiting)
 *       this JVM calls {@code set()}. From the start of {@code set()} to the child's {@code await} returning.
 *       A round in which the child had not yet entered {@code await} when {@code set()} started is left out
 *       and counted.
 *   <li><b>condition</b>: the child holds the lock and awaits its default condition; this JVM takes the lock
 *       (which it gets only once the child's {@code await} has released it), advances the round counter,
 *       then calls {@code signal()} and {@code unlock()}. From the start of {@code signal()} to the child's
 *       {@code await} returning, holding the lock again.
 *   <li><b>barrier</b>: both JVMs await a barrier of 2 parties in a loop; the time between two consecutive
 *       returns of this JVM's {@code await}, one generation.
 * </ul>
 *
 * <p>Rounds are coordinated over the child's stdin and stdout, outside the measured intervals, so the
 * measured object is the only shared object in play. Warm-up rounds run first and are not counted.
 *
 * <p>Arguments, all optional: {@code --out DIR} (writes {@code sync-latency.json} there; default
 * {@code benchmarks/results}), {@code --warmup N} (rounds, default 100), {@code --rounds N} (default 400),
 * {@code --pause-ms N} (before each event round, default 5), {@code --variants member,client},
 * {@code --figures event,condition,barrier}.
 *
 * <p>Started without the fork options of {@link RunAll#FORK_JVM_ARGS}, it starts itself again with them,
 * so both JVMs measured run as the JMH forks do.
 */
public final class SyncLatencyBenchmark {

  /** Prefix of the child's protocol lines. */
  static final String PROTOCOL = "@@ ";

  /** Set in the JVM that measures, so it does not start itself again. */
  private static final String FORKED_PROPERTY = "sharedobjects.bench.latency.forked";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration ROUND_TIMEOUT = Duration.ofSeconds(SyncLatencyChild.WAIT_SECONDS + 10);

  /** Hazelcast logs every step at INFO; held so the level stays set. */
  private static final List<Logger> QUIET =
      List.of(Logger.getLogger("com.hazelcast"), Logger.getLogger("io.sharedobjects"));

  private static final List<String> FIGURES = List.of("event", "condition", "barrier");

  private final int warmup;
  private final int rounds;
  private final long pauseMillis;
  private final List<String> figures;

  private SyncLatencyBenchmark(int warmup, int rounds, long pauseMillis, List<String> figures) {
    this.warmup = warmup;
    this.rounds = rounds;
    this.pauseMillis = pauseMillis;
    this.figures = figures;
  }

  public static void main(String[] args) throws Exception {
    if (System.getProperty(FORKED_PROPERTY) == null) {
      System.exit(runForked(args));
    }
    Path out = Path.of("benchmarks/results");
    int warmup = 100;
    int rounds = 400;
    long pauseMillis = 5;
    List<String> variants = List.of("member", "client");
    List<String> figures = FIGURES;
    for (int i = 0; i < args.length; i += 2) {
      String value = args[i + 1];
      switch (args[i]) {
        case "--out" -> out = Path.of(value);
        case "--warmup" -> warmup = Integer.parseInt(value);
        case "--rounds" -> rounds = Integer.parseInt(value);
        case "--pause-ms" -> pauseMillis = Long.parseLong(value);
        case "--variants" -> variants = Arrays.asList(value.split(","));
        case "--figures" -> figures = Arrays.asList(value.split(","));
        default -> throw new IllegalArgumentException("Unknown option " + args[i]);
      }
    }
    if (rounds < 1 || warmup < 0 || pauseMillis < 0) {
      throw new IllegalArgumentException("--rounds must be positive, --warmup and --pause-ms not negative");
    }
    if (!FIGURES.containsAll(figures)) {
      throw new IllegalArgumentException("Figures are " + FIGURES + ", not " + figures);
    }
    QUIET.forEach(logger -> logger.setLevel(Level.WARNING));
    SyncLatencyBenchmark benchmark = new SyncLatencyBenchmark(warmup, rounds, pauseMillis, figures);
    Map<String, Map<String, Stats>> results = new LinkedHashMap<>();
    for (String variant : variants) {
      if (!variant.equals("member") && !variant.equals("client")) {
        throw new IllegalArgumentException("Variants are member and client, not " + variant);
      }
      results.put(variant, benchmark.measure(variant));
    }
    Files.createDirectories(out);
    Path file = out.resolve("sync-latency.json");
    Files.writeString(file, benchmark.json(results));
    System.out.println("# wrote " + file);
  }

  /** Runs this class again in a JVM with the JMH forks' options, its output echoed; returns its exit code. */
  private static int runForked(String[] args) {
    try (JavaProcess measuring = JavaProcess.builder(SyncLatencyBenchmark.class)
        .jvmOptions(RunAll.FORK_JVM_ARGS.toArray(String[]::new))
        .systemProperty(FORKED_PROPERTY, "true")
        .args(args)
        .redirectErrorStream(true)
        .echo("")
        .description("SyncLatencyBenchmark")
        .start()) {
      return measuring.awaitExit(Duration.ofMinutes(30));
    }
  }

  private Map<String, Stats> measure(String variant) throws Exception {
    String cluster = "sync-latency-" + UUID.randomUUID();
    String suffix = UUID.randomUUID().toString();
    String eventName = "latency-event-" + suffix;
    String lockName = "latency-lock-" + suffix;
    String counterName = "latency-round-" + suffix;
    String barrierName = "latency-barrier-" + suffix;
    try (HazelcastSharedObjects parent = HazelcastSharedObjects.builder().clusterName(cluster).port(0).embedded();
        JavaProcess child = JavaProcess.builder(SyncLatencyChild.class)
            .jvmOptions(RunAll.FORK_JVM_ARGS.toArray(String[]::new))
            .args(variant, cluster, parent.address(), eventName, lockName, counterName, barrierName)
            .redirectErrorStream(true)
            .description("SyncLatencyChild (" + variant + ")")
            .start()) {
      await(child, "READY", START_TIMEOUT);
      int members = parent.hazelcastInstance().getCluster().getMembers().size();
      if (members != (variant.equals("member") ? 2 : 1)) {
        throw new IllegalStateException("expected the child " + variant + " in the cluster, found " + members + " members");
      }
      Map<String, Stats> result = new LinkedHashMap<>();
      if (figures.contains("event")) {
        result.put("event", event(child, parent.event(eventName)));
        print(variant, "event set-to-wake", result.get("event"));
      }
      if (figures.contains("condition")) {
        result.put("condition", condition(child, parent.lock(lockName), parent.counter(counterName)));
        print(variant, "condition signal-to-wake", result.get("condition"));
      }
      if (figures.contains("barrier")) {
        result.put("barrier", barrier(child, parent.barrier(barrierName, 2)));
        print(variant, "barrier round, 2 parties", result.get("barrier"));
      }
      tell(child, "QUIT");
      int exit = child.awaitExit(START_TIMEOUT);
      if (exit != 0) {
        throw new IllegalStateException("the child exited with " + exit + ":\n" + child.stdout());
      }
      return result;
    }
  }

  private Stats event(JavaProcess child, SharedEvent event) throws InterruptedException {
    List<Long> samples = new ArrayList<>();
    int notWaiting = 0;
    for (int i = 1; i <= warmup + rounds; i++) {
      event.clear();
      tell(child, "EVENT " + i);
      // Time for the child to read the command and enter await, so the set finds it waiting.
      Thread.sleep(pauseMillis);
      long set = System.nanoTime();
      event.set();
      long[] stamps = stamps(await(child, "WOKE " + i, ROUND_TIMEOUT));
      if (i <= warmup) {
        continue;
      }
      if (stamps[0] > set) {
        notWaiting++;
      } else {
        samples.add(nonNegative(stamps[1] - set));
      }
    }
    return Stats.of(samples, notWaiting);
  }

  private Stats condition(JavaProcess child, SharedLock lock, SharedCounter round) {
    Condition condition = lock.newCondition();
    List<Long> samples = new ArrayList<>();
    int total = warmup + rounds;
    tell(child, "CONDITION " + total);
    await(child, "HOLDING", ROUND_TIMEOUT);
    for (int r = 1; r <= total; r++) {
      // The child holds the lock except inside await: getting it means the child waits on the condition.
      lock.lock();
      long signalled;
      try {
        round.set(r);
        signalled = System.nanoTime();
        condition.signal();
      } finally {
        lock.unlock();
      }
      long[] stamps = stamps(await(child, "SIGNALLED " + r, ROUND_TIMEOUT));
      if (r > warmup) {
        samples.add(nonNegative(stamps[1] - signalled));
      }
    }
    await(child, "CONDITION-DONE", ROUND_TIMEOUT);
    return Stats.of(samples, 0);
  }

  private Stats barrier(JavaProcess child, SharedBarrier barrier) throws Exception {
    List<Long> samples = new ArrayList<>();
    int total = warmup + rounds;
    tell(child, "BARRIER " + total);
    long previous = 0;
    for (int g = 1; g <= total; g++) {
      barrier.await(SyncLatencyChild.WAIT_SECONDS, TimeUnit.SECONDS);
      long now = System.nanoTime();
      if (g > warmup && g > 1) {
        samples.add(now - previous);
      }
      previous = now;
    }
    await(child, "BARRIER-DONE", ROUND_TIMEOUT);
    return Stats.of(samples, 0);
  }

  private static long nonNegative(long nanos) {
    if (nanos < 0) {
      throw new IllegalStateException("a wake-up " + nanos + " ns before its cause: System.nanoTime() is not one"
          + " clock across processes on this system, so these latencies cannot be measured this way");
    }
    return nanos;
  }

  /** The two stamps (entered, woke) at the end of a protocol line. */
  private static long[] stamps(String rest) {
    String[] fields = rest.split(" ");
    return new long[] {Long.parseLong(fields[fields.length - 2]), Long.parseLong(fields[fields.length - 1])};
  }

  /** Waits for the child's protocol line starting with {@code words} and returns the line after the prefix. */
  private static String await(JavaProcess child, String words, Duration timeout) {
    String start = PROTOCOL + words;
    String line = child.awaitOutputLine(l -> l.equals(start) || l.startsWith(start + " "), timeout);
    return line.substring(PROTOCOL.length());
  }

  private static void tell(JavaProcess child, String command) {
    OutputStream in = child.process().getOutputStream();
    try {
      in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
      in.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to " + child + ": " + child.stdout(), e);
    }
  }

  private static void print(String variant, String what, Stats stats) {
    System.out.printf(Locale.ROOT, "%-7s %-26s median %8.3f ms  p99 %8.3f ms  mean %8.3f ms  (%d rounds%s)%n",
        variant, what, stats.median(), stats.p99(), stats.mean(), stats.samplesMicros().size(),
        stats.excluded() > 0 ? ", " + stats.excluded() + " left out: the child was not waiting yet" : "");
  }

  private String json(Map<String, Map<String, Stats>> results) {
    StringBuilder json = new StringBuilder();
    json.append("{\n  \"jdk\": \"").append(System.getProperty("java.vm.name")).append(' ')
        .append(System.getProperty("java.vm.version")).append("\",\n");
    json.append("  \"settings\": {\"warmup_rounds\": ").append(warmup).append(", \"rounds\": ").append(rounds)
        .append(", \"pause_ms\": ").append(pauseMillis).append("},\n");
    json.append("  \"variants\": {");
    String variantSeparator = "\n";
    for (Map.Entry<String, Map<String, Stats>> variant : results.entrySet()) {
      json.append(variantSeparator).append("    \"").append(variant.getKey()).append("\": {");
      String separator = "\n";
      for (Map.Entry<String, Stats> figure : variant.getValue().entrySet()) {
        json.append(separator).append("      \"").append(figure.getKey()).append("\": ")
            .append(figure.getValue().json());
        separator = ",\n";
      }
      json.append("\n    }");
      variantSeparator = ",\n";
    }
    return json.append("\n  }\n}\n").toString();
  }

  /** One figure's samples in microseconds, and the rounds left out. */
  record Stats(List<Long> samplesMicros, int excluded) {

    static Stats of(List<Long> nanos, int excluded) {
      if (nanos.isEmpty()) {
        throw new IllegalStateException("no round counted (" + excluded + " left out)");
      }
      return new Stats(nanos.stream().map(n -> Math.round(n / 1000.0)).toList(), excluded);
    }

    /** The median in milliseconds: the middle sample, or the mean of the middle two. */
    double median() {
      List<Long> sorted = sorted();
      int n = sorted.size();
      double micros = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
      return micros / 1000;
    }

    /** The 99th percentile in milliseconds, by nearest rank: the smallest sample at or above 99 % of them. */
    double p99() {
      List<Long> sorted = sorted();
      return sorted.get((int) Math.ceil(0.99 * sorted.size()) - 1) / 1000.0;
    }

    double mean() {
      return samplesMicros.stream().mapToLong(Long::longValue).average().orElseThrow() / 1000;
    }

    private List<Long> sorted() {
      return samplesMicros.stream().sorted().toList();
    }

    String json() {
      return String.format(Locale.ROOT,
          "{\"median_ms\": %.3f, \"p99_ms\": %.3f, \"mean_ms\": %.3f, \"n\": %d, \"excluded\": %d, \"samples_us\": [%s]}",
          median(), p99(), mean(), samplesMicros.size(), excluded,
          samplesMicros.stream().map(String::valueOf).collect(Collectors.joining(", ")));
    }
  }
}
