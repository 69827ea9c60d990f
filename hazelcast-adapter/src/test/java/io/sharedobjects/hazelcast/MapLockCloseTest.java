package io.sharedobjects.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;

import io.sharedobjects.SharedLock;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Closing a SharedObjects releases its threads' holds by force; it must never take the lock from another
 * process. The window: a thread of the closing process has just given the lock up at the cluster, another
 * process has been granted it, and the first thread has not yet removed its own record.
 */
class MapLockCloseTest {

  private HazelcastSharedObjects member;
  private HazelcastSharedObjects closing;
  private HazelcastSharedObjects other;

  @BeforeEach
  void start() {
    member = HazelcastSharedObjects.builder().clusterName("lock-close-" + UUID.randomUUID()).port(0).embedded();
    closing = HazelcastSharedObjects.wrap(member.hazelcastInstance());
    other = HazelcastSharedObjects.wrap(member.hazelcastInstance());
  }

  @AfterEach
  void stop() {
    other.close();
    closing.close();
    member.close();
  }

  @Test
  @DisplayName("a close racing its own thread's unlock leaves the lock with the process granted it meanwhile")
  void closeDuringUnlockKeepsTheNextHolder() throws Exception {
    MapSharedLock lock = (MapSharedLock) closing.lock("jobs");
    CountDownLatch unlockedAtCluster = new CountDownLatch(1);
    CountDownLatch proceed = new CountDownLatch(1);
    lock.afterClusterUnlock = () -> {
      unlockedAtCluster.countDown();
      await(proceed);
    };
    CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> {
      lock.lock();
      lock.unlock();
    }, command -> new Thread(command, "holder").start());
    assertThat(unlockedAtCluster.await(30, TimeUnit.SECONDS)).as("the holder's unlock reached the cluster").isTrue();

    SharedLock next = other.lock("jobs");
    assertThat(next.tryLock(30, TimeUnit.SECONDS)).as("the other process is granted the lock").isTrue();
    try {
      Thread closer = new Thread(closing::close, "closer");
      closer.start();
      // The close either waits for the unlock to finish (BLOCKED) or, without that, runs to its end.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (closer.isAlive() && closer.getState() != Thread.State.BLOCKED) {
        assertThat(System.nanoTime()).as("the close blocks or ends within 30 s").isLessThan(deadline);
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
      }
      proceed.countDown();
      holder.get(30, TimeUnit.SECONDS);
      closer.join(30_000);
      assertThat(closer.isAlive()).as("the close ended").isFalse();

      assertThat(next.isHeldByCurrentThread()).isTrue();
      assertThat(next.isLocked()).as("the lock is still held by the process granted it").isTrue();
      assertThat(CompletableFuture.supplyAsync(() -> other.lock("jobs").tryLock()).get(30, TimeUnit.SECONDS))
          .as("another thread cannot take it").isFalse();
    } finally {
      next.unlock();
    }
    assertThat(next.isLocked()).isFalse();
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
