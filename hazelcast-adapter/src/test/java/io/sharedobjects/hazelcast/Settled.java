package io.sharedobjects.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits until the partitions of freshly joined members have settled: no migration under way and every
 * backup in sync. A write just after a join may otherwise time out on its backup acknowledgement
 * (reliability.md#backup-confirmations-of-a-clients-writes), which tests about other rules must not see.
 */
final class Settled {

  private Settled() {}

  /** Returns once every one of {@code members} reports the cluster safe; fails after 30 s. */
  static void await(HazelcastSharedObjects... members) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    for (HazelcastSharedObjects member : members) {
      while (!member.hazelcastInstance().getPartitionService().isClusterSafe()) {
        assertThat(System.nanoTime()).as("partitions settled within 30 s of the join").isLessThan(deadline);
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
      }
    }
  }
}
