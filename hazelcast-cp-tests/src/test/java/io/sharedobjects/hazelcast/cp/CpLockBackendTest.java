package io.sharedobjects.hazelcast.cp;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import io.sharedobjects.SharedLock;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import io.sharedobjects.hazelcast.LockBackend;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** How the adapter picks and uses the CP backend on a cluster that offers it. */
@Tag("cp")
class CpLockBackendTest {

  private static CpCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster = new CpCluster();
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @DisplayName("AUTO picks the CP backend on a cluster with the CP Subsystem, on every member")
  void autoPicksCp() {
    for (int i = 0; i < CpCluster.MEMBERS; i++) {
      assertThat(HazelcastSharedObjects.wrap(cluster.member(i)).lockBackend()).isEqualTo(LockBackend.CP);
    }
  }

  @Test
  @DisplayName("a shared lock is the FencedLock of the same name, and its fences are FencedLock's")
  void sharedLockIsTheFencedLock() {
    String name = "cp-" + UUID.randomUUID();
    HazelcastInstance member = cluster.member(0);
    SharedLock lock = HazelcastSharedObjects.wrap(member).lock(name);
    try (SharedLock.Hold hold = lock.acquire()) {
      assertThat(member.getCPSubsystem().getLock(name).isLocked()).isTrue();
      assertThat(hold.fence()).isEqualTo(member.getCPSubsystem().getLock(name).getFence());
    }
    assertThat(member.getCPSubsystem().getLock(name).isLocked()).isFalse();
  }

  @Test
  @DisplayName("MAP can be chosen explicitly even where CP is offered")
  void mapCanBeForced() {
    HazelcastSharedObjects shared =
        HazelcastSharedObjects.builder().lockBackend(LockBackend.MAP).wrap(cluster.member(0));
    assertThat(shared.lockBackend()).isEqualTo(LockBackend.MAP);
    String name = "forced-" + UUID.randomUUID();
    try (SharedLock.Hold hold = shared.lock(name).acquire()) {
      assertThat(hold.fence()).isEqualTo(1);
      assertThat(cluster.member(0).getCPSubsystem().getLock(name).isLocked()).isFalse();
      assertThat(cluster.member(0).getMap("__shared-objects.locks").isLocked(name)).isTrue();
    }
  }
}
