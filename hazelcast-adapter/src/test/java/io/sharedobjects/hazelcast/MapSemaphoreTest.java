package io.sharedobjects.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.config.Config;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.sharedobjects.ClusterUnavailableException;
import io.sharedobjects.SharedSemaphore;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the map-backed semaphore adds to the kit's rules: its permits are key locks owned by the proxy (not a
 * thread), so a permit the cluster took back from a process is never released for its next holder, and two
 * {@code SharedObjects} wrapping one instance are two owners; its map gets the majority protection of the
 * lock map.
 */
class MapSemaphoreTest {

  private static HazelcastSharedObjects member;

  @BeforeAll
  static void start() {
    member = HazelcastSharedObjects.builder().clusterName("map-semaphore-" + UUID.randomUUID()).port(0).embedded();
  }

  @AfterAll
  static void stop() {
    member.close();
  }

  @Test
  @DisplayName("a permit taken back by the cluster (as at its owner's death) and taken by another: the old holder's release fails with IllegalStateException and leaves the new holder's permit taken")
  void releaseAfterThePermitWasTakenBack() throws InterruptedException {
    String name = "taken-back-" + UUID.randomUUID();
    SharedSemaphore first = member.semaphore(name, 1);
    try (HazelcastSharedObjects other = HazelcastSharedObjects.wrap(member.hazelcastInstance())) {
      SharedSemaphore second = other.semaphore(name, 1);
      assertThat(first.tryAcquire()).isTrue();
      IMap<String, Integer> map = member.hazelcastInstance().getMap(MapSharedSemaphore.SEMAPHORES_MAP);
      assertThat(map.isLocked(name + "#0")).as("the permit is the key lock of name#0").isTrue();

      map.forceUnlock(name + "#0"); // what the cluster does when it takes the first holder for dead
      assertThat(second.tryAcquire(10, TimeUnit.SECONDS)).isTrue();

      assertThatThrownBy(first::release).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("given back by the cluster");
      assertThat(map.isLocked(name + "#0")).as("the new holder's permit").isTrue();
      assertThat(first.availablePermits()).isZero();
      assertThatThrownBy(first::release).as("nothing left to release").isInstanceOf(IllegalStateException.class);
      second.release();
      assertThat(first.availablePermits()).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("a release hands its permit to a waiting thread of the same process without giving the key back, at most 8 times in a row: two threads taking turns back to back give it back to the cluster at least every 9th release; and another process waiting gets a permit while two threads of the first keep taking turns with a pause between holds")
  void localHandOffLeavesOtherProcessesATurn() throws Exception {
    String name = "hand-off-" + UUID.randomUUID();
    SharedSemaphore busy = member.semaphore(name, 1);
    IMap<String, Object> map = member.hazelcastInstance().getMap(MapSharedSemaphore.SEMAPHORES_MAP);
    AtomicInteger givenBack = new AtomicInteger();
    // Each release given back to the cluster writes the released index under the name (SemaphoreEvents).
    UUID listener = map.addEntryListener(new Writes(givenBack), name, false);
    try (HazelcastSharedObjects other = HazelcastSharedObjects.wrap(member.hazelcastInstance())) {
      int backToBack = takeTurns(busy, 0, 180, () -> true);
      long bound = (backToBack - MapSharedSemaphore.LOCAL_HANDOFFS) / (MapSharedSemaphore.LOCAL_HANDOFFS + 1L) - 1;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (givenBack.get() < bound && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(givenBack.get()).as("releases given back to the cluster, of %d back to back", backToBack)
          .isGreaterThanOrEqualTo((int) bound);

      // A thread that takes the permit again the instant it gave it back wins the race against any waiter,
      // which hears of the release by an event: no fairness is promised, so here the threads pause 1 ms.
      SharedSemaphore waiting = other.semaphore(name, 1);
      takeTurns(busy, 1, 0, () -> {
        try {
          // A turn, not a speed: bounded generously, as a loaded machine delays the waiter's wake-up event.
          assertThat(waiting.tryAcquire(30, TimeUnit.SECONDS)).as("the other process gets its turn").isTrue();
          assertThat(map.isLocked(name + "#0")).isTrue();
          waiting.release();
          return true;
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      assertThat(busy.availablePermits()).isEqualTo(1);
    } finally {
      map.removeEntryListener(listener);
    }
  }

  /** Counts the writes of an entry. */
  private record Writes(AtomicInteger count)
      implements EntryAddedListener<String, Object>, EntryUpdatedListener<String, Object> {
    @Override
    public void entryAdded(EntryEvent<String, Object> event) {
      count.incrementAndGet();
    }

    @Override
    public void entryUpdated(EntryEvent<String, Object> event) {
      count.incrementAndGet();
    }
  }

  /**
   * Two threads take turns on {@code busy} (hold 1 ms, then pause {@code pauseMillis}) until they have done
   * at least {@code rounds} and {@code meanwhile} has returned; returns the rounds done.
   */
  private static int takeTurns(SharedSemaphore busy, long pauseMillis, int rounds, BooleanSupplier meanwhile)
      throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger done = new AtomicInteger();
    Runnable turns = () -> {
      try {
        while (!stop.get()) {
          busy.acquire();
          done.incrementAndGet();
          Thread.sleep(1);
          busy.release();
          Thread.sleep(pauseMillis);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
    CompletableFuture<Void> a = CompletableFuture.runAsync(turns);
    CompletableFuture<Void> b = CompletableFuture.runAsync(turns);
    try {
      long start = System.nanoTime();
      while (done.get() < Math.max(rounds, 50) && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30)) {
        Thread.sleep(5);
      }
      assertThat(done.get()).as("the two threads take turns").isGreaterThanOrEqualTo(Math.max(rounds, 50));
      assertThat(meanwhile.getAsBoolean()).isTrue();
    } finally {
      stop.set(true);
      a.get(10, TimeUnit.SECONDS);
      b.get(10, TimeUnit.SECONDS);
    }
    return done.get();
  }

  @Test
  @DisplayName("two SharedObjects wrapping one instance are two owners: neither takes the other's permit as its own, nor releases it")
  void twoWrapsAreTwoOwners() {
    String name = "two-owners-" + UUID.randomUUID();
    try (HazelcastSharedObjects one = HazelcastSharedObjects.wrap(member.hazelcastInstance());
        HazelcastSharedObjects two = HazelcastSharedObjects.wrap(member.hazelcastInstance())) {
      SharedSemaphore viaOne = one.semaphore(name, 1);
      SharedSemaphore viaTwo = two.semaphore(name, 1);
      assertThat(viaOne.tryAcquire()).isTrue();
      assertThat(viaTwo.tryAcquire()).as("a second owner on the same instance and thread").isFalse();
      assertThatThrownBy(viaTwo::release).isInstanceOf(IllegalStateException.class);
      assertThat(viaOne.availablePermits()).isZero();
      viaOne.release();
      assertThat(viaTwo.tryAcquire()).isTrue();
      viaTwo.release();
    }
  }

  @Test
  @DisplayName("a waiting acquire is woken by a release in another SharedObjects, and the waiter's permit is released by yet another of its threads")
  void releaseWakesAWaiter() throws Exception {
    String name = "wakes-" + UUID.randomUUID();
    try (HazelcastSharedObjects other = HazelcastSharedObjects.wrap(member.hazelcastInstance())) {
      SharedSemaphore holder = other.semaphore(name, 1);
      SharedSemaphore waiter = member.semaphore(name, 1);
      assertThat(holder.tryAcquire()).isTrue();
      CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
        try {
          return waiter.tryAcquire(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      holder.release();
      assertThat(waiting.get(30, TimeUnit.SECONDS)).isTrue();
      assertThat(holder.tryAcquire()).isFalse();
      waiter.release();
      assertThat(holder.availablePermits()).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("a release whose unlock was sent but not answered, whether applied or not: the hold ends (a second release is refused), and the permit is free again after this process's next acquisition attempt, for it or for another process")
  void unansweredReleaseFreesThePermit() throws Exception {
    for (boolean applied : new boolean[] {false, true}) {
      String name = "unanswered-" + applied + "-" + UUID.randomUUID();
      UnansweredCalls unanswered = new UnansweredCalls(member, MapSharedSemaphore.SEMAPHORES_MAP);
      unanswered.backgroundUnanswered(true); // what the next attempt settles, not the background
      MapSharedSemaphore flaky = new MapSharedSemaphore(unanswered.context(), name, 1);
      try (HazelcastSharedObjects other = HazelcastSharedObjects.wrap(member.hazelcastInstance())) {
        SharedSemaphore elsewhere = other.semaphore(name, 1);
        assertThat(flaky.tryAcquire()).isTrue();

        unanswered.fail("unlock", applied);
        assertThatThrownBy(flaky::release).as("applied: %s", applied)
            .isInstanceOf(ClusterUnavailableException.class).hasMessageContaining("may or may not have been applied");
        unanswered.answerAll();
        assertThatThrownBy(flaky::release).as("a second release, applied: %s", applied)
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("holds no permit");
        assertThat(elsewhere.tryAcquire()).as("free at once only if the unlock was applied").isEqualTo(applied);

        if (applied) {
          // The next attempt settles the doubt without touching the other process's permit.
          assertThat(flaky.tryAcquire()).isFalse();
          elsewhere.release();
          assertThat(flaky.tryAcquire()).as("the same process takes it again").isTrue();
        } else {
          assertThat(flaky.tryAcquire()).as("the next attempt unlocks the doubtful key, then takes it").isTrue();
        }
        flaky.release();
        assertThat(elsewhere.tryAcquire()).as("then another process takes it").isTrue();
        elsewhere.release();
        assertThat(elsewhere.availablePermits()).isEqualTo(1);
      }
    }
  }

  @Test
  @DisplayName("a release whose unlock was sent but not applied, and no other call in its process: the permit is free for another process within seconds, given back in the background")
  void unansweredReleaseIsSettledInTheBackground() throws Exception {
    String name = "unanswered-background-" + UUID.randomUUID();
    UnansweredCalls unanswered = new UnansweredCalls(member, MapSharedSemaphore.SEMAPHORES_MAP);
    MapSharedSemaphore flaky = new MapSharedSemaphore(unanswered.context(), name, 1);
    try (HazelcastSharedObjects other = HazelcastSharedObjects.wrap(member.hazelcastInstance())) {
      SharedSemaphore elsewhere = other.semaphore(name, 1);
      assertThat(flaky.tryAcquire()).isTrue();
      unanswered.fail("unlock", false);
      assertThatThrownBy(flaky::release).isInstanceOf(ClusterUnavailableException.class);
      unanswered.answerAll();

      assertThat(elsewhere.tryAcquire(20, TimeUnit.SECONDS))
          .as("another process gets the permit, this process making no call").isTrue();
      elsewhere.release();
    }
  }

  @Test
  @DisplayName("a cluster size gives the semaphore map the lock map's size/2 backups and majority protection")
  void memberSettings() {
    Config config = HazelcastConfigs.member(HazelcastSharedObjects.builder().clusterSize(5).settings());
    assertThat(config.getMapConfig(MapSharedSemaphore.SEMAPHORES_MAP).getBackupCount()).isEqualTo(2);
    assertThat(config.getMapConfig(MapSharedSemaphore.SEMAPHORES_MAP).getSplitBrainProtectionName())
        .isEqualTo(HazelcastConfigs.MAJORITY);
  }
}
