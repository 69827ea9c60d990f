package io.sharedobjects.tck;

import static io.sharedobjects.tck.EventContract.awaitWaiting;
import static io.sharedobjects.tck.KitAssertions.assertAllFailClosed;
import static io.sharedobjects.tck.KitFixture.uniqueName;
import static io.sharedobjects.tck.KitThreads.WAIT;
import static io.sharedobjects.tck.KitThreads.await;
import static io.sharedobjects.tck.Races.THREADS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sharedobjects.InvalidNameException;
import io.sharedobjects.SharedLatch;
import io.sharedobjects.SharedObjects;
import io.sharedobjects.SharedObjectsClosedException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The rules for a shared latch: a {@code CountDownLatch} across processes whose count its first creator
 * fixes. Each countDown counts once, the count stays at zero once there, and every waiter of every process
 * returns then; every wait is interruptible and fails once its instance is closed.
 */
@Tag("latch")
abstract class LatchContract extends KitContract {

  /** Waiters per instance in the every-waiter rule. */
  private static final int WAITERS = 4;

  LatchContract(KitFixture kit) {
    super(kit);
  }

  @Test
  @DisplayName("a new latch has the count it was created with, for every process")
  void newLatchHasItsCount() throws InterruptedException {
    SharedLatch latch = newLatch(3);
    SharedLatch viaPeer = peer().latch(latch.name(), 3);

    assertThat(latch.count()).isEqualTo(3);
    assertThat(viaPeer.count()).isEqualTo(3);
    assertThat(viaPeer.await(0, TimeUnit.SECONDS)).isFalse();
  }

  @Test
  @DisplayName("each countDown lowers the count by one for every process; at zero it stays zero")
  void countDown() {
    SharedLatch latch = newLatch(2);
    SharedLatch viaPeer = peer().latch(latch.name(), 2);

    latch.countDown();
    assertThat(viaPeer.count()).isEqualTo(1);
    viaPeer.countDown();
    assertThat(latch.count()).isZero();
    latch.countDown();
    viaPeer.countDown();
    assertThat(latch.count()).isZero();
    assertThat(viaPeer.count()).isZero();
  }

  @Test
  @DisplayName("a latch created at 0 is open: await returns at once and countDown leaves it at 0")
  void zeroCount() throws InterruptedException {
    SharedLatch latch = newLatch(0);

    latch.await();
    assertThat(latch.await(0, TimeUnit.SECONDS)).isTrue();
    latch.countDown();
    assertThat(peer().latch(latch.name(), 0).count()).isZero();
  }

  @Test
  @DisplayName("the first creator's count stands: the same count again reaches the same latch, another count fails with IllegalArgumentException naming both")
  void firstCreatorFixesTheCount() {
    SharedLatch latch = newLatch(3);
    latch.countDown();
    SharedObjects peer = peer();

    assertThat(peer.latch(latch.name(), 3).count()).isEqualTo(2);
    assertThatThrownBy(() -> peer.latch(latch.name(), 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3")
        .hasMessageContaining("5");
    assertThatThrownBy(() -> shared().latch(latch.name(), 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3")
        .hasMessageContaining("2");
    assertThat(latch.count()).as("the refused creations changed nothing").isEqualTo(2);
  }

  @Test
  @DisplayName("a negative count fails with IllegalArgumentException and creates nothing: the name then takes any count")
  void negativeCountRefused() {
    String name = uniqueName();

    assertThatThrownBy(() -> shared().latch(name, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
    SharedLatch latch = peer().latch(name, 4);
    assertThat(latch.count()).isEqualTo(4);
    latch.destroy();
  }

  @Test
  @DisplayName("await waits until the last countDown, from any process, then every waiter of every process returns")
  void lastCountDownReleasesEveryWaiter() throws InterruptedException {
    SharedLatch latch = newLatch(2);
    SharedObjects peer = peer();
    CountDownLatch started = new CountDownLatch(2 * WAITERS);
    AtomicInteger released = new AtomicInteger();
    List<Future<?>> waiters = new ArrayList<>();
    for (int i = 0; i < 2 * WAITERS; i++) {
      SharedLatch mine = i % 2 == 0 ? latch : peer.latch(latch.name(), 2);
      boolean timed = i % 4 < 2;
      waiters.add(worker().start(() -> {
        started.countDown();
        if (timed) {
          assertThat(mine.await(WAIT.toMillis() * 2, TimeUnit.MILLISECONDS)).isTrue();
        } else {
          mine.await();
        }
        released.incrementAndGet();
        return null;
      }));
    }
    assertThat(started.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

    peer.latch(latch.name(), 2).countDown();
    assertThat(latch.await(200, TimeUnit.MILLISECONDS)).as("one count is left").isFalse();
    assertThat(released).as("waiters released before the last countDown").hasValue(0);
    latch.countDown();

    for (Future<?> waiter : waiters) {
      await(waiter, WAIT);
    }
    assertThat(released).hasValue(2 * WAITERS);
  }

  @Test
  @DisplayName("a timed await returns false after the time given, not before, while the count is above zero")
  void timedAwaitTimesOut() throws InterruptedException {
    SharedLatch latch = newLatch(1);
    SharedLatch viaPeer = peer().latch(latch.name(), 1);

    long start = System.nanoTime();
    boolean result = viaPeer.await(300, TimeUnit.MILLISECONDS);
    long tookNanos = System.nanoTime() - start;

    assertThat(result).isFalse();
    assertThat(tookNanos).as("nanoseconds waited").isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
  }

  @Test
  @DisplayName("countDowns from threads of two processes at once each count exactly once")
  void concurrentCountDowns() throws InterruptedException {
    int perThread = 5;
    SharedLatch latch = newLatch(THREADS * perThread + 1);
    SharedObjects peer = peer();
    SharedLatch viaPeer = peer.latch(latch.name(), THREADS * perThread + 1);

    race(thread -> {
      SharedLatch mine = thread % 2 == 0 ? latch : viaPeer;
      for (int i = 0; i < perThread; i++) {
        mine.countDown();
      }
    });

    assertThat(latch.count()).isEqualTo(1);
    assertThat(viaPeer.await(0, TimeUnit.SECONDS)).isFalse();
    viaPeer.countDown();
    assertThat(latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
  }

  @Test
  @DisplayName("an interrupted await throws InterruptedException, and an await called with the interrupt flag set throws at once")
  void interruptedAwait() {
    SharedLatch latch = newLatch(1);
    AtomicReference<Thread> waiter = new AtomicReference<>();
    Future<String> outcome = worker().start(() -> {
      waiter.set(Thread.currentThread());
      try {
        latch.await();
        return "returned";
      } catch (InterruptedException e) {
        return "interrupted";
      }
    });
    awaitWaiting(waiter);
    waiter.get().interrupt();
    assertThat(await(outcome, WAIT)).isEqualTo("interrupted");

    Future<String> flagged = worker().start(() -> {
      Thread.currentThread().interrupt();
      try {
        latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        return "returned";
      } catch (InterruptedException e) {
        return "interrupted";
      }
    });
    assertThat(await(flagged, WAIT)).isEqualTo("interrupted");
    assertThat(latch.count()).as("nothing changed").isEqualTo(1);
  }

  @Test
  @DisplayName("destroy removes the latch and its count: the next creator fixes a new count, and the name works again")
  void destroy() throws InterruptedException {
    SharedLatch latch = newLatch(1);
    latch.countDown();
    assertThat(latch.await(0, TimeUnit.SECONDS)).isTrue();

    latch.destroy();

    SharedLatch again = peer().latch(latch.name(), 2);
    assertThat(again.count()).isEqualTo(2);
    assertThat(again.await(50, TimeUnit.MILLISECONDS)).isFalse();
    again.countDown();
    again.countDown();
    assertThat(shared().latch(latch.name(), 2).await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    // Destroyed here, as the kit's cleanup would ask for the count of the first creation.
    again.destroy();
  }

  @Test
  @DisplayName("latch(name, count) refuses an invalid name with InvalidNameException")
  void invalidNames() {
    for (String name : Arrays.asList(null, "", "_reserved", "has space", "x".repeat(201))) {
      assertThatThrownBy(() -> shared().latch(name, 1)).as("latch(%s)", name).isInstanceOf(InvalidNameException.class);
    }
  }

  @Test
  @DisplayName("after close, latch(...) and every call of a latch obtained before fail with SharedObjectsClosedException, and so does an await waiting through it")
  void closed() {
    SharedObjects peer = peer();
    SharedLatch latch = newLatch(2);
    SharedLatch viaPeer = peer.latch(latch.name(), 2);
    SharedLatch waitingOn = peer.latch(uniqueName(), 1);
    AtomicReference<Thread> waiter = new AtomicReference<>();
    Future<Void> waiting = worker().start(() -> {
      waiter.set(Thread.currentThread());
      waitingOn.await();
      return null;
    });
    awaitWaiting(waiter);

    peer.close();

    assertThatThrownBy(() -> await(waiting, WAIT)).isInstanceOf(SharedObjectsClosedException.class);
    Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
    calls.put("countDown", viaPeer::countDown);
    calls.put("count", viaPeer::count);
    calls.put("await", viaPeer::await);
    calls.put("timed await", () -> viaPeer.await(1, TimeUnit.SECONDS));
    calls.put("latch(name, count)", () -> peer.latch(latch.name(), 2));
    assertAllFailClosed(calls);
    assertThat(latch.count()).as("the latch stays for the others").isEqualTo(2);
  }
}
