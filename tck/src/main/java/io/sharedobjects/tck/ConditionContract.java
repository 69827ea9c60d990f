package io.sharedobjects.tck;

import static io.sharedobjects.tck.KitThreads.WAIT;
import static io.sharedobjects.tck.KitThreads.await;
import static io.sharedobjects.tck.KitThreads.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sharedobjects.InvalidNameException;
import io.sharedobjects.SharedCondition;
import io.sharedobjects.SharedLock;
import io.sharedobjects.SharedObjects;
import io.sharedobjects.SharedObjectsClosedException;
import io.sharedobjects.SharedValue;
import io.sharedobjects.tck.KitThreads.Worker;
import java.time.Duration;
import java.util.Date;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The rules for a shared lock's conditions: named, the same in every process, and working as a {@code
 * ReentrantLock}'s conditions do, with waiters and signallers in different peers.
 *
 * <p>Every test makes sure a waiter waits before it signals: the waiter takes the lock first, and only its
 * {@code await} gives it up, so a signaller that got the lock signals a registered waiter. Nothing sleeps;
 * the only waits are a waiter's own timeouts and bounded waits for results.
 */
@Tag("condition")
abstract class ConditionContract extends KitContract {

  /** A timeout that a test lets run out; short, as every rule with one waits for it. */
  private static final Duration SHORT = Duration.ofMillis(300);

  ConditionContract(KitFixture kit) {
    super(kit);
  }

  @Test
  @DisplayName("a signal from a thread of a peer wakes a thread waiting on the same condition, which returns holding the lock")
  void signalFromPeerWakesWaiter() {
    SharedLock lock = newLock();
    SharedCondition ready = lock.condition("ready");
    SharedLock viaPeer = peer().lock(lock.name());

    Future<Boolean> waiting = startWaiting(worker(), lock, () -> ready.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)
        && lock.isHeldByCurrentThread() && lock.holdCount() == 1);
    signal(worker(), viaPeer, "ready", false);

    assertThat(await(waiting, WAIT.plusSeconds(5))).as("woken by the signal, holding the lock once").isTrue();
    assertThat(lock.isLocked()).isFalse();
  }

  @Test
  @DisplayName("signal wakes one waiter only, the longest-waiting: of two, the first returns signalled and the second times out")
  void signalWakesOne() {
    SharedLock lock = newLock();
    SharedCondition ready = lock.condition("ready");
    SharedLock viaPeer = peer().lock(lock.name());
    long timeout = SHORT.toMillis() * 10;

    Future<Boolean> first = startWaiting(worker(), lock, () -> ready.await(timeout, TimeUnit.MILLISECONDS));
    Future<Boolean> second = startWaiting(worker(), lock, () -> ready.await(timeout, TimeUnit.MILLISECONDS));
    signal(worker(), viaPeer, "ready", false);

    assertThat(await(first, WAIT)).as("the first waiter is signalled").isTrue();
    assertThat(await(second, WAIT)).as("the second waiter times out").isFalse();
  }

  @Test
  @DisplayName("signalAll wakes every waiter, in this process and in a peer")
  void signalAllWakesAll() {
    SharedLock lock = newLock();
    SharedCondition ready = lock.condition("ready");
    SharedObjects peer = peer();
    SharedLock viaPeer = peer.lock(lock.name());
    SharedCondition readyViaPeer = viaPeer.condition("ready");

    Future<Boolean> first = startWaiting(worker(), lock, () -> ready.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
    Future<Boolean> second = startWaiting(worker(), lock, () -> ready.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
    Future<Boolean> third =
        startWaiting(worker(), viaPeer, () -> readyViaPeer.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
    signal(worker(), lock, "ready", true);

    assertThat(await(first, WAIT.plusSeconds(5))).isTrue();
    assertThat(await(second, WAIT.plusSeconds(5))).isTrue();
    assertThat(await(third, WAIT.plusSeconds(5))).isTrue();
  }

  @Test
  @DisplayName("every condition method without holding the lock throws IllegalMonitorStateException, also while another thread holds it")
  void withoutTheLock() {
    SharedLock lock = newLock();
    SharedCondition ready = lock.condition("ready");

    assertNotHeldRefused(ready);
    Worker holder = worker();
    holder.run(lock::lock);
    assertNotHeldRefused(ready);
    assertNotHeldRefused(peer().lock(lock.name()).condition("ready"));
    assertThat(holder.call(lock::holdCount)).as("the holder keeps its hold").isEqualTo(1);
    holder.run(lock::unlock);
    assertThat(lock.isLocked()).isFalse();
  }

  @Test
  @DisplayName("await gives up every reentrant hold, so a peer can lock, and takes all back with a new, larger fence")
  void awaitRestoresHolds() {
    SharedLock lock = newLock();
    SharedCondition ready = lock.condition("ready");
    SharedLock viaPeer = peer().lock(lock.name());
    Worker waiter = worker();
    waiter.run(() -> {
      lock.lock();
      lock.lock();
    });
    long before = waiter.call(() -> {
      lock.lock();
      return lock.fence();
    });

    Future<long[]> waiting = waiter.start(() -> {
      boolean signalled = ready.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      return new long[] {signalled ? 1 : 0, lock.holdCount(), lock.fence()};
    });
    long signallerFence = worker().call(() -> {
      viaPeer.lock();
      try {
        viaPeer.condition("ready").signal();
        return viaPeer.fence();
      } finally {
        viaPeer.unlock();
      }
    });

    long[] after = await(waiting, WAIT.plusSeconds(5));
    assertThat(after[0]).as("signalled").isEqualTo(1);
    assertThat(after[1]).as("hold count after await").isEqualTo(3);
    assertThat(signallerFence).as("the peer's fence while the waiter waited").isGreaterThan(before);
    assertThat(after[2]).as("the fence after await").isGreaterThan(signallerFence);
    waiter.run(() -> {
      lock.unlock();
      lock.unlock();
      lock.unlock();
    });
    assertThat(lock.isLocked()).isFalse();
  }

  @Test
  @DisplayName("a timed await with no signal returns false after its time and holds the lock again, with its hold count")
  void timedAwaitTimesOut() throws InterruptedException {
    SharedLock lock = newLock();
    SharedCondition ready = lock.condition("ready");
    lock.lock();
    lock.lock();
    long before = lock.fence();

    long start = System.nanoTime();
    boolean signalled = ready.await(SHORT.toMillis(), TimeUnit.MILLISECONDS);

    assertThat(signalled).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(SHORT);
    assertThat(lock.holdCount()).isEqualTo(2);
    assertThat(lock.fence()).as("a fresh acquisition's fence").isGreaterThan(before);
    lock.unlock();
    lock.unlock();
    assertThat(lock.isLocked()).isFalse();
  }

  @Test
  @DisplayName("awaitNanos and awaitUntil return zero or less and false when the time runs out, a positive remainder and true when signalled")
  void awaitNanosAndUntil() throws InterruptedException {
    SharedLock lock = newLock();
    SharedCondition ready = lock.condition("ready");
    SharedLock viaPeer = peer().lock(lock.name());

    lock.lock();
    try {
      assertThat(ready.awaitNanos(SHORT.toNanos())).isLessThanOrEqualTo(0);
      assertThat(ready.awaitUntil(new Date(System.currentTimeMillis() + SHORT.toMillis()))).isFalse();
      assertThat(lock.holdCount()).isEqualTo(1);
    } finally {
      lock.unlock();
    }

    Future<Long> nanos = startWaiting(worker(), lock, () -> ready.awaitNanos(WAIT.toNanos()));
    signal(worker(), viaPeer, "ready", false);
    assertThat(await(nanos, WAIT.plusSeconds(5))).as("awaitNanos's remainder").isPositive();

    Future<Boolean> until =
        startWaiting(worker(), lock, () -> ready.awaitUntil(new Date(System.currentTimeMillis() + WAIT.toMillis())));
    signal(worker(), viaPeer, "ready", false);
    assertThat(await(until, WAIT.plusSeconds(5))).as("awaitUntil").isTrue();
  }

  @Test
  @DisplayName("an interrupted waiter throws InterruptedException holding the lock again; interrupted before await, it throws at once keeping the lock")
  void interruptedWaiter() throws InterruptedException {
    SharedLock lock = newLock();
    SharedCondition ready = lock.condition("ready");
    AtomicReference<Thread> waiterThread = new AtomicReference<>();

    Future<String> waiting = startWaiting(worker(), lock, () -> {
      waiterThread.set(Thread.currentThread());
      try {
        ready.await();
        return "returned without an interrupt or signal";
      } catch (InterruptedException expected) {
        return "interrupted, holds " + lock.holdCount();
      }
    });
    lock.lock(); // the waiter is waiting once this thread has the lock
    lock.unlock();
    waiterThread.get().interrupt();
    assertThat(await(waiting, WAIT.plusSeconds(5))).isEqualTo("interrupted, holds 1");
    assertThat(lock.isLocked()).isFalse();

    lock.lock();
    try {
      Thread.currentThread().interrupt();
      assertThatThrownBy(ready::await).isInstanceOf(InterruptedException.class);
      assertThat(lock.isHeldByCurrentThread()).isTrue();
    } finally {
      Thread.interrupted();
      lock.unlock();
    }
  }

  @Test
  @DisplayName("awaitUninterruptibly keeps waiting through an interrupt, returns when signalled and keeps the interrupt status")
  void awaitUninterruptibly() {
    SharedLock lock = newLock();
    SharedCondition ready = lock.condition("ready");
    SharedLock viaPeer = peer().lock(lock.name());
    AtomicReference<Thread> waiterThread = new AtomicReference<>();

    Future<String> waiting = startWaiting(worker(), lock, () -> {
      waiterThread.set(Thread.currentThread());
      ready.awaitUninterruptibly();
      return "interrupted " + Thread.interrupted() + ", holds " + lock.holdCount();
    });
    lock.lock();
    lock.unlock();
    waiterThread.get().interrupt();
    // Still waiting: the signaller below can only lock once the waiter has given the lock up again.
    signal(worker(), viaPeer, "ready", false);

    assertThat(await(waiting, WAIT.plusSeconds(5))).isEqualTo("interrupted true, holds 1");
  }

  @Test
  @DisplayName("a signal sent while no thread waits is not remembered: a later await times out")
  void signalNotRemembered() throws InterruptedException {
    SharedLock lock = newLock();
    SharedCondition ready = lock.condition("ready");
    signal(worker(), peer().lock(lock.name()), "ready", false);
    signal(worker(), lock, "ready", true);

    lock.lock();
    try {
      assertThat(ready.await(SHORT.toMillis(), TimeUnit.MILLISECONDS)).isFalse();
    } finally {
      lock.unlock();
    }
  }

  @Test
  @DisplayName("the same lock and condition name reach the same condition from every peer; other names are other conditions")
  void namesMeet() {
    SharedLock lock = newLock();
    SharedLock viaPeer = peer().lock(lock.name());
    long timeout = SHORT.toMillis() * 5;

    Future<Boolean> onReady = startWaiting(worker(), lock,
        () -> lock.condition("ready").await(timeout, TimeUnit.MILLISECONDS));
    Future<Boolean> onDone = startWaiting(worker(), lock,
        () -> lock.condition("done").await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
    signal(worker(), viaPeer, "done", false);
    assertThat(await(onDone, WAIT.plusSeconds(5))).as("the waiter on 'done', signalled through the peer").isTrue();
    assertThat(await(onReady, WAIT)).as("the waiter on 'ready', not signalled").isFalse();

    Future<Boolean> again = startWaiting(worker(), lock,
        () -> lock.condition("ready").await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
    signal(worker(), viaPeer, "ready", false);
    assertThat(await(again, WAIT.plusSeconds(5))).as("the waiter on 'ready', signalled through the peer").isTrue();
  }

  @Test
  @DisplayName("newCondition() is the lock's default condition, the same in every peer and on every call")
  void defaultConditionShared() {
    SharedLock lock = newLock();
    SharedLock viaPeer = peer().lock(lock.name());
    assertThat(lock.newCondition().name()).isEqualTo(SharedLock.DEFAULT_CONDITION);
    assertThat(lock.newCondition().sharedLock().name()).isEqualTo(lock.name());

    Future<Boolean> waiting = startWaiting(worker(), lock,
        () -> lock.newCondition().await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
    worker().run(() -> {
      viaPeer.lock();
      try {
        viaPeer.newCondition().signal();
      } finally {
        viaPeer.unlock();
      }
    });
    assertThat(await(waiting, WAIT.plusSeconds(5))).isTrue();
  }

  @Test
  @DisplayName("waitFor (Python's wait_for) returns true once a peer makes the predicate true and signals, false when the time runs out")
  void waitFor() throws InterruptedException {
    SharedLock lock = newLock();
    SharedCondition changed = lock.condition("changed");
    SharedValue<Integer> value = newValue();
    value.set(0);
    SharedObjects peer = peer();
    SharedLock viaPeer = peer.lock(lock.name());
    SharedValue<Integer> valueViaPeer = peer.value(value.name());

    Future<Boolean> waiting = startWaiting(worker(), lock,
        () -> changed.waitFor(() -> value.get() == 3, WAIT.toMillis(), TimeUnit.MILLISECONDS) && value.get() == 3);
    Worker writer = worker();
    for (int i = 1; i <= 3; i++) {
      int next = i;
      writer.run(() -> {
        viaPeer.lock();
        try {
          valueViaPeer.set(next);
          viaPeer.condition("changed").signalAll();
        } finally {
          viaPeer.unlock();
        }
      });
    }
    assertThat(await(waiting, WAIT.plusSeconds(5))).as("waitFor after the third change").isTrue();

    lock.lock();
    try {
      assertThat(changed.waitFor(() -> value.get() == 3, 0, TimeUnit.MILLISECONDS)).as("already true").isTrue();
      assertThat(changed.waitFor(() -> value.get() == 4, SHORT.toMillis(), TimeUnit.MILLISECONDS)).isFalse();
      assertThat(lock.holdCount()).isEqualTo(1);
    } finally {
      lock.unlock();
    }
    assertThatThrownBy(() -> changed.waitFor(() -> true)).isInstanceOf(IllegalMonitorStateException.class);
  }

  @Test
  @DisplayName("a waiter that timed out does not take a signal: a signal sent after goes to a waiter still waiting")
  void timedOutWaiterTakesNoSignal() {
    SharedLock lock = newLock();
    SharedCondition ready = lock.condition("ready");
    SharedLock viaPeer = peer().lock(lock.name());

    Future<Boolean> early = startWaiting(worker(), lock, () -> ready.await(SHORT.toMillis(), TimeUnit.MILLISECONDS));
    Future<Boolean> patient = startWaiting(worker(), lock, () -> ready.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
    assertThat(await(early, WAIT)).as("the first waiter times out").isFalse();
    signal(worker(), viaPeer, "ready", false);

    assertThat(await(patient, WAIT.plusSeconds(5))).as("the second waiter gets the signal").isTrue();
  }

  @Test
  @DisplayName("a waiter whose SharedObjects closes fails, and a later signal goes to a waiter still waiting")
  void closedWaiterTakesNoSignal() {
    SharedLock lock = newLock();
    SharedObjects peer = peer();
    SharedLock viaPeer = peer.lock(lock.name());
    SharedCondition ready = lock.condition("ready");

    Future<Boolean> closing =
        startWaiting(worker(), viaPeer, () -> viaPeer.condition("ready").await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
    Future<Boolean> patient = startWaiting(worker(), lock, () -> ready.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
    peer.close();
    assertThatThrownBy(() -> await(closing, WAIT)).as("the closed peer's waiter")
        .isInstanceOf(SharedObjectsClosedException.class);
    eventually(lockReleaseAfterClose(), "the closed peer's waiter gave its registration up", () -> {
      signal(worker(), lock, "ready", false);
      return patient.isDone() || sleepLittle(patient);
    });

    assertThat(await(patient, WAIT)).as("the waiter still waiting gets the signal").isTrue();
  }

  @Test
  @DisplayName("twenty rounds of ping-pong between two peers, each woken by the other's signal: no wake-up is lost")
  void pingPong() {
    SharedLock lock = newLock();
    SharedValue<Integer> turn = newValue();
    turn.set(0);
    SharedObjects peer = peer();
    int rounds = 20;

    Future<Boolean> even = worker().start(() -> play(lock, turn, 0, rounds));
    Future<Boolean> odd = worker().start(() -> play(peer.lock(lock.name()), peer.value(turn.name()), 1, rounds));

    assertThat(await(even, WAIT.multipliedBy(3))).isTrue();
    assertThat(await(odd, WAIT.multipliedBy(3))).isTrue();
    assertThat(turn.get()).isEqualTo(2 * rounds);
  }

  @Test
  @DisplayName("condition names are validated as object names are")
  void invalidNames() {
    SharedLock lock = newLock();
    for (String bad : new String[] {"", "_default", "a b", "x".repeat(201)}) {
      assertThatThrownBy(() -> lock.condition(bad)).as("condition(\"%s\")", bad).isInstanceOf(InvalidNameException.class);
    }
    assertThatThrownBy(() -> lock.condition(null)).isInstanceOf(InvalidNameException.class);
  }

  /** Takes turns with the other player: waits until {@code turn} is its parity, then moves it on. */
  private static boolean play(SharedLock lock, SharedValue<Integer> turn, int parity, int rounds)
      throws InterruptedException {
    SharedCondition moved = lock.condition("moved");
    for (int i = 0; i < rounds; i++) {
      lock.lock();
      try {
        if (!moved.waitFor(() -> turn.get() % 2 == parity, WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
          return false;
        }
        turn.set(turn.get() + 1);
        moved.signal();
      } finally {
        lock.unlock();
      }
    }
    return true;
  }

  /**
   * Starts {@code body} on {@code waiter} with the lock held, and returns once the waiter holds it; the
   * body's await gives it up. The lock is released after the body, whatever it returns.
   */
  private static <T> Future<T> startWaiting(Worker waiter, SharedLock lock, Callable<T> body) {
    waiter.run(lock::lock);
    return waiter.start(() -> {
      try {
        return body.call();
      } finally {
        if (lock.isHeldByCurrentThread()) {
          lock.unlock();
        }
      }
    });
  }

  /** Signals condition {@code name} of {@code lock} from {@code signaller}, holding the lock to do it. */
  private static void signal(Worker signaller, SharedLock lock, String name, boolean all) {
    signaller.run(() -> {
      lock.lock();
      try {
        if (all) {
          lock.condition(name).signalAll();
        } else {
          lock.condition(name).signal();
        }
      } finally {
        lock.unlock();
      }
    });
  }

  /** Gives a signalled waiter a moment to return before the caller signals again; true if it did. */
  private static boolean sleepLittle(Future<?> waiter) {
    try {
      waiter.get(200, TimeUnit.MILLISECONDS);
      return true;
    } catch (Exception stillWaiting) {
      return false;
    }
  }

  private static void assertNotHeldRefused(SharedCondition condition) {
    assertThatThrownBy(condition::await).isInstanceOf(IllegalMonitorStateException.class);
    assertThatThrownBy(() -> condition.await(1, TimeUnit.MILLISECONDS)).isInstanceOf(IllegalMonitorStateException.class);
    assertThatThrownBy(() -> condition.awaitNanos(1)).isInstanceOf(IllegalMonitorStateException.class);
    assertThatThrownBy(() -> condition.awaitUntil(new Date())).isInstanceOf(IllegalMonitorStateException.class);
    assertThatThrownBy(condition::awaitUninterruptibly).isInstanceOf(IllegalMonitorStateException.class);
    assertThatThrownBy(condition::signal).isInstanceOf(IllegalMonitorStateException.class);
    assertThatThrownBy(condition::signalAll).isInstanceOf(IllegalMonitorStateException.class);
    assertThatThrownBy(() -> condition.waitFor(() -> false)).isInstanceOf(IllegalMonitorStateException.class);
  }
}
