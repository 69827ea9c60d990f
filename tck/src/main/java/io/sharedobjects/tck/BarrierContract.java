package io.sharedobjects.tck;

import static io.sharedobjects.tck.KitAssertions.assertAllFailClosed;
import static io.sharedobjects.tck.KitThreads.WAIT;
import static io.sharedobjects.tck.KitThreads.await;
import static io.sharedobjects.tck.KitThreads.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sharedobjects.SharedBarrier;
import io.sharedobjects.SharedObjects;
import io.sharedobjects.SharedObjectsClosedException;
import io.sharedobjects.tck.KitFixture.Kind;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The rules for a shared barrier: Java's {@code CyclicBarrier} (Python's {@code Barrier}) across processes,
 * peers standing for processes. Parties pass together with distinct arrival indexes, generation after
 * generation; a timeout, an interrupt, a reset, the close of a waiting party's instance and a destroy break
 * the generation for every waiter; the number of parties is fixed by the first creator.
 */
@Tag("barrier")
abstract class BarrierContract extends KitContract {

  BarrierContract(KitFixture kit) {
    super(kit);
  }

  @Test
  @DisplayName("parties waiting through different peers pass together, with distinct arrival indexes from parties - 1 down to 0")
  void partiesPassTogether() throws Exception {
    SharedBarrier barrier = newBarrier(3);
    SharedBarrier viaPeer = peer().barrier(barrier.name(), 3);
    Future<String> first = worker().start(outcome(barrier, -1));
    Future<String> second = worker().start(outcome(viaPeer, -1));
    eventually(WAIT, "two parties wait", () -> barrier.numberWaiting() == 2);
    assertThat(first.isDone() || second.isDone()).as("a party passed before the last one arrived").isFalse();

    int last = barrier.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);

    assertThat(last).isZero();
    assertThat(List.of(await(first, WAIT), await(second, WAIT))).containsExactlyInAnyOrder("passed 2", "passed 1");
    assertThat(barrier.numberWaiting()).isZero();
    assertThat(barrier.isBroken()).isFalse();
  }

  @Test
  @DisplayName("a barrier of one party lets every await pass at once with index 0")
  void onePartyPassesAtOnce() throws Exception {
    SharedBarrier barrier = newBarrier(1);

    assertThat(barrier.await()).isZero();
    assertThat(barrier.await(0, TimeUnit.SECONDS)).isZero();
    assertThat(barrier.isBroken()).isFalse();
  }

  @Test
  @DisplayName("a barrier is reusable: the same parties pass it together generation after generation")
  void reusableAcrossGenerations() throws Exception {
    SharedBarrier barrier = newBarrier(2);
    SharedBarrier viaPeer = peer().barrier(barrier.name(), 2);
    KitThreads.Worker other = worker();

    for (int generation = 0; generation < 5; generation++) {
      Future<String> peerParty = other.start(outcome(viaPeer, WAIT.toMillis()));
      int mine = barrier.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      String theirs = await(peerParty, WAIT);

      Set<String> indexes = new HashSet<>(List.of("passed " + mine, theirs));
      assertThat(indexes).as("generation %d", generation).containsExactlyInAnyOrder("passed 0", "passed 1");
    }
    assertThat(barrier.isBroken()).isFalse();
    assertThat(barrier.numberWaiting()).isZero();
  }

  @Test
  @DisplayName("a waiter that times out gets TimeoutException, the others BrokenBarrierException, and later awaits fail at once")
  void timeoutBreaksItForAll() {
    SharedBarrier barrier = newBarrier(3);
    Future<String> other = worker().start(outcome(peer().barrier(barrier.name(), 3), -1));
    eventually(WAIT, "one party waits", () -> barrier.numberWaiting() == 1);

    assertThatThrownBy(() -> barrier.await(200, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);

    assertThat(await(other, WAIT)).isEqualTo("broken");
    assertThat(barrier.isBroken()).isTrue();
    assertThat(barrier.numberWaiting()).isZero();
    long start = System.nanoTime();
    assertThatThrownBy(() -> barrier.await(WAIT.toMillis(), TimeUnit.MILLISECONDS))
        .isInstanceOf(BrokenBarrierException.class);
    assertThatThrownBy(barrier::await).isInstanceOf(BrokenBarrierException.class);
    assertThat(System.nanoTime() - start).as("nanos to fail on a broken barrier").isLessThan(WAIT.toNanos() / 2);
  }

  @Test
  @DisplayName("a timed await of zero that is not the last arrival times out at once and breaks the barrier")
  void zeroTimeout() {
    SharedBarrier barrier = newBarrier(2);

    assertThatThrownBy(() -> barrier.await(0, TimeUnit.SECONDS)).isInstanceOf(TimeoutException.class);
    assertThat(barrier.isBroken()).isTrue();
  }

  @Test
  @DisplayName("an interrupted waiter gets InterruptedException and the barrier is broken for the others")
  void interruptBreaksIt() {
    SharedBarrier barrier = newBarrier(3);
    Future<String> other = worker().start(outcome(peer().barrier(barrier.name(), 3), -1));
    AtomicReference<Thread> waiter = new AtomicReference<>();
    Future<String> interrupted = worker().start(() -> {
      waiter.set(Thread.currentThread());
      return outcome(barrier, -1).call();
    });
    eventually(WAIT, "two parties wait", () -> barrier.numberWaiting() == 2);

    waiter.get().interrupt();

    assertThat(await(interrupted, WAIT)).isEqualTo("interrupted");
    assertThat(await(other, WAIT)).isEqualTo("broken");
    assertThat(barrier.isBroken()).isTrue();
  }

  @Test
  @DisplayName("await from an already interrupted thread throws InterruptedException and breaks the barrier")
  void interruptedBeforeAwait() {
    SharedBarrier barrier = newBarrier(2);

    String result = worker().call(() -> {
      Thread.currentThread().interrupt();
      return outcome(barrier, -1).call();
    });

    assertThat(result).isEqualTo("interrupted");
    assertThat(barrier.isBroken()).isTrue();
  }

  @Test
  @DisplayName("reset breaks the generation for its waiters and makes the barrier whole and usable again")
  void resetBreaksWaitersAndRestarts() throws Exception {
    SharedBarrier barrier = newBarrier(2);
    SharedBarrier viaPeer = peer().barrier(barrier.name(), 2);
    Future<String> waiting = worker().start(outcome(viaPeer, -1));
    eventually(WAIT, "one party waits", () -> barrier.numberWaiting() == 1);

    barrier.reset();

    assertThat(await(waiting, WAIT)).isEqualTo("broken");
    assertThat(barrier.isBroken()).isFalse();
    assertThat(barrier.numberWaiting()).isZero();
    Future<String> again = worker().start(outcome(viaPeer, WAIT.toMillis()));
    int mine = barrier.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(List.of("passed " + mine, await(again, WAIT))).containsExactlyInAnyOrder("passed 0", "passed 1");
  }

  @Test
  @DisplayName("reset of a broken barrier with no waiters makes it whole again")
  void resetOfBrokenBarrier() throws Exception {
    SharedBarrier barrier = newBarrier(2);
    assertThatThrownBy(() -> barrier.await(0, TimeUnit.SECONDS)).isInstanceOf(TimeoutException.class);
    assertThat(peer().barrier(barrier.name(), 2).isBroken()).isTrue();

    barrier.reset();

    assertThat(barrier.isBroken()).isFalse();
    Future<String> other = worker().start(outcome(barrier, WAIT.toMillis()));
    assertThat(peer().barrier(barrier.name(), 2).await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isBetween(0, 1);
    assertThat(await(other, WAIT)).startsWith("passed");
  }

  @Test
  @DisplayName("numberWaiting counts the parties waiting now, from every peer, and is 0 once they passed")
  void numberWaiting() throws Exception {
    SharedBarrier barrier = newBarrier(3);
    SharedBarrier viaPeer = peer().barrier(barrier.name(), 3);
    assertThat(barrier.numberWaiting()).isZero();

    Future<String> first = worker().start(outcome(viaPeer, -1));
    eventually(WAIT, "one party waits", () -> barrier.numberWaiting() == 1);
    assertThat(viaPeer.numberWaiting()).isEqualTo(1);
    Future<String> second = worker().start(outcome(barrier, -1));
    eventually(WAIT, "two parties wait", () -> viaPeer.numberWaiting() == 2);

    barrier.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    await(first, WAIT);
    await(second, WAIT);
    assertThat(barrier.numberWaiting()).isZero();
  }

  @Test
  @DisplayName("the first creator fixes the number of parties; every process then sees that number")
  void partiesFixedByFirstCreator() {
    SharedBarrier barrier = newBarrier(4);

    assertThat(barrier.parties()).isEqualTo(4);
    assertThat(peer().barrier(barrier.name(), 4).parties()).isEqualTo(4);
  }

  @Test
  @DisplayName("asking for a barrier with another number of parties fails with IllegalArgumentException naming both numbers")
  void otherPartiesRefused() {
    SharedBarrier barrier = newBarrier(3);

    assertThatThrownBy(() -> peer().barrier(barrier.name(), 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(barrier.name())
        .hasMessageContaining("3")
        .hasMessageContaining("5");
    assertThat(barrier.parties()).isEqualTo(3);
  }

  @Test
  @DisplayName("a barrier of 0 or fewer parties is refused with IllegalArgumentException")
  void zeroPartiesRefused() {
    String name = KitFixture.uniqueName();

    assertThatThrownBy(() -> shared().barrier(name, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("parties");
    assertThatThrownBy(() -> shared().barrier(name, -2)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("closing a SharedObjects one of whose threads waits at the barrier breaks it for the other waiters")
  void closedPeersWaiterBreaksIt() {
    SharedBarrier barrier = newBarrier(3);
    SharedObjects peer = peer();
    Future<String> peerParty = worker().start(outcome(peer.barrier(barrier.name(), 3), -1));
    Future<String> mine = worker().start(outcome(barrier, -1));
    eventually(WAIT, "two parties wait", () -> barrier.numberWaiting() == 2);

    peer.close();

    assertThat(await(mine, WAIT)).isEqualTo("broken");
    assertThat(await(peerParty, WAIT)).isIn("closed", "broken");
    assertThat(barrier.isBroken()).isTrue();
  }

  @Test
  @DisplayName("destroy breaks the barrier for its waiters, and the name starts again with a new barrier of any parties")
  void destroy() throws Exception {
    SharedBarrier barrier = newBarrier(2);
    Future<String> waiting = worker().start(outcome(peer().barrier(barrier.name(), 2), -1));
    eventually(WAIT, "one party waits", () -> barrier.numberWaiting() == 1);

    barrier.destroy();

    assertThat(await(waiting, WAIT)).isEqualTo("broken");
    SharedBarrier again = track(Kind.BARRIER, shared().barrier(barrier.name(), 1));
    assertThat(again.parties()).isEqualTo(1);
    assertThat(again.isBroken()).isFalse();
    assertThat(again.numberWaiting()).isZero();
    assertThat(again.await()).isZero();
  }

  @Test
  @DisplayName("after close, a barrier obtained before fails with SharedObjectsClosedException")
  void closedInstance() {
    SharedBarrier barrier = newBarrier(2);
    shared().close();

    Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
    calls.put("await", barrier::await);
    calls.put("await(timeout)", () -> barrier.await(1, TimeUnit.SECONDS));
    calls.put("numberWaiting", barrier::numberWaiting);
    calls.put("isBroken", barrier::isBroken);
    calls.put("reset", barrier::reset);
    calls.put("barrier(name, parties)", () -> shared().barrier(barrier.name(), 2));
    assertAllFailClosed(calls);
  }

  /**
   * A party's await as a task: {@code "passed <index>"}, or how it failed ({@code "broken"}, {@code
   * "timeout"}, {@code "interrupted"}, {@code "closed"}); untimed for a negative {@code millis}.
   */
  private static Callable<String> outcome(SharedBarrier barrier, long millis) {
    return () -> {
      try {
        int index = millis < 0 ? barrier.await() : barrier.await(millis, TimeUnit.MILLISECONDS);
        return "passed " + index;
      } catch (BrokenBarrierException e) {
        return "broken";
      } catch (TimeoutException e) {
        return "timeout";
      } catch (InterruptedException e) {
        return "interrupted";
      } catch (SharedObjectsClosedException e) {
        return "closed";
      }
    };
  }
}
