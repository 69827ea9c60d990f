package io.sharedobjects.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sharedobjects.InvalidNameException;
import io.sharedobjects.SharedLock;
import io.sharedobjects.SharedObjectsClosedException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@DisplayName("InMemorySharedLock")
@Timeout(30)
class InMemorySharedLockTest {

  private final InMemorySharedObjects shared = new InMemorySharedObjects();

  @AfterEach
  void close() {
    shared.close();
  }

  /** Runs {@code task} on another thread and waits for its result. */
  private static <T> T onOtherThread(java.util.concurrent.Callable<T> task) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        result.complete(task.call());
      } catch (Throwable e) {
        result.completeExceptionally(e);
      }
    });
    thread.start();
    try {
      return result.get(20, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw (Exception) e.getCause();
    }
  }

  @Test
  @DisplayName("is reentrant and counts holds")
  void reentrant() {
    SharedLock lock = shared.lock();
    assertThat(lock.isLocked()).isFalse();
    lock.lock();
    lock.lock();
    assertThat(lock.holdCount()).isEqualTo(2);
    assertThat(lock.isHeldByCurrentThread()).isTrue();
    lock.unlock();
    assertThat(lock.isLocked()).isTrue();
    lock.unlock();
    assertThat(lock.isLocked()).isFalse();
    assertThat(lock.holdCount()).isZero();
  }

  @Test
  @DisplayName("unlock by a thread that does not hold it fails and changes nothing")
  void unlockByNonOwner() throws Exception {
    SharedLock lock = shared.lock();
    lock.lock();
    Exception failure = onOtherThread(() -> {
      try {
        lock.unlock();
        return null;
      } catch (IllegalMonitorStateException e) {
        return e;
      }
    });
    assertThat(failure).isInstanceOf(IllegalMonitorStateException.class).hasMessageContaining(lock.name());
    assertThat(lock.holdCount()).isEqualTo(1);
    lock.unlock();
    assertThatThrownBy(lock::unlock).isInstanceOf(IllegalMonitorStateException.class);
    assertThatThrownBy(lock::fence).isInstanceOf(IllegalMonitorStateException.class);
  }

  @Test
  @DisplayName("another thread cannot take it while held, and can once released")
  void exclusion() throws Exception {
    SharedLock lock = shared.lock();
    try (SharedLock.Hold hold = lock.acquire()) {
      assertThat((boolean) onOtherThread(lock::tryLock)).isFalse();
      assertThat(onOtherThread(() -> lock.tryAcquire(50, TimeUnit.MILLISECONDS))).isEmpty();
    }
    assertThat((boolean) onOtherThread(() -> {
      boolean taken = lock.tryLock(1, TimeUnit.SECONDS);
      lock.unlock();
      return taken;
    })).isTrue();
  }

  @Test
  @DisplayName("a waiting thread gets the lock when the holder releases it")
  void waiting() throws Exception {
    SharedLock lock = shared.lock();
    lock.lock();
    CountDownLatch started = new CountDownLatch(1);
    CompletableFuture<Long> waiter = CompletableFuture.supplyAsync(() -> {
      started.countDown();
      try (SharedLock.Hold hold = lock.acquire()) {
        return hold.fence();
      }
    });
    started.await();
    long myFence = lock.fence();
    lock.unlock();
    assertThat(waiter.get(20, TimeUnit.SECONDS)).isGreaterThan(myFence);
  }

  @Test
  @DisplayName("fencing tokens grow with each fresh acquisition, across peers; reentry keeps the token")
  void fencing() throws Exception {
    SharedLock lock = shared.lock();
    SharedLock peerLock = shared.peer().lock(lock.name());
    long first;
    try (SharedLock.Hold outer = lock.acquire()) {
      first = outer.fence();
      try (SharedLock.Hold inner = lock.acquire()) {
        assertThat(inner.fence()).isEqualTo(first);
        assertThat(lock.fence()).isEqualTo(first);
      }
    }
    long second;
    try (SharedLock.Hold hold = peerLock.acquire()) {
      second = hold.fence();
    }
    long third = onOtherThread(() -> {
      try (SharedLock.Hold hold = lock.tryAcquire(1, TimeUnit.SECONDS).orElseThrow()) {
        return hold.fence();
      }
    });
    assertThat(second).isGreaterThan(first);
    assertThat(third).isGreaterThan(second);
  }

  @Test
  @DisplayName("closing a Hold releases one acquisition, once")
  void holdClosesOnce() {
    SharedLock lock = shared.lock();
    SharedLock.Hold outer = lock.acquire();
    SharedLock.Hold inner = lock.acquire();
    inner.close();
    inner.close();
    assertThat(lock.holdCount()).isEqualTo(1);
    outer.close();
    assertThat(lock.isLocked()).isFalse();
  }

  @Test
  @DisplayName("a peer is another process: the same thread is excluded through it")
  void peersExcludeEachOther() {
    SharedLock lock = shared.lock();
    InMemorySharedObjects peer = shared.peer();
    SharedLock peerLock = peer.lock(lock.name());
    lock.lock();
    assertThat(peerLock.isLocked()).isTrue();
    assertThat(peerLock.isHeldByCurrentThread()).isFalse();
    assertThat(peerLock.tryLock()).isFalse();
    assertThatThrownBy(peerLock::unlock)
        .isInstanceOf(IllegalMonitorStateException.class)
        .hasMessageContaining("another InMemorySharedObjects");
    lock.unlock();
    assertThat(peerLock.tryLock()).isTrue();
    peerLock.unlock();
  }

  @Test
  @DisplayName("closing an instance releases the locks held through it, as a dying process would")
  void closeReleases() throws Exception {
    InMemorySharedObjects peer = shared.peer();
    SharedLock lock = shared.lock("job");
    peer.lock("job").lock();
    assertThat(lock.isLocked()).isTrue();
    peer.close();
    assertThat(lock.isLocked()).isFalse();
    assertThat((boolean) onOtherThread(lock::tryLock)).isTrue();
  }

  @Test
  @DisplayName("a thread waiting through an instance that gets closed fails with SharedObjectsClosedException")
  void closeWakesWaiters() throws Exception {
    InMemorySharedObjects peer = shared.peer();
    SharedLock lock = shared.lock();
    lock.lock();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch waiting = new CountDownLatch(1);
    Thread waiter = new Thread(() -> {
      SharedLock peerLock = peer.lock(lock.name());
      waiting.countDown();
      try {
        peerLock.lock();
      } catch (Throwable e) {
        failure.set(e);
      }
    });
    waiter.start();
    waiting.await();
    while (waiter.getState() != Thread.State.WAITING) {
      Thread.onSpinWait();
    }
    peer.close();
    waiter.join(20_000);
    assertThat(failure.get()).isInstanceOf(SharedObjectsClosedException.class);
    assertThat(lock.isHeldByCurrentThread()).isTrue();
    lock.unlock();
  }

  @Test
  @DisplayName("lockInterruptibly and tryLock with a timeout answer interruption")
  void interruption() throws Exception {
    SharedLock lock = shared.lock();
    lock.lock();
    Exception failure = onOtherThread(() -> {
      Thread.currentThread().interrupt();
      try {
        lock.lockInterruptibly();
        return null;
      } catch (InterruptedException e) {
        return e;
      }
    });
    assertThat(failure).isInstanceOf(InterruptedException.class);
    Exception timedFailure = onOtherThread(() -> {
      Thread.currentThread().interrupt();
      try {
        lock.tryLock(1, TimeUnit.SECONDS);
        return null;
      } catch (InterruptedException e) {
        return e;
      }
    });
    assertThat(timedFailure).isInstanceOf(InterruptedException.class);
    boolean stillInterrupted = onOtherThread(() -> {
      Thread.currentThread().interrupt();
      lock.tryLock();
      return Thread.currentThread().isInterrupted();
    });
    assertThat(stillInterrupted).isTrue();
    lock.unlock();
  }

  @Test
  @DisplayName("destroy releases the lock for everyone and the name starts again unlocked")
  void destroy() {
    SharedLock lock = shared.lock();
    lock.lock();
    lock.destroy();
    assertThat(lock.isLocked()).isFalse();
    assertThatThrownBy(lock::unlock).isInstanceOf(IllegalMonitorStateException.class);
    assertThat(lock.tryLock()).isTrue();
    lock.unlock();
  }

  @Test
  @DisplayName("excludes threads of several peers, and each holder's token is larger than the previous one's")
  void mutualExclusionUnderContention() throws Exception {
    SharedLock[] locks = {shared.lock("counter"), shared.peer().lock("counter")};
    long[] state = new long[2]; // [0]: unguarded counter, [1]: last fence seen
    java.util.List<CompletableFuture<Void>> workers = new java.util.ArrayList<>();
    for (int t = 0; t < 4; t++) {
      SharedLock lock = locks[t % 2];
      workers.add(CompletableFuture.runAsync(() -> {
        for (int i = 0; i < 500; i++) {
          try (SharedLock.Hold hold = lock.acquire()) {
            assertThat(hold.fence()).isGreaterThan(state[1]);
            state[1] = hold.fence();
            state[0]++;
          }
        }
      }, runnable -> new Thread(runnable).start()));
    }
    CompletableFuture.allOf(workers.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);
    assertThat(state[0]).isEqualTo(2000);
  }

  @Test
  @DisplayName("newCondition is the lock's default condition, reached by name through every peer")
  void defaultCondition() {
    SharedLock lock = shared.lock();
    assertThat(lock.newCondition().name()).isEqualTo(SharedLock.DEFAULT_CONDITION);
    assertThat(lock.newCondition().sharedLock()).isSameAs(lock);
    assertThatThrownBy(() -> lock.condition(SharedLock.DEFAULT_CONDITION)).isInstanceOf(InvalidNameException.class);
  }
}
