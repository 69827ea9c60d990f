package io.sharedobjects.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.map.IMap;
import io.sharedobjects.SharedLock;
import io.sharedobjects.SharedSemaphore;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A hold the cluster counts twice because a member left while it was being taken (Hazelcast sends the
 * request again to the partition's new owner, which may have applied it already through its backup): the
 * holder's release must still free it for everyone else. The second count is made here by locking the
 * same key again as the same owner, which is what the repeated request does; the departure is a member of
 * three leaving while the hold lasts.
 */
class RepeatedLocksTest {

  private HazelcastSharedObjects first;
  private HazelcastSharedObjects second;
  private HazelcastSharedObjects leaving;

  @BeforeEach
  void threeMembers() {
    String cluster = "repeated-" + UUID.randomUUID();
    first = HazelcastSharedObjects.builder().clusterName(cluster).port(0).embedded();
    second = HazelcastSharedObjects.builder().clusterName(cluster).port(0).members(first.address()).embedded();
    leaving = HazelcastSharedObjects.builder().clusterName(cluster).port(0).members(first.address()).embedded();
    assertThat(first.hazelcastInstance().getCluster().getMembers()).hasSize(3);
    Settled.await(first, second, leaving);
  }

  @AfterEach
  void close() {
    for (HazelcastSharedObjects member : new HazelcastSharedObjects[] {leaving, second, first}) {
      member.close();
    }
  }

  /**
   * The third member leaves, and the first sees it gone: a request is sent again only to a new owner, which
   * the sender learns of after the member list changed.
   */
  private void leave() {
    leaving.close();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (first.hazelcastInstance().getCluster().getMembers().size() != 2) {
      assertThat(System.nanoTime()).as("the first member sees the third gone within 30 s").isLessThan(deadline);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
    Settled.await(first, second);
  }

  @Test
  @DisplayName("a lock counted twice across a member's departure is free for another process after one unlock")
  void lockCountedTwiceIsReleased() throws Exception {
    SharedLock lock = first.lock("jobs");
    IMap<String, Long> raw = first.hazelcastInstance().getMap(MapSharedLock.LOCKS_MAP);
    lock.lock();
    raw.lock("jobs"); // the repeated request: the same owner (this member, this thread) once more
    leave();

    lock.unlock();

    assertThat(lock.isHeldByCurrentThread()).isFalse();
    assertThat(raw.isLocked("jobs")).as("locked after the holder's release").isFalse();
    SharedLock elsewhere = second.lock("jobs");
    assertThat(CompletableFuture.supplyAsync(elsewhere::tryLock).get(10, TimeUnit.SECONDS))
        .as("another process is granted the lock").isTrue();
  }

  @Test
  @DisplayName("a reentrant hold counted twice across a departure is released by its last unlock, not before")
  void reentrantHoldCountedTwice() throws Exception {
    SharedLock lock = first.lock("nested");
    IMap<String, Long> raw = first.hazelcastInstance().getMap(MapSharedLock.LOCKS_MAP);
    lock.lock();
    raw.lock("nested");
    lock.lock();
    leave();

    lock.unlock();
    assertThat(lock.holdCount()).isEqualTo(1);
    assertThat(CompletableFuture.supplyAsync(second.lock("nested")::tryLock).get(10, TimeUnit.SECONDS))
        .as("granted elsewhere while the outer hold lasts").isFalse();
    lock.unlock();
    assertThat(CompletableFuture.supplyAsync(second.lock("nested")::tryLock).get(10, TimeUnit.SECONDS))
        .as("granted elsewhere after the last unlock").isTrue();
  }

  @Test
  @DisplayName("a permit counted twice across a member's departure is free for another process after one release")
  void permitCountedTwiceIsReleased() throws Exception {
    SharedSemaphore semaphore = first.semaphore("slots", 1);
    semaphore.acquire();
    MapSharedSemaphore proxy = (MapSharedSemaphore) semaphore;
    IMap<String, Integer> raw = first.hazelcastInstance().getMap(MapSharedSemaphore.SEMAPHORES_MAP);
    HazelcastInternals.asLockOwner(proxy.lockOwner(), () -> {
      raw.lock("slots#0");
      return null;
    });
    leave();

    semaphore.release();

    SharedSemaphore elsewhere = second.semaphore("slots", 1);
    assertThat(elsewhere.tryAcquire(10, TimeUnit.SECONDS)).as("another process takes the permit").isTrue();
    elsewhere.release();
  }
}
