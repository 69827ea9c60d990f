package io.sharedobjects.tck;

import static io.sharedobjects.tck.KitThreads.WAIT;
import static io.sharedobjects.tck.KitThreads.await;
import static io.sharedobjects.tck.KitThreads.eventually;
import static io.sharedobjects.tck.Races.THREADS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sharedobjects.SharedObjects;
import io.sharedobjects.SharedObjectsClosedException;
import io.sharedobjects.SharedSemaphore;
import io.sharedobjects.tck.KitFixture.Kind;
import io.sharedobjects.tck.KitThreads.Worker;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The rules for a shared semaphore: Python's {@code BoundedSemaphore} across processes, whose permits belong
 * to the process (the {@code SharedObjects}) that took them, never more than its number in use at once,
 * given back when that process closes, and fixed in number by the first creator.
 */
@Tag("semaphore")
abstract class SemaphoreContract extends KitContract {

  SemaphoreContract(KitFixture kit) {
    super(kit);
  }

  @Test
  @DisplayName("a new semaphore has every permit free, and permits() is the number it was created with")
  void newSemaphoreIsFree() {
    SharedSemaphore semaphore = newSemaphore(3);

    assertThat(semaphore.permits()).isEqualTo(3);
    assertThat(semaphore.availablePermits()).isEqualTo(3);
    assertThat(peer().semaphore(semaphore.name(), 3).availablePermits()).isEqualTo(3);
  }

  @Test
  @DisplayName("acquire and tryAcquire each take a permit, release gives one back, and a peer sees the same count")
  void acquireAndRelease() throws InterruptedException {
    SharedSemaphore semaphore = newSemaphore(3);
    SharedSemaphore viaPeer = peer().semaphore(semaphore.name(), 3);

    semaphore.acquire();
    assertThat(semaphore.tryAcquire()).isTrue();
    assertThat(semaphore.tryAcquire(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    assertThat(viaPeer.availablePermits()).isZero();

    semaphore.release();
    assertThat(viaPeer.availablePermits()).isEqualTo(1);
    semaphore.release();
    semaphore.release();
    assertThat(semaphore.availablePermits()).isEqualTo(3);
  }

  @Test
  @DisplayName("tryAcquire returns false at once while every permit is held, by this process and a peer")
  void tryAcquireFailsFast() {
    SharedSemaphore semaphore = newSemaphore(2);
    SharedSemaphore viaPeer = peer().semaphore(semaphore.name(), 2);
    assertThat(semaphore.tryAcquire()).isTrue();
    assertThat(viaPeer.tryAcquire()).isTrue();

    long start = System.nanoTime();
    assertThat(semaphore.tryAcquire()).isFalse();
    assertThat(viaPeer.tryAcquire()).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    assertThat(semaphore.availablePermits()).isZero();

    viaPeer.release();
    semaphore.release();
  }

  @Test
  @DisplayName("never more than permits are held at once: 4 threads on two peers taking and releasing 2 permits")
  void neverMoreThanPermits() {
    SharedSemaphore semaphore = newSemaphore(2);
    SharedObjects peer = peer();
    AtomicInteger holding = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    AtomicInteger rounds = new AtomicInteger();
    int perThread = 20;

    race(t -> {
      SharedSemaphore mine = instanceFor(t, peer).semaphore(semaphore.name(), 2);
      for (int i = 0; i < perThread; i++) {
        mine.acquire();
        try {
          most.accumulateAndGet(holding.incrementAndGet(), Math::max);
          // Holds the permit a moment, so that the threads' holds overlap.
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
          holding.decrementAndGet();
        } finally {
          mine.release();
        }
        rounds.incrementAndGet();
      }
    });

    assertThat(most.get()).as("most permits held at once").isBetween(1, 2);
    assertThat(rounds.get()).isEqualTo(THREADS * perThread);
    assertThat(semaphore.availablePermits()).isEqualTo(2);
  }

  @Test
  @DisplayName("release by a process holding no permit throws IllegalStateException and changes nothing")
  void releaseWithoutPermit() {
    SharedSemaphore semaphore = newSemaphore(2);
    SharedSemaphore viaPeer = peer().semaphore(semaphore.name(), 2);

    assertThatThrownBy(semaphore::release).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(semaphore.name());
    assertThat(semaphore.availablePermits()).isEqualTo(2);

    assertThat(viaPeer.tryAcquire()).isTrue();
    assertThatThrownBy(semaphore::release).isInstanceOf(IllegalStateException.class);
    assertThat(semaphore.availablePermits()).isEqualTo(1);

    viaPeer.release();
    assertThatThrownBy(viaPeer::release).as("a second release of one permit").isInstanceOf(IllegalStateException.class);
    assertThat(semaphore.availablePermits()).isEqualTo(2);
  }

  @Test
  @DisplayName("a permit taken by one thread may be released by another thread of the same process")
  void releaseFromAnotherThread() {
    SharedSemaphore semaphore = newSemaphore(1);
    Worker taker = worker();

    assertThat(taker.call(() -> semaphore.tryAcquire())).isTrue();
    assertThat(semaphore.availablePermits()).isZero();
    semaphore.release();

    assertThat(semaphore.availablePermits()).isEqualTo(1);
    assertThat(semaphore.tryAcquire()).isTrue();
    worker().run(semaphore::release);
    assertThat(semaphore.availablePermits()).isEqualTo(1);
  }

  @Test
  @DisplayName("timed tryAcquire returns false when no permit frees in time, and true once a peer releases one")
  void timedTryAcquire() throws InterruptedException {
    SharedSemaphore semaphore = newSemaphore(1);
    SharedSemaphore viaPeer = peer().semaphore(semaphore.name(), 1);
    assertThat(viaPeer.tryAcquire()).isTrue();

    assertThat(semaphore.tryAcquire(50, TimeUnit.MILLISECONDS)).isFalse();

    Future<Boolean> waiting = worker().start(() -> semaphore.tryAcquire(WAIT.toMillis(), TimeUnit.MILLISECONDS));
    viaPeer.release();
    assertThat(await(waiting, WAIT.plusSeconds(5))).isTrue();
    assertThat(viaPeer.availablePermits()).isZero();
    semaphore.release();
  }

  @Test
  @DisplayName("acquire waits while every permit is held, and takes the one a peer releases")
  void acquireWaits() {
    SharedSemaphore semaphore = newSemaphore(1);
    SharedSemaphore viaPeer = peer().semaphore(semaphore.name(), 1);
    assertThat(viaPeer.tryAcquire()).isTrue();

    Future<Integer> acquired = worker().start(() -> {
      semaphore.acquire();
      return semaphore.availablePermits();
    });
    assertThat(acquired.isDone()).as("acquire() returned while no permit was free").isFalse();
    viaPeer.release();

    assertThat(await(acquired, WAIT)).isZero();
    assertThatThrownBy(viaPeer::release).isInstanceOf(IllegalStateException.class);
    semaphore.release();
  }

  @Test
  @DisplayName("an interrupted acquire throws InterruptedException and takes no permit")
  void interruptedAcquire() throws InterruptedException {
    SharedSemaphore semaphore = newSemaphore(1);
    SharedSemaphore viaPeer = peer().semaphore(semaphore.name(), 1);
    assertThat(viaPeer.tryAcquire()).isTrue();
    CountDownLatch started = new CountDownLatch(1);
    CompletableFuture<String> outcome = new CompletableFuture<>();

    Future<?> waiter = worker().start(() -> {
      started.countDown();
      try {
        semaphore.acquire();
        outcome.complete("acquired");
      } catch (InterruptedException e) {
        outcome.complete("interrupted");
      } catch (RuntimeException e) {
        outcome.complete("failed: " + e);
      }
      return null;
    });
    assertThat(started.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    waiter.cancel(true);

    assertThat(await(outcome, WAIT)).isEqualTo("interrupted");
    viaPeer.release();
    assertThat(semaphore.availablePermits()).as("the interrupted waiter took no permit").isEqualTo(1);
    assertThatThrownBy(semaphore::release).isInstanceOf(IllegalStateException.class);
  }

  @Test
  @DisplayName("the first creator fixes the number of permits: the same number reaches the same semaphore, another is refused naming both")
  void permitsFixedByFirstCreator() {
    SharedSemaphore semaphore = newSemaphore(2);
    SharedObjects peer = peer();

    assertThat(peer.semaphore(semaphore.name(), 2).permits()).isEqualTo(2);
    assertThatThrownBy(() -> peer.semaphore(semaphore.name(), 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 permits")
        .hasMessageContaining("5");
    assertThatThrownBy(() -> shared().semaphore(semaphore.name(), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 permits");
    assertThat(semaphore.availablePermits()).isEqualTo(2);
  }

  @Test
  @DisplayName("0 or negative permits are refused with IllegalArgumentException")
  void nonPositivePermits() {
    String name = KitFixture.uniqueName();

    assertThatThrownBy(() -> shared().semaphore(name, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(name);
    assertThatThrownBy(() -> shared().semaphore(name, -3)).isInstanceOf(IllegalArgumentException.class);
    // Refused before anything is fixed: the name is still free for any positive number.
    assertThat(track(Kind.SEMAPHORE, shared().semaphore(name, 4), 4).permits()).isEqualTo(4);
  }

  @Test
  @DisplayName("closing a peer gives its permits back within the backend's bounded time, to a waiting acquirer too")
  void closeGivesPermitsBack() {
    SharedSemaphore semaphore = newSemaphore(2);
    SharedObjects peer = peer();
    SharedSemaphore viaPeer = peer.semaphore(semaphore.name(), 2);
    assertThat(viaPeer.tryAcquire()).isTrue();
    assertThat(worker().call(() -> viaPeer.tryAcquire())).isTrue();
    assertThat(semaphore.tryAcquire()).isFalse();
    Duration bound = lockReleaseAfterClose();
    Future<Boolean> waiting = worker().start(() -> semaphore.tryAcquire(bound.plus(WAIT).toMillis(), TimeUnit.MILLISECONDS));

    peer.close();

    assertThat(await(waiting, bound.plus(WAIT))).as("the waiting acquirer got a permit").isTrue();
    // The waiter's permit belongs to this process: the test's thread may give it back.
    semaphore.release();
    eventually(bound, "both permits are free after their holder's SharedObjects closed",
        () -> semaphore.availablePermits() == 2);
  }

  @Test
  @DisplayName("destroy frees every permit and forgets the number: the name then starts again with the number its next creator gives")
  void destroy() {
    SharedSemaphore semaphore = newSemaphore(2);
    SharedSemaphore viaPeer = peer().semaphore(semaphore.name(), 2);
    assertThat(semaphore.tryAcquire()).isTrue();
    assertThat(viaPeer.tryAcquire()).isTrue();

    semaphore.destroy();

    SharedSemaphore again = track(Kind.SEMAPHORE, shared().semaphore(semaphore.name(), 3), 3);
    assertThat(again.permits()).isEqualTo(3);
    assertThat(again.availablePermits()).isEqualTo(3);
    assertThat(again.tryAcquire()).isTrue();
    assertThat(again.availablePermits()).isEqualTo(2);
    again.release();
  }

  @Test
  @DisplayName("a semaphore of a closed SharedObjects fails with SharedObjectsClosedException, and so does asking it for one")
  void closedInstance() {
    SharedSemaphore semaphore = newSemaphore(1);
    SharedObjects peer = peer();
    SharedSemaphore viaPeer = peer.semaphore(semaphore.name(), 1);

    peer.close();

    assertThatThrownBy(viaPeer::tryAcquire).isInstanceOf(SharedObjectsClosedException.class);
    assertThatThrownBy(viaPeer::acquire).isInstanceOf(SharedObjectsClosedException.class);
    assertThatThrownBy(() -> viaPeer.tryAcquire(1, TimeUnit.SECONDS)).isInstanceOf(SharedObjectsClosedException.class);
    assertThatThrownBy(viaPeer::release).isInstanceOf(SharedObjectsClosedException.class);
    assertThatThrownBy(viaPeer::availablePermits).isInstanceOf(SharedObjectsClosedException.class);
    assertThatThrownBy(() -> peer.semaphore(semaphore.name(), 1)).isInstanceOf(SharedObjectsClosedException.class);
    assertThat(semaphore.availablePermits()).isEqualTo(1);
  }
}
