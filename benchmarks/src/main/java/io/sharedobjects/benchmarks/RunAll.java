package io.sharedobjects.benchmarks;

import io.sharedobjects.testing.JavaProcess;
import io.sharedobjects.testing.StockHazelcastMember;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark of this package at each thread count, writing JMH's JSON per thread count, with one
 * stock Hazelcast member in another JVM that all client forks share (starting one per fork would cost
 * seconds each).
 *
 * <p>Arguments, all optional: {@code --out DIR} (default {@code benchmarks/results}), {@code --threads 1,4},
 * {@code --warmup-iterations 2}, {@code --warmup-time 1}, {@code --iterations 3}, {@code --time 1} (seconds,
 * fractions allowed),
 * {@code --include REGEX} (default: every benchmark but {@link #PARTITION_SAFETY}), {@code --prof NAME} (a JMH
 * profiler, such as {@code gc}).
 */
public final class RunAll {

  /**
   * What each fork runs with: Hazelcast's module access, no phone-home and a heap that never resizes. The
   * common ForkJoinPool keeps its default (parallelism 1 on 2 CPUs), as users have it: the library gives
   * Hazelcast a pool for asynchronous completions then (see the adapter's AsyncExecutor), and raw Hazelcast
   * in the same fork gets the same pool, so both are measured as a user of the library runs them.
   */
  static final List<String> FORK_JVM_ARGS = Stream.concat(
      Stream.of("-Xms1g", "-Xmx1g", "-Dhazelcast.phone.home.enabled=false", "-Dhazelcast.logging.type=jdk"),
      JavaProcess.HAZELCAST_MODULE_OPTIONS.stream()).toList();

  /**
   * The benchmarks of the partition-safety settings: each fork starts two clusters of three members, and
   * their figures have a section of their own in docs/performance.md, so they run only when named with
   * {@code --include}.
   */
  static final String PARTITION_SAFETY = "ConfirmedWritesBenchmark|ClusterSizeLockBenchmark";

  /**
   * The benchmarks of the authKey: with and without a key, paired, and the cost of its cipher; their
   * figures have their own section in docs/performance.md, so they run only when named with {@code --include}.
   */
  static final String AUTH_KEY = "AuthKeyBenchmark|SealCostBenchmark";

  private RunAll() {
  }

  public static void main(String[] args) throws RunnerException, java.io.IOException {
    Path out = Path.of("benchmarks/results");
    List<Integer> threadCounts = List.of(1, 4);
    int warmupIterations = 2;
    double warmupSeconds = 1;
    int iterations = 3;
    double seconds = 1;
    String include = RunAll.class.getPackageName() + ".*";
    String profiler = null;
    boolean includeGiven = false;
    for (int i = 0; i < args.length; i += 2) {
      String value = args[i + 1];
      switch (args[i]) {
        case "--out" -> out = Path.of(value);
        case "--threads" -> threadCounts = java.util.Arrays.stream(value.split(",")).map(Integer::valueOf).toList();
        case "--warmup-iterations" -> warmupIterations = Integer.parseInt(value);
        case "--warmup-time" -> warmupSeconds = Double.parseDouble(value);
        case "--iterations" -> iterations = Integer.parseInt(value);
        case "--time" -> seconds = Double.parseDouble(value);
        case "--include" -> {
          include = value;
          includeGiven = true;
        }
        case "--prof" -> profiler = value;
        default -> throw new IllegalArgumentException("Unknown option " + args[i]);
      }
    }
    Files.createDirectories(out);
    String cluster = "bench-" + UUID.randomUUID();
    try (StockHazelcastMember member = BenchmarkMember.start(cluster)) {
      System.out.println("# stock member " + member.address() + " (pid " + member.pid() + "), cluster " + cluster);
      List<String> jvmArgs = new ArrayList<>(FORK_JVM_ARGS);
      jvmArgs.add("-D" + Fixture.MEMBER_PROPERTY + "=" + member.address());
      jvmArgs.add("-D" + Fixture.CLUSTER_PROPERTY + "=" + cluster);
      for (int threads : threadCounts) {
        ChainedOptionsBuilder options = new OptionsBuilder()
            .include(include)
            .forks(1)
            .threads(threads)
            .warmupIterations(warmupIterations)
            .warmupTime(TimeValue.milliseconds(Math.round(warmupSeconds * 1000)))
            .measurementIterations(iterations)
            .measurementTime(TimeValue.milliseconds(Math.round(seconds * 1000)))
            .jvmArgs(jvmArgs.toArray(String[]::new))
            .resultFormat(ResultFormatType.JSON)
            .result(out.resolve("jmh-t" + threads + ".json").toString());
        if (profiler != null) {
          options.addProfiler(profiler);
        }
        if (threads > 1) {
          // One call of each variant in turn: one-thread measurements.
          options.exclude("PairedBenchmark").exclude(PARTITION_SAFETY).exclude(AUTH_KEY);
        } else if (!includeGiven) {
          options.exclude(PARTITION_SAFETY).exclude(AUTH_KEY);
        }
        try {
          new Runner(options.build()).run();
        } catch (NoBenchmarksException e) {
          // run.sh's BENCH_INCLUDE also selects benchmarks that are not JMH's (SyncLatencyBenchmark).
          System.out.println("# no JMH benchmark matches " + include + " at " + threads + " threads");
        }
      }
    }
  }
}
