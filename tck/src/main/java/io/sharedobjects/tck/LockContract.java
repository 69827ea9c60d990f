package io.sharedobjects.tck;

import static io.sharedobjects.tck.KitThreads.WAIT;
import static io.sharedobjects.tck.KitThreads.await;
import static io.sharedobjects.tck.KitThreads.eventually;
import static io.sharedobjects.tck.Races.THREADS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sharedobjects.SharedDict;
import io.sharedobjects.SharedLock;
import io.sharedobjects.SharedObjects;
import io.sharedobjects.tck.KitThreads.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The rules for a shared lock: a reentrant lock owned by a thread, with fencing tokens that grow
 * with each fresh acquisition, excluding the threads of every peer, and released within the backend's
 * bounded time when its holder's instance closes.
 */
@Tag("lock")
abstract class LockContract extends KitContract {

  LockContract(KitFixture kit) {
    super(kit);
  }

  @Test
  @DisplayName("a new lock is free: not locked, not held, hold count zero")
  void newLockIsFree() {
    SharedLock lock = newLock();

    assertThat(lock.isLocked()).isFalse();
    assertThat(lock.isHeldByCurrentThread()).isFalse();
    assertThat(lock.holdCount()).isZero();
  }

  @Test
  @DisplayName("lock is reentrant: the holder may lock again and must unlock as many times")
  void reentrant() {
    SharedLock lock = newLock();

    lock.lock();
    assertThat(lock.tryLock()).isTrue();
    lock.lock();
    assertThat(lock.holdCount()).isEqualTo(3);
    assertThat(lock.isHeldByCurrentThread()).isTrue();

    lock.unlock();
    lock.unlock();
    assertThat(lock.holdCount()).isEqualTo(1);
    assertThat(lock.isLocked()).isTrue();

    lock.unlock();
    assertThat(lock.holdCount()).isZero();
    assertThat(lock.isLocked()).isFalse();
    assertThat(lock.isHeldByCurrentThread()).isFalse();
  }

  @Test
  @DisplayName("a thread whose interrupt status is set can lock, tryLock and unlock, as with ReentrantLock, and keeps its interrupt status")
  void interruptedThreadLocksAndUnlocks() {
    SharedLock lock = newLock();
    Thread.currentThread().interrupt();
    try {
      lock.lock();
      assertThat(lock.tryLock()).as("reentrant tryLock").isTrue();
      lock.unlock();
      lock.unlock();
      assertThat(Thread.currentThread().isInterrupted()).as("interrupt status kept").isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(lock.holdCount()).isZero();
    assertThat(lock.isLocked()).as("released in the cluster too").isFalse();
  }

  @Test
  @DisplayName("a lock is owned by the thread that acquired it: other threads see it locked but not held")
  void ownedByThread() {
    SharedLock lock = newLock();
    Worker other = worker();

    lock.lock();
    try {
      assertThat(other.call(lock::isLocked)).isTrue();
      assertThat(other.call(lock::isHeldByCurrentThread)).isFalse();
      assertThat(other.call(lock::holdCount)).isZero();
      assertThat(other.call(() -> lock.tryLock())).isFalse();
    } finally {
      lock.unlock();
    }
  }

  @Test
  @DisplayName("unlock by a thread that does not hold the lock throws IllegalMonitorStateException, and the owner keeps it")
  void unlockByOtherThread() {
    SharedLock lock = newLock();
    Worker owner = worker();
    owner.run(lock::lock);

    assertThatThrownBy(lock::unlock).isInstanceOf(IllegalMonitorStateException.class);
    SharedLock viaPeer = peer().lock(lock.name());
    assertThatThrownBy(viaPeer::unlock).isInstanceOf(IllegalMonitorStateException.class);

    assertThat(lock.isLocked()).isTrue();
    assertThat(owner.call(lock::isHeldByCurrentThread)).isTrue();
    assertThat(owner.call(lock::holdCount)).isEqualTo(1);
    owner.run(lock::unlock);
    assertThat(lock.isLocked()).isFalse();
  }

  @Test
  @DisplayName("a thread waiting in tryLock(time) or lockInterruptibly for a lock another holds is interrupted: InterruptedException within a few seconds, and it holds nothing")
  void interruptWhileWaiting() throws Exception {
    SharedLock lock = newLock();
    Worker owner = worker();
    owner.run(lock::lock);
    SharedLock viaPeer = peer().lock(lock.name());
    for (boolean timed : new boolean[] {true, false}) {
      java.util.concurrent.atomic.AtomicReference<Thread> waiter = new java.util.concurrent.atomic.AtomicReference<>();
      Future<String> waiting = worker().start(() -> {
        waiter.set(Thread.currentThread());
        try {
          if (timed) {
            viaPeer.tryLock(1, TimeUnit.MINUTES);
          } else {
            viaPeer.lockInterruptibly();
          }
          return "acquired, holds " + viaPeer.holdCount();
        } catch (InterruptedException e) {
          return "interrupted, holds " + viaPeer.holdCount();
        }
      });
      eventually(WAIT, "the waiter waits", () -> waiter.get() != null
          && waiter.get().getState() != Thread.State.RUNNABLE && waiter.get().getState() != Thread.State.NEW);
      waiter.get().interrupt();

      assertThat(await(waiting, Duration.ofSeconds(5))).as(timed ? "tryLock(time)" : "lockInterruptibly")
          .isEqualTo("interrupted, holds 0");
    }
    assertThat(owner.call(lock::isHeldByCurrentThread)).as("the owner still holds it").isTrue();
    owner.run(lock::unlock);
    assertThat(viaPeer.tryLock()).as("nobody else holds it").isTrue();
    viaPeer.unlock();
  }

  @Test
  @DisplayName("unlock of a free lock throws IllegalMonitorStateException")
  void unlockFree() {
    SharedLock lock = newLock();

    assertThatThrownBy(lock::unlock).isInstanceOf(IllegalMonitorStateException.class);
    assertThat(lock.isLocked()).isFalse();
  }

  @Test
  @DisplayName("tryLock fails fast while another thread of the same SharedObjects holds the lock")
  void tryLockFailsFast() {
    SharedLock lock = newLock();
    Worker owner = worker();
    owner.run(lock::lock);

    long start = System.nanoTime();
    assertThat(lock.tryLock()).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    assertThat(lock.holdCount()).isZero();

    owner.run(lock::unlock);
  }

  @Test
  @DisplayName("tryLock fails fast while a thread of a peer holds the lock")
  void tryLockFailsFastAgainstPeer() {
    SharedLock lock = newLock();
    SharedLock viaPeer = peer().lock(lock.name());
    Worker peerThread = worker();
    peerThread.run(viaPeer::lock);

    long start = System.nanoTime();
    assertThat(lock.tryLock()).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    assertThat(lock.isLocked()).isTrue();

    peerThread.run(viaPeer::unlock);
  }

  @Test
  @DisplayName("tryLock with a timeout returns false while the lock stays held, and true once the holder releases it")
  void tryLockWithTimeout() throws Exception {
    SharedLock lock = newLock();
    Worker owner = worker();
    owner.run(lock::lock);

    assertThat(lock.tryLock(50, TimeUnit.MILLISECONDS)).isFalse();

    Future<Boolean> waiting = worker().start(() -> lock.tryLock(WAIT.toMillis(), TimeUnit.MILLISECONDS));
    owner.run(lock::unlock);
    assertThat(await(waiting, WAIT.plusSeconds(5))).isTrue();
    assertThat(lock.isLocked()).isTrue();
  }

  @Test
  @DisplayName("lock waits until the holder releases the lock, then acquires it")
  void lockWaits() {
    SharedLock lock = newLock();
    Worker owner = worker();
    owner.run(lock::lock);
    Worker waiter = worker();

    Future<Integer> acquired = waiter.start(() -> {
      lock.lock();
      return lock.holdCount();
    });
    assertThat(acquired.isDone()).as("lock() returned while another thread held the lock").isFalse();
    owner.run(lock::unlock);

    assertThat(await(acquired, WAIT)).isEqualTo(1);
    assertThat(waiter.call(lock::isHeldByCurrentThread)).isTrue();
    waiter.run(lock::unlock);
  }

  @Test
  @DisplayName("lockInterruptibly acquires a free lock")
  void lockInterruptibly() throws InterruptedException {
    SharedLock lock = newLock();

    lock.lockInterruptibly();
    assertThat(lock.isHeldByCurrentThread()).isTrue();
    lock.unlock();
    assertThat(lock.isLocked()).isFalse();
  }

  @Test
  @DisplayName("acquire returns a hold whose close releases the lock, in try-with-resources")
  void acquireHold() {
    SharedLock lock = newLock();

    try (SharedLock.Hold hold = lock.acquire()) {
      assertThat(lock.isHeldByCurrentThread()).isTrue();
      assertThat(hold.fence()).isEqualTo(lock.fence());
      try (SharedLock.Hold inner = lock.acquire()) {
        assertThat(lock.holdCount()).isEqualTo(2);
        assertThat(inner.fence()).isEqualTo(hold.fence());
      }
      assertThat(lock.holdCount()).isEqualTo(1);
    }

    assertThat(lock.isLocked()).isFalse();
    assertThat(lock.holdCount()).isZero();
  }

  @Test
  @DisplayName("tryAcquire returns an empty Optional while another thread holds the lock, and a hold once it is free")
  void tryAcquire() throws InterruptedException {
    SharedLock lock = newLock();
    Worker owner = worker();
    owner.run(lock::lock);

    assertThat(lock.tryAcquire(50, TimeUnit.MILLISECONDS)).isEmpty();
    owner.run(lock::unlock);

    Optional<SharedLock.Hold> hold = lock.tryAcquire(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(hold).isPresent();
    assertThat(lock.isHeldByCurrentThread()).isTrue();
    assertThat(hold.get().fence()).isEqualTo(lock.fence());
    hold.get().close();
    assertThat(lock.isLocked()).isFalse();
  }

  @Test
  @DisplayName("a hold closed by a thread that does not hold the lock throws IllegalMonitorStateException, and the lock stays held")
  void holdClosedByOtherThread() {
    SharedLock lock = newLock();
    SharedLock.Hold hold = lock.acquire();
    try {
      assertThatThrownBy(() -> worker().run(hold::close)).isInstanceOf(IllegalMonitorStateException.class);
      assertThat(lock.isHeldByCurrentThread()).isTrue();
      assertThat(lock.holdCount()).isEqualTo(1);
    } finally {
      hold.close();
    }
    assertThat(lock.isLocked()).isFalse();
  }

  @Test
  @DisplayName("each fresh acquisition has a larger fence than the previous one, across threads and peers")
  void fencesGrow() throws InterruptedException {
    SharedLock lock = newLock();
    SharedLock viaPeer = peer().lock(lock.name());
    Worker other = worker();
    Worker peerThread = worker();
    List<Long> fences = new ArrayList<>();

    lock.lock();
    fences.add(lock.fence());
    lock.unlock();
    fences.add(other.call(() -> fenceOfOneAcquisition(lock)));
    fences.add(peerThread.call(() -> fenceOfOneAcquisition(viaPeer)));
    assertThat(lock.tryLock()).isTrue();
    fences.add(lock.fence());
    lock.unlock();
    assertThat(lock.tryLock(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    fences.add(lock.fence());
    lock.unlock();
    try (SharedLock.Hold hold = lock.acquire()) {
      fences.add(hold.fence());
    }
    fences.add(peerThread.call(() -> {
      try (SharedLock.Hold hold = viaPeer.acquire()) {
        return hold.fence();
      }
    }));

    assertThat(fences).isSorted().doesNotHaveDuplicates();
  }

  @Test
  @DisplayName("a reentrant acquisition keeps the fence of the outer one")
  void reentrantKeepsFence() {
    SharedLock lock = newLock();

    lock.lock();
    long outer = lock.fence();
    lock.lock();
    assertThat(lock.fence()).isEqualTo(outer);
    assertThat(lock.tryLock()).isTrue();
    assertThat(lock.fence()).isEqualTo(outer);
    lock.unlock();
    lock.unlock();
    assertThat(lock.fence()).isEqualTo(outer);
    lock.unlock();
  }

  @Test
  @DisplayName("fence throws IllegalMonitorStateException when the current thread does not hold the lock")
  void fenceWhenNotHeld() {
    SharedLock lock = newLock();
    assertThatThrownBy(lock::fence).isInstanceOf(IllegalMonitorStateException.class);

    Worker owner = worker();
    owner.run(lock::lock);
    assertThatThrownBy(lock::fence).isInstanceOf(IllegalMonitorStateException.class);
    owner.run(lock::unlock);
  }

  @Test
  @DisplayName("a lock held through one SharedObjects is seen locked through a peer, and free once released")
  void peerSeesLocked() {
    SharedLock lock = newLock();
    SharedLock viaPeer = peer().lock(lock.name());

    lock.lock();
    assertThat(viaPeer.isLocked()).isTrue();
    assertThat(worker().call(viaPeer::isHeldByCurrentThread)).as("held by a thread of the peer").isFalse();
    lock.unlock();
    assertThat(viaPeer.isLocked()).isFalse();
  }

  @Test
  @DisplayName("a holder in one peer excludes every thread of the other peer until it releases, and the other way round")
  void mutualExclusionBetweenPeers() {
    SharedLock lock = newLock();
    SharedLock viaPeer = peer().lock(lock.name());
    Worker firstThread = worker();
    Worker peerThread = worker();

    firstThread.run(lock::lock);
    assertThat(peerThread.call(() -> viaPeer.tryLock())).isFalse();
    assertThat(worker().call(() -> viaPeer.tryLock())).isFalse();
    firstThread.run(lock::unlock);

    assertThat(peerThread.call(() -> viaPeer.tryLock())).isTrue();
    assertThat(firstThread.call(() -> lock.tryLock())).isFalse();
    assertThat(worker().call(() -> lock.tryLock())).isFalse();
    peerThread.run(viaPeer::unlock);

    assertThat(firstThread.call(() -> lock.tryLock())).isTrue();
    firstThread.run(lock::unlock);
  }

  @Test
  @DisplayName("closing a SharedObjects releases the locks its threads held, within the backend's bounded time")
  void closeReleasesLocks() {
    SharedLock lock = newLock();
    SharedObjects peer = peer();
    SharedLock viaPeer = peer.lock(lock.name());
    worker().run(viaPeer::lock);
    assertThat(lock.isLocked()).isTrue();

    peer.close();

    eventually(lockReleaseAfterClose(), "the lock is free after its holder's SharedObjects closed", () -> !lock.isLocked());
    assertThat(lock.tryLock()).isTrue();
    lock.unlock();
  }

  @Test
  @DisplayName("a lock-protected read-modify-write of a dict counter from 4 threads on two peers counts every increment")
  void lockProtectedCounter() {
    SharedLock lock = newLock();
    SharedDict<String, Integer> counter = newDict();
    counter.put("n", 0);
    SharedObjects peer = peer();
    int perThread = 50;

    race(t -> {
      SharedObjects instance = instanceFor(t, peer);
      SharedLock mine = instance.lock(lock.name());
      SharedDict<String, Integer> dict = instance.dict(counter.name());
      for (int i = 0; i < perThread; i++) {
        mine.lock();
        try {
          // Deliberately not atomic: get and put are separate calls, so only the lock keeps counts.
          dict.put("n", dict.get("n") + 1);
        } finally {
          mine.unlock();
        }
      }
    });

    assertThat(counter.get("n")).isEqualTo(THREADS * perThread);
    assertThat(lock.isLocked()).isFalse();
  }

  private static long fenceOfOneAcquisition(SharedLock lock) {
    lock.lock();
    try {
      return lock.fence();
    } finally {
      lock.unlock();
    }
  }
}
