package io.sharedobjects.benchmarks;

import java.util.Arrays;
import java.util.function.Supplier;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Calls several variants of one operation in turn, each timed, the variant that goes first moving on by one
 * every round: whatever the machine does meanwhile hits every variant alike, as in {@link PairedBenchmark}.
 * Keeps each variant's total time and every call's time, for the median: on a busy machine a call now and
 * then waits milliseconds for a CPU, which swings the totals but not the medians. One per benchmark thread;
 * meant for one thread.
 */
final class Turns {

  private final long[] total;
  private final long[][] calls;
  private int count;
  private int first;

  Turns(int variants) {
    this.total = new long[variants];
    this.calls = new long[variants][1024];
  }

  /** Calls each of {@code variants} once, starting with this round's first, and records each one's time. */
  void round(Blackhole blackhole, Supplier<?>... variants) {
    if (count == calls[0].length) {
      for (int v = 0; v < calls.length; v++) {
        calls[v] = Arrays.copyOf(calls[v], count * 2);
      }
    }
    for (int i = 0; i < variants.length; i++) {
      int variant = (first + i) % variants.length;
      long start = System.nanoTime();
      Object result = variants[variant].get();
      long took = System.nanoTime() - start;
      total[variant] += took;
      calls[variant][count] = took;
      blackhole.consume(result);
    }
    count++;
    first = (first + 1) % variants.length;
  }

  /** The nanoseconds spent in {@code variant} since the last {@link #reset()}. */
  long total(int variant) {
    return total[variant];
  }

  /** The median time of one call of {@code variant} since the last {@link #reset()}, in nanoseconds. */
  long median(int variant) {
    if (count == 0) {
      return 0;
    }
    long[] sorted = Arrays.copyOf(calls[variant], count);
    Arrays.sort(sorted);
    return sorted[count / 2];
  }

  void reset() {
    Arrays.fill(total, 0);
    count = 0;
  }
}
