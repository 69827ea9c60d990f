package io.sharedobjects.benchmarks;

import io.sharedobjects.testing.StockHazelcastMember;

/**
 * The member in another JVM that client benchmarks talk to: a stock Hazelcast member (nothing of
 * shared-objects on its classpath), with the JIT and heap of a long-running server rather than
 * {@link StockHazelcastMember}'s defaults for short tests.
 */
final class BenchmarkMember {

  private BenchmarkMember() {
  }

  static StockHazelcastMember start(String clusterName) {
    return StockHazelcastMember.builder()
        .clusterName(clusterName)
        // Later options win: undo the test defaults' C1-only JIT and small heap.
        .jvmOptions("-XX:TieredStopAtLevel=4", "-Xms1g", "-Xmx1g")
        .start();
  }
}
