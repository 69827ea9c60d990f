package io.sharedobjects.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sharedobjects.ClusterUnavailableException;
import io.sharedobjects.SharedLock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What a holder is told, and what it keeps, when its unlock cannot reach the cluster: the hold ends
 * locally (the lock counts as lost), so the thread's next acquisition is a fresh one with its own token
 * instead of a reentrant one that reuses a stale token.
 */
class LockLossTest {

  @Test
  @DisplayName("an unlock that fails ends the thread's hold: not held, no fence, the next lock is fresh")
  void failedUnlockEndsTheHold() {
    String cluster = "lock-loss-" + UUID.randomUUID();
    HazelcastSharedObjects member = HazelcastSharedObjects.builder().clusterName(cluster).port(0).embedded();
    String address = member.address();
    try (HazelcastSharedObjects client = HazelcastSharedObjects.builder().clusterName(cluster)
        .connectTimeout(Duration.ofSeconds(3)).client(address)) {
      SharedLock lock = client.lock("jobs");
      lock.lock();
      long staleFence = lock.fence();
      assertThat(lock.holdCount()).isEqualTo(1);

      member.close(); // the only member goes: the unlock cannot reach the lock any more
      assertThatThrownBy(lock::unlock)
          .isInstanceOf(ClusterUnavailableException.class)
          .hasMessageContaining("jobs")
          .hasMessageContaining("lost");
      assertThat(lock.isHeldByCurrentThread()).isFalse();
      assertThat(lock.holdCount()).isZero();
      assertThatThrownBy(lock::fence).isInstanceOf(IllegalMonitorStateException.class);
      assertThatThrownBy(lock::unlock).isInstanceOf(IllegalMonitorStateException.class);

      // A member is back on the same address: the next lock() is a fresh acquisition with its own token.
      int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
      member = HazelcastSharedObjects.builder().clusterName(cluster).port(port).embedded();
      // Its counter starts again (a one-member cluster's data went with it); seed it above the stale token.
      member.hazelcastInstance().getMap(MapSharedLock.LOCKS_MAP).set("jobs", staleFence + 100);
      lock.lock();
      try {
        assertThat(lock.holdCount()).isEqualTo(1);
        assertThat(lock.fence()).isEqualTo(staleFence + 101);
      } finally {
        lock.unlock();
      }
      assertThat(lock.isHeldByCurrentThread()).isFalse();
    } finally {
      member.close();
    }
  }
}
