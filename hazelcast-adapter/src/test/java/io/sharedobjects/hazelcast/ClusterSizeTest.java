package io.sharedobjects.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.splitbrainprotection.impl.RecentlyActiveSplitBrainProtectionFunction;
import io.sharedobjects.ClusterUnavailableException;
import io.sharedobjects.NoQuorumException;
import io.sharedobjects.SharedLock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A declared cluster size: calls that need a majority are refused, typed, while this process sees fewer
 * members, and go ahead once it sees enough; and the member and client settings that make a confirmed write
 * a majority's. The behaviour under a real partition is in the partition-tests module.
 */
class ClusterSizeTest {

  @Test
  @DisplayName("with clusterSize(3), a lone member refuses lock calls with NoQuorumException naming what it sees; data stays available")
  void loneMemberRefusesLocks() {
    try (HazelcastSharedObjects alone = HazelcastSharedObjects.builder().clusterName("size-" + UUID.randomUUID())
        .port(0).clusterSize(3).embedded()) {
      SharedLock lock = alone.lock("jobs");
      assertThatThrownBy(lock::lock)
          .isInstanceOf(NoQuorumException.class)
          .isInstanceOf(ClusterUnavailableException.class)
          .hasMessageContaining("lock 'jobs'")
          .hasMessageContaining("2 of 3")
          .satisfies(e -> {
            NoQuorumException refused = (NoQuorumException) e;
            assertThat(refused.required()).isEqualTo(2);
            assertThat(refused.membersSeen()).containsExactly(alone.address());
          });
      assertThatThrownBy(lock::tryLock).isInstanceOf(NoQuorumException.class);
      assertThat(lock.isHeldByCurrentThread()).isFalse();
      alone.dict("orders").put("a", 1);
      assertThat(alone.dict("orders").get("a")).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("with majorityForData, a lone member of a declared three refuses dict and list calls too")
  void majorityForDataRefusesData() {
    try (HazelcastSharedObjects alone = HazelcastSharedObjects.builder().clusterName("size-" + UUID.randomUUID())
        .port(0).clusterSize(3).majorityForData(true).embedded()) {
      assertThatThrownBy(() -> alone.dict("orders").put("a", 1))
          .isInstanceOf(NoQuorumException.class).hasMessageContaining("dict 'orders'");
      assertThatThrownBy(() -> alone.list("jobs").add("x"))
          .isInstanceOf(NoQuorumException.class).hasMessageContaining("list 'jobs'");
    }
  }

  @Test
  @DisplayName("two members of a declared three are a majority: locks, fences and unlocks go ahead, from members and clients")
  void majorityGrants() {
    String cluster = "size-" + UUID.randomUUID();
    try (HazelcastSharedObjects first = HazelcastSharedObjects.builder().clusterName(cluster).port(0).clusterSize(3).embedded();
        HazelcastSharedObjects second = HazelcastSharedObjects.builder().clusterName(cluster).port(0)
            .members(first.address()).clusterSize(3).embedded();
        HazelcastSharedObjects client = HazelcastSharedObjects.builder().clusterName(cluster).clusterSize(3)
            .client(first.address())) {
      assertThat(second.hazelcastInstance().getCluster().getMembers()).hasSize(2);
      // A lock just after the join can time out on its backup acknowledgement (seen once): this test is
      // about the majority rule, so it starts once the partitions have settled.
      Settled.await(first, second);
      SharedLock lock = first.lock("jobs");
      // The members' own majority rule counts a member once it has heard from it: refusals, typed, may come
      // for a moment after a join, and then stop.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (true) {
        try {
          lock.lock();
          break;
        } catch (NoQuorumException refusedJustAfterJoin) {
          assertThat(System.nanoTime()).as("granted within 20 s of the join").isLessThan(deadline);
          java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
      }
      long fence = lock.fence();
      lock.unlock();
      SharedLock viaClient = client.lock("jobs");
      viaClient.lock();
      try {
        assertThat(viaClient.fence()).isGreaterThan(fence);
      } finally {
        viaClient.unlock();
      }
      client.dict("orders").put("a", 1);
      assertThat(second.dict("orders").get("a")).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("a cluster size makes members keep size/2 backups of the lock map, refuse it without a majority, and fail unconfirmed writes")
  void memberSettings() {
    Config config = HazelcastConfigs.member(HazelcastSharedObjects.builder().clusterSize(5).settings());
    assertThat(config.getProperty(HazelcastConfigs.FAIL_ON_INDETERMINATE)).isEqualTo("true");
    assertThat(config.getSplitBrainProtectionConfig(HazelcastConfigs.MAJORITY).getMinimumClusterSize()).isEqualTo(3);
    // Members heard from recently count, not members in view (see MajorityLockPartitionTest for why).
    assertThat(config.getSplitBrainProtectionConfig(HazelcastConfigs.MAJORITY).getFunctionImplementation())
        .isInstanceOfSatisfying(RecentlyActiveSplitBrainProtectionFunction.class, function -> assertThat(
            function.getHeartbeatToleranceMillis()).isEqualTo(HazelcastConfigs.HEARTBEAT_TOLERANCE_MILLIS));
    assertThat(config.getMapConfig(MapSharedLock.LOCKS_MAP).getBackupCount()).isEqualTo(2);
    assertThat(config.getMapConfig(MapSharedLock.LOCKS_MAP).getSplitBrainProtectionName()).isEqualTo(HazelcastConfigs.MAJORITY);
    assertThat(config.findMapConfig("orders").getSplitBrainProtectionName()).isNull();
    assertThat(config.findMapConfig("orders").getBackupCount()).isEqualTo(2);

    Config dataToo = HazelcastConfigs.member(HazelcastSharedObjects.builder().clusterSize(3).majorityForData(true).settings());
    assertThat(dataToo.findMapConfig("orders").getSplitBrainProtectionName()).isEqualTo(HazelcastConfigs.MAJORITY);
    assertThat(dataToo.findListConfig("jobs").getSplitBrainProtectionName()).isEqualTo(HazelcastConfigs.MAJORITY);

    Config plain = HazelcastConfigs.member(HazelcastSharedObjects.builder().settings());
    assertThat(plain.getProperty(HazelcastConfigs.FAIL_ON_INDETERMINATE)).isNull();
    assertThat(plain.getSplitBrainProtectionConfigs()).isEmpty();
  }

  @Test
  @DisplayName("confirmed writes: members and clients fail unconfirmed writes; clients collect the backups' confirmations themselves, as by default")
  void confirmedWrites() {
    Config member = HazelcastConfigs.member(HazelcastSharedObjects.builder().confirmedWrites(true).settings());
    assertThat(member.getProperty(HazelcastConfigs.FAIL_ON_INDETERMINATE)).isEqualTo("true");
    ClientConfig client = HazelcastConfigs.client(HazelcastSharedObjects.builder().confirmedWrites(true).settings(),
        List.of("127.0.0.1:5701"));
    assertThat(client.isBackupAckToClientEnabled()).isTrue();
    assertThat(client.getProperty(HazelcastConfigs.CLIENT_FAIL_ON_INDETERMINATE)).isEqualTo("true");
    ClientConfig byDefault = HazelcastConfigs.client(HazelcastSharedObjects.builder().settings(), List.of("127.0.0.1:5701"));
    assertThat(byDefault.isBackupAckToClientEnabled()).isTrue();
    assertThat(byDefault.getProperty(HazelcastConfigs.CLIENT_FAIL_ON_INDETERMINATE)).isNull();
  }

  @Test
  @DisplayName("the merge policy reaches the dicts and lists of members this library starts")
  void mergePolicy() {
    Config config = HazelcastConfigs.member(HazelcastSharedObjects.builder().mergePolicy(MergePolicy.SMALLER_SIDE_WINS).settings());
    assertThat(config.findMapConfig("orders").getMergePolicyConfig().getPolicy())
        .isEqualTo("com.hazelcast.spi.merge.PassThroughMergePolicy");
    assertThat(config.findListConfig("jobs").getMergePolicyConfig().getPolicy())
        .isEqualTo("com.hazelcast.spi.merge.PassThroughMergePolicy");
  }

  @Test
  @DisplayName("a cluster size out of range fails at the builder, saying what is allowed")
  void badSize() {
    assertThatThrownBy(() -> HazelcastSharedObjects.builder().clusterSize(14))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 13");
    assertThatThrownBy(() -> HazelcastSharedObjects.builder().clusterSize(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
