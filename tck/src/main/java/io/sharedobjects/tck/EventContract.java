package io.sharedobjects.tck;

import static io.sharedobjects.tck.KitAssertions.assertAllFailClosed;
import static io.sharedobjects.tck.KitFixture.uniqueName;
import static io.sharedobjects.tck.KitThreads.WAIT;
import static io.sharedobjects.tck.KitThreads.await;
import static io.sharedobjects.tck.KitThreads.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sharedobjects.InvalidNameException;
import io.sharedobjects.SharedEvent;
import io.sharedobjects.SharedObjects;
import io.sharedobjects.SharedObjectsClosedException;
import io.sharedobjects.tck.KitFixture.Kind;
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
 * The rules for a shared event: Python's {@code Event} across processes. It starts clear; {@code set}
 * wakes every waiter of every process; a waiter returns true if the event was set at any moment while it
 * waited; every wait is interruptible and fails once its instance is closed.
 */
@Tag("event")
abstract class EventContract extends KitContract {

  /** Waiters per instance in the many-waiters rule. */
  private static final int WAITERS = 4;

  EventContract(KitFixture kit) {
    super(kit);
  }

  @Test
  @DisplayName("a new event is clear for every process, and a timed await on it returns false")
  void newEventIsClear() throws InterruptedException {
    SharedEvent event = newEvent();
    SharedEvent viaPeer = peer().event(event.name());

    assertThat(event.isSet()).isFalse();
    assertThat(viaPeer.isSet()).isFalse();
    assertThat(viaPeer.await(0, TimeUnit.SECONDS)).isFalse();
  }

  @Test
  @DisplayName("set is seen by every process, and clear too; setting a set event and clearing a clear one change nothing")
  void setAndClear() {
    SharedEvent event = newEvent();
    SharedEvent viaPeer = peer().event(event.name());

    event.set();
    assertThat(viaPeer.isSet()).isTrue();
    viaPeer.set();
    assertThat(event.isSet()).isTrue();
    viaPeer.clear();
    assertThat(event.isSet()).isFalse();
    event.clear();
    assertThat(viaPeer.isSet()).isFalse();
    viaPeer.set();
    assertThat(event.isSet()).isTrue();
  }

  @Test
  @DisplayName("await returns at once on a set event, and a timed await returns true even with no time to wait")
  void awaitOnSetEvent() throws InterruptedException {
    SharedEvent event = newEvent();
    event.set();
    SharedEvent viaPeer = peer().event(event.name());

    long start = System.nanoTime();
    viaPeer.await();
    assertThat(viaPeer.await(0, TimeUnit.SECONDS)).isTrue();
    assertThat(event.await(1, TimeUnit.MILLISECONDS)).isTrue();
    assertThat(System.nanoTime() - start).as("nanoseconds taken").isLessThan(WAIT.toNanos());
  }

  @Test
  @DisplayName("a waiter on a peer is woken by set from another process, await() and timed await alike")
  void setWakesWaiterOnPeer() {
    SharedEvent event = newEvent();
    SharedEvent viaPeer = peer().event(event.name());
    AtomicReference<Thread> untimed = new AtomicReference<>();
    AtomicReference<Thread> timed = new AtomicReference<>();
    Future<String> first = worker().start(() -> {
      untimed.set(Thread.currentThread());
      viaPeer.await();
      return "woken";
    });
    Future<Boolean> second = worker().start(() -> {
      timed.set(Thread.currentThread());
      return viaPeer.await(WAIT.toMillis() * 2, TimeUnit.MILLISECONDS);
    });
    awaitWaiting(untimed);
    awaitWaiting(timed);
    assertThat(first).isNotDone();

    event.set();

    assertThat(await(first, WAIT)).isEqualTo("woken");
    assertThat(await(second, WAIT)).isTrue();
  }

  @Test
  @DisplayName("a timed await on a clear event returns false after the time given, not before")
  void timedAwaitTimesOut() throws InterruptedException {
    SharedEvent event = newEvent();
    SharedEvent viaPeer = peer().event(event.name());
    event.set();
    event.clear();

    long start = System.nanoTime();
    boolean result = viaPeer.await(300, TimeUnit.MILLISECONDS);
    long tookNanos = System.nanoTime() - start;

    assertThat(result).as("a set cleared before the wait began does not count").isFalse();
    assertThat(tookNanos).as("nanoseconds waited").isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
  }

  @Test
  @DisplayName("a waiter returns true when the event is set while it waits, even if it is cleared again before the waiter wakes")
  void setThenClearStillWakes() {
    SharedEvent event = newEvent();
    SharedEvent viaPeer = peer().event(event.name());
    AtomicReference<Thread> waiter = new AtomicReference<>();
    Future<Boolean> waited = worker().start(() -> {
      waiter.set(Thread.currentThread());
      return viaPeer.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    });
    awaitTimedWaiting(waiter);

    event.set();
    event.clear();

    assertThat(await(waited, WAIT.plusSeconds(5))).isTrue();
    assertThat(viaPeer.isSet()).isFalse();
  }

  @Test
  @DisplayName("one set wakes every waiter: several threads of the instance and of a peer")
  void setWakesEveryWaiter() throws InterruptedException {
    SharedEvent event = newEvent();
    SharedObjects peer = peer();
    CountDownLatch started = new CountDownLatch(2 * WAITERS);
    AtomicInteger woken = new AtomicInteger();
    List<Future<?>> waiters = new ArrayList<>();
    for (int i = 0; i < 2 * WAITERS; i++) {
      SharedEvent mine = (i % 2 == 0 ? shared() : peer).event(event.name());
      waiters.add(worker().start(() -> {
        started.countDown();
        mine.await();
        woken.incrementAndGet();
        return null;
      }));
    }
    assertThat(started.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    assertThat(woken).hasValue(0);

    peer.event(event.name()).set();

    for (Future<?> waiter : waiters) {
      await(waiter, WAIT);
    }
    assertThat(woken).hasValue(2 * WAITERS);
  }

  @Test
  @DisplayName("an interrupted await throws InterruptedException, and an await called with the interrupt flag set throws at once")
  void interruptedAwait() {
    SharedEvent event = newEvent();
    AtomicReference<Thread> waiter = new AtomicReference<>();
    Future<String> outcome = worker().start(() -> {
      waiter.set(Thread.currentThread());
      try {
        event.await();
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
        event.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        return "returned";
      } catch (InterruptedException e) {
        return "interrupted";
      }
    });
    assertThat(await(flagged, WAIT)).isEqualTo("interrupted");
    assertThat(event.isSet()).as("nothing changed").isFalse();
  }

  @Test
  @DisplayName("destroy clears the event for every process, and the name works again as a new event")
  void destroy() throws InterruptedException {
    SharedEvent event = newEvent();
    SharedEvent viaPeer = peer().event(event.name());
    event.set();
    assertThat(viaPeer.isSet()).isTrue();

    event.destroy();

    assertThat(viaPeer.isSet()).isFalse();
    assertThat(event.await(50, TimeUnit.MILLISECONDS)).isFalse();
    viaPeer.set();
    assertThat(event.isSet()).isTrue();
    assertThat(shared().event(event.name()).await(0, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  @DisplayName("event() creates a new clear event under a unique name that a peer reaches")
  void unnamed() {
    SharedEvent event = track(Kind.EVENT, shared().event());
    SharedEvent other = track(Kind.EVENT, shared().event());

    assertThat(event.name()).isNotEqualTo(other.name());
    assertThat(event.isSet()).isFalse();
    event.set();
    assertThat(peer().event(event.name()).isSet()).isTrue();
    assertThat(other.isSet()).isFalse();
  }

  @Test
  @DisplayName("event(name) refuses an invalid name with InvalidNameException")
  void invalidNames() {
    for (String name : Arrays.asList(null, "", "_reserved", "has space", "x".repeat(201))) {
      assertThatThrownBy(() -> shared().event(name)).as("event(%s)", name).isInstanceOf(InvalidNameException.class);
    }
  }

  @Test
  @DisplayName("after close, event(...) and every call of an event obtained before fail with SharedObjectsClosedException, and so does an await waiting through it")
  void closed() {
    SharedObjects peer = peer();
    SharedEvent event = newEvent();
    event.set();
    SharedEvent viaPeer = peer.event(event.name());
    SharedEvent waitingOn = peer.event(uniqueName());
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
    calls.put("set", viaPeer::set);
    calls.put("clear", viaPeer::clear);
    calls.put("isSet", viaPeer::isSet);
    calls.put("await", viaPeer::await);
    calls.put("timed await", () -> viaPeer.await(1, TimeUnit.SECONDS));
    calls.put("event(name)", () -> peer.event(event.name()));
    calls.put("event()", peer::event);
    assertAllFailClosed(calls);
    assertThat(event.isSet()).as("the event stays set for the others").isTrue();
  }

  /** Waits until {@code thread} (set by the task it runs) is blocked, waiting: a blocking call is under way. */
  static void awaitWaiting(AtomicReference<Thread> thread) {
    eventually(WAIT, "the worker waits", () -> {
      Thread t = thread.get();
      return t != null && (t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING);
    });
  }

  /**
   * Waits until {@code thread}, in a timed await, is in a timed wait: the wait itself, past the untimed waits
   * of the round trips that come before it on a remote backend (a heuristic: a backend whose round trips
   * wait timed makes the rule that uses this flaky, never wrongly green).
   */
  static void awaitTimedWaiting(AtomicReference<Thread> thread) {
    eventually(WAIT, "the worker waits", () -> {
      Thread t = thread.get();
      return t != null && t.getState() == Thread.State.TIMED_WAITING;
    });
  }
}
