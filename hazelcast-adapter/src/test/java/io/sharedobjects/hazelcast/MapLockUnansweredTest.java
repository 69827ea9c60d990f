package io.sharedobjects.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sharedobjects.ClusterUnavailableException;
import io.sharedobjects.LockLostException;
import io.sharedobjects.SharedLock;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A map lock's call that reached the cluster and got no answer ({@link UnansweredCalls}) may leave the lock
 * held for a thread that believes it let go, and for every other process too. The next acquisition attempt
 * by any thread of the same process releases it: the thread that failed may be a pool thread that never
 * locks again.
 */
class MapLockUnansweredTest {

  private static HazelcastSharedObjects member;

  @BeforeAll
  static void start() {
    member = HazelcastSharedObjects.builder().clusterName("map-lock-unanswered-" + UUID.randomUUID()).port(0).embedded();
  }

  @AfterAll
  static void stop() {
    member.close();
  }

  @Test
  @DisplayName("an unlock sent but not applied, by a thread that never locks again: the lock is held for every other process until another thread of the same process tries it, which frees it and takes it")
  void unansweredUnlockIsSettledByAnotherThread() throws Exception {
    String name = "unanswered-unlock-" + UUID.randomUUID();
    try (HazelcastSharedObjects other = HazelcastSharedObjects.wrap(member.hazelcastInstance())) {
      SharedLock elsewhere = other.lock(name);
      MapSharedLock lock = leftHeldByAnEndedThread(name, elsewhere, false);

      assertThat(lock.tryLock()).as("another thread of the same process").isTrue();
      lock.unlock();
      assertThat(onItsOwnThread(elsewhere)).as("then another process").isTrue();
    }
  }

  @Test
  @DisplayName("a tryLock applied but not answered, whose undoing is not answered either: the lock is free again once another thread of the same process tries it")
  void unansweredAcquisitionAndUndoAreSettled() throws Exception {
    String name = "unanswered-lock-" + UUID.randomUUID();
    UnansweredCalls unanswered = new UnansweredCalls(member, MapSharedLock.LOCKS_MAP);
    unanswered.backgroundUnanswered(true);
    MapSharedLock lock = new MapSharedLock(unanswered.context(), name);
    try (HazelcastSharedObjects other = HazelcastSharedObjects.wrap(member.hazelcastInstance())) {
      SharedLock elsewhere = other.lock(name);
      inAnotherThread(() -> {
        unanswered.fail("tryLock", true);
        unanswered.fail("unlock", false);
        assertThatThrownBy(lock::tryLock).isInstanceOf(ClusterUnavailableException.class);
        unanswered.answerAll();
        assertThat(lock.isHeldByCurrentThread()).isFalse();
      });
      assertThat(onItsOwnThread(elsewhere)).as("held in the cluster, for the pool thread").isFalse();

      assertThat(lock.tryLock()).as("another thread of the same process").isTrue();
      lock.unlock();
      assertThat(onItsOwnThread(elsewhere)).as("then another process").isTrue();
    }
  }

  @Test
  @DisplayName("an unlock sent but not applied, then the process closes: the close gives the lock back")
  void unansweredUnlockIsSettledByClose() throws Exception {
    String name = "unanswered-close-" + UUID.randomUUID();
    try (HazelcastSharedObjects other = HazelcastSharedObjects.wrap(member.hazelcastInstance())) {
      SharedLock elsewhere = other.lock(name);
      MapSharedLock lock = leftHeldByAnEndedThread(name, elsewhere, false);

      lock.releaseOnClose(); // what closing its SharedObjects does
      assertThat(onItsOwnThread(elsewhere)).as("another process, after the close").isTrue();
    }
  }

  @Test
  @DisplayName("an unlock sent but not applied, by a thread that never locks again, and no other call in its process: the lock is free for another process within seconds, given back in the background")
  void unansweredUnlockIsSettledInTheBackground() throws Exception {
    String name = "unanswered-background-" + UUID.randomUUID();
    try (HazelcastSharedObjects other = HazelcastSharedObjects.wrap(member.hazelcastInstance())) {
      SharedLock elsewhere = other.lock(name);
      leftHeldByAnEndedThread(name, elsewhere, true);

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      boolean got = false;
      while (!got && System.nanoTime() < deadline) {
        got = onItsOwnThread(elsewhere);
        Thread.sleep(100);
      }
      assertThat(got).as("another process gets the lock, this process making no call").isTrue();
    }
  }

  /**
   * A lock whose unlock, by a thread that then ended, was sent and not applied: held in the cluster for that
   * thread. Unless {@code backgroundAnswered}, the background settlements go unanswered too, so the test sees
   * what the process's next call settles, and {@code elsewhere} (another process) is checked not to get it.
   */
  private static MapSharedLock leftHeldByAnEndedThread(String name, SharedLock elsewhere, boolean backgroundAnswered)
      throws Exception {
    UnansweredCalls unanswered = new UnansweredCalls(member, MapSharedLock.LOCKS_MAP);
    unanswered.backgroundUnanswered(!backgroundAnswered);
    MapSharedLock lock = new MapSharedLock(unanswered.context(), name);
    inAnotherThread(() -> {
      lock.lock();
      unanswered.fail("unlock", false);
      assertThatThrownBy(lock::unlock).isInstanceOf(LockLostException.class);
      unanswered.answerAll();
    });
    if (!backgroundAnswered) {
      assertThat(onItsOwnThread(elsewhere)).as("still held in the cluster, for the ended thread").isFalse();
    }
    return lock;
  }

  private static void inAnotherThread(Runnable steps) throws Exception {
    onNewThread(() -> {
      steps.run();
      return null;
    });
  }

  /**
   * tryLock, and unlock if granted, on a new thread: a lock's owner is a member and a thread, and a pooled
   * thread could be the one that failed, whose tryLock would be a reentrant one.
   */
  private static boolean onItsOwnThread(SharedLock lock) throws Exception {
    return onNewThread(() -> {
      boolean got = lock.tryLock();
      if (got) {
        lock.unlock();
      }
      return got;
    });
  }

  private static <T> T onNewThread(Callable<T> call) throws Exception {
    FutureTask<T> task = new FutureTask<>(call);
    new Thread(task, "map-lock-unanswered").start();
    return task.get(30, TimeUnit.SECONDS);
  }
}
