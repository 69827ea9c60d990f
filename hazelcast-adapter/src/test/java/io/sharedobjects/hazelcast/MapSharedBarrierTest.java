package io.sharedobjects.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.config.MapConfig;
import com.hazelcast.map.LocalMapStats;
import io.sharedobjects.SharedBarrier;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the MAP barrier adds to the kit's rules: the members' protection of its map, and the state
 * operations a barrier round of two parties costs, counted by the member that owns every
 * partition: the waiting party's compare-and-set, and the last party's, plus a read and a second
 * compare-and-set for each one whose known state was stale (the other's arrival event had not reached it
 * yet). The waiting party's key lock and unlock are not counted by Hazelcast's map statistics.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MapSharedBarrierTest {

  private static final int WARM_UP = 20;
  private static final int ROUNDS = 200;

  @Test
  @DisplayName("a barrier round of two client parties costs at most 6 state reads and compare-and-sets, and wakes the waiter by event, never by the re-check")
  void roundOfTwo() throws Exception {
    String cluster = "barrier-round-trips-" + UUID.randomUUID();
    ExecutorService other = Executors.newSingleThreadExecutor();
    try (HazelcastSharedObjects member = HazelcastSharedObjects.builder().clusterName(cluster).port(0).embedded();
        HazelcastSharedObjects one = HazelcastSharedObjects.builder().clusterName(cluster).client(member.address());
        HazelcastSharedObjects two = HazelcastSharedObjects.builder().clusterName(cluster).client(member.address())) {
      String name = "round-" + UUID.randomUUID();
      SharedBarrier first = one.barrier(name, 2);
      SharedBarrier second = two.barrier(name, 2);
      for (int i = 0; i < WARM_UP; i++) {
        round(first, second, other);
      }
      long[] before = operations(member);
      long start = System.nanoTime();
      for (int i = 0; i < ROUNDS; i++) {
        round(first, second, other);
      }
      double millis = (System.nanoTime() - start) / 1e6 / ROUNDS;
      long[] after = operations(member);
      double reads = (after[0] - before[0]) / (double) ROUNDS;
      double writes = (after[1] - before[1]) / (double) ROUNDS;
      System.out.printf("MEASURED barrier round of 2 client parties: %.2f ms, %.2f reads + %.2f compare-and-sets"
          + " per round (load %.1f)%n", millis, reads, writes,
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      assertThat(writes).as("compare-and-sets per round").isBetween(2.0, 4.0);
      assertThat(reads + writes).as("state operations per round").isLessThanOrEqualTo(6.0);
      // A wake-up by the 0.5 s re-check alone would make a round last that long.
      assertThat(millis).as("milliseconds per round").isLessThan(MapSharedBarrier.RECHECK_NANOS / 1e6);
    } finally {
      other.shutdownNow();
    }
  }

  @Test
  @DisplayName("a cluster size makes members keep size/2 backups of the barrier map and refuse it without a majority, as the lock map")
  void memberSettings() {
    Config config = HazelcastConfigs.member(HazelcastSharedObjects.builder().clusterSize(5).settings());
    MapConfig barriers = config.getMapConfig(MapSharedBarrier.BARRIERS_MAP);
    MapConfig locks = config.getMapConfig(MapSharedLock.LOCKS_MAP);

    assertThat(barriers.getBackupCount()).isEqualTo(2).isEqualTo(locks.getBackupCount());
    assertThat(barriers.getSplitBrainProtectionName()).isEqualTo(HazelcastConfigs.MAJORITY);
    assertThat(barriers.getMergePolicyConfig().getPolicy()).isEqualTo(locks.getMergePolicyConfig().getPolicy());
  }

  private static void round(SharedBarrier first, SharedBarrier second, ExecutorService other) throws Exception {
    Future<Integer> theirs = other.submit(() -> second.await(10, TimeUnit.SECONDS));
    int mine = first.await(10, TimeUnit.SECONDS);
    assertThat(mine + theirs.get(10, TimeUnit.SECONDS)).as("indexes 0 and 1").isEqualTo(1);
  }

  /** Reads and writes of the barrier map counted by the member. */
  private static long[] operations(HazelcastSharedObjects member) {
    LocalMapStats stats = member.hazelcastInstance().getMap(MapSharedBarrier.BARRIERS_MAP).getLocalMapStats();
    return new long[] {stats.getGetOperationCount(), stats.getPutOperationCount() + stats.getSetOperationCount()};
  }
}
