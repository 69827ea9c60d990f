package io.sharedobjects.containers;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import io.sharedobjects.SharedLock;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import io.sharedobjects.hazelcast.LockBackend;
import io.sharedobjects.testing.HazelcastMemberContainer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client holds a map lock while the member that owns the lock's partition dies abruptly: the backup
 * takes over with the lock still held by that client, others stay excluded, the holder can release it, and
 * the next holder's fencing token is larger than any issued before.
 */
@ContainerTest
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LockOwnerMemberLossTest {

  /** The internal map that holds map-backed locks (and their fencing counters), keyed by lock name. */
  private static final String LOCKS_MAP = "__shared-objects.locks";

  @Test
  @DisplayName("a lock held by a client stays held when the member owning its partition dies; the holder releases it"
      + " and the next fencing token is larger than all before")
  void lockSurvivesLossOfItsPartitionOwner() throws InterruptedException {
    String suffix = UUID.randomUUID().toString();
    String name = "ledger-" + suffix;
    try (Members cluster = Members.start("lock-loss-" + suffix, 2);
        HazelcastSharedObjects holder = client(cluster);
        HazelcastSharedObjects other = client(cluster)) {
      assertThat(holder.lockBackend()).isEqualTo(LockBackend.MAP);
      SharedLock held = holder.lock(name);
      SharedLock contender = other.lock(name);

      // Some history first, from both clients, so "larger than any before" compares against several tokens.
      List<Long> fences = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        try (SharedLock.Hold hold = held.acquire()) {
          fences.add(hold.fence());
        }
        try (SharedLock.Hold hold = contender.acquire()) {
          fences.add(hold.fence());
        }
      }
      SharedLock.Hold hold = held.acquire();
      fences.add(hold.fence());
      assertThat(fences).isSorted().doesNotHaveDuplicates();

      // The lock is the key `name` of the internal locks map, so it lives in that key's partition.
      Member owner = holder.hazelcastInstance().getPartitionService().getPartition(name).getOwner();
      assertThat(holder.hazelcastInstance().getMap(LOCKS_MAP).isLocked(name)).isTrue();
      HazelcastMemberContainer victim = cluster.onPort(owner.getAddress().getPort());
      CountDownLatch removed = new CountDownLatch(1);
      holder.hazelcastInstance().getCluster().addMembershipListener(new MembershipListener() {
        @Override
        public void memberAdded(MembershipEvent event) {
        }

        @Override
        public void memberRemoved(MembershipEvent event) {
          removed.countDown();
        }
      });

      long killedAt = System.nanoTime();
      victim.kill();
      assertThat(removed.await(60, TimeUnit.SECONDS)).as("the client saw the killed member leave within 60 s").isTrue();
      Duration removal = Measurements.since(killedAt);

      // Others stay excluded: the backup that took over has the lock, held by the same client.
      long excludedAt = System.nanoTime();
      boolean contenderGotIt = contender.tryLock();
      boolean contenderGotItWaiting = contender.tryLock(1, TimeUnit.SECONDS);
      Duration exclusionCheck = Measurements.since(excludedAt);
      assertThat(contenderGotIt).as("another client's tryLock() after the loss").isFalse();
      assertThat(contenderGotItWaiting).as("another client's tryLock(1 s) after the loss").isFalse();
      assertThat(contender.isLocked()).isTrue();
      assertThat(held.isHeldByCurrentThread()).isTrue();
      assertThat(hold.fence()).isEqualTo(fences.get(fences.size() - 1));

      // The holder can release it: Hazelcast still knows this client and thread as its owner.
      hold.close();
      assertThat(held.isLocked()).isFalse();

      long next;
      try (SharedLock.Hold nextHold = contender.acquire()) {
        next = nextHold.fence();
      }
      Measurements.record("LockOwnerMemberLossTest", "killed the member on port " + victim.port()
          + " (owner of the lock's partition); the client saw it leave " + Measurements.millis(removal)
          + " after the kill; the lock stayed held (other client's tryLock() and tryLock(1 s) both false, "
          + Measurements.millis(exclusionCheck) + "); fences before " + fences + ", next holder's fence " + next);
      assertThat(next).as("the next holder's fence").isGreaterThan(Collections.max(fences));
    }
  }

  private static HazelcastSharedObjects client(Members cluster) {
    return HazelcastSharedObjects.builder()
        .clusterName(cluster.all().get(0).clusterName())
        .connectTimeout(Duration.ofSeconds(10))
        .client(cluster.addresses());
  }
}
