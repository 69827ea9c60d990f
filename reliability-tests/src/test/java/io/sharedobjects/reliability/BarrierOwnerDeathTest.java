package io.sharedobjects.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sharedobjects.SharedBarrier;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import io.sharedobjects.testing.JavaProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A party waiting at a barrier dies (SIGKILL) or freezes (SIGSTOP) while another party waits: the barrier
 * must break for the other within the lock's owner-death bound (the dead party's key lock is released by
 * the same Hazelcast rules, see {@link LockOwnerDeathTest}) plus one re-check of the waiters
 * ({@code MapSharedBarrier.RECHECK_NANOS}, 0.5 s), and a later await must fail at once until a reset.
 * Redisson's and Python's barriers stall forever here.
 *
 * <p>Each test allows a margin of {@value #MARGIN_SECONDS} s for a loaded machine and records the time.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BarrierOwnerDeathTest {

  private static final long MARGIN_SECONDS = 10;
  private static final Duration RECHECK = Duration.ofMillis(500);
  private static final Duration CLIENT_KILLED_BOUND = Duration.ofSeconds(6 + MARGIN_SECONDS).plus(RECHECK);
  private static final Duration CLIENT_FROZEN_BOUND = Duration.ofSeconds(31 + MARGIN_SECONDS).plus(RECHECK);
  private static final Duration MEMBER_BOUND = Duration.ofSeconds(10 + MARGIN_SECONDS).plus(RECHECK);

  private String cluster;
  private HazelcastSharedObjects member;
  private JavaProcess party;

  @BeforeEach
  void startMember() {
    cluster = "barrier-owner-death-" + UUID.randomUUID();
    member = HazelcastSharedObjects.builder().clusterName(cluster).port(0).embedded();
  }

  @AfterEach
  void stopAll() {
    try {
      if (party != null) {
        party.close();
      }
    } finally {
      member.close();
    }
  }

  @Test
  @DisplayName("a client process waiting at a barrier is SIGKILLed: the other waiter gets BrokenBarrierException within 6.5 s plus margin")
  void clientPartyKilled() {
    Duration broken = loseParty("client", JavaProcess::kill, CLIENT_KILLED_BOUND);
    Measurements.record("barrier broken after SIGKILL of a waiting client", broken);
  }

  @Test
  @Tag(Children.FAILURE_DETECTION)
  @DisplayName("a client process waiting at a barrier freezes (SIGSTOP): the other waiter gets BrokenBarrierException within 31.5 s plus margin, not before the 15 s heartbeat timeout")
  void clientPartyFrozen() {
    assumeTrue(canSignal(), "needs the kill command to send SIGSTOP");
    Duration broken = loseParty("client", this::freeze, CLIENT_FROZEN_BOUND);
    Measurements.record("barrier broken after SIGSTOP of a waiting client", broken);
    assertThat(broken).as("a frozen client's lock goes only with its missing heartbeats").isGreaterThanOrEqualTo(Duration.ofSeconds(15));
  }

  @Test
  @DisplayName("an embedded-member process waiting at a barrier is SIGKILLed: the other waiter gets BrokenBarrierException within 10.5 s plus margin")
  void memberPartyKilled() {
    Duration broken = loseParty("member", JavaProcess::kill, MEMBER_BOUND);
    Measurements.record("barrier broken after SIGKILL of a waiting embedded member", broken);
  }

  @Test
  @Tag(Children.FAILURE_DETECTION)
  @DisplayName("an embedded-member process waiting at a barrier freezes (SIGSTOP): the other waiter gets BrokenBarrierException once it is declared dead, within 10.5 s plus margin")
  void memberPartyFrozen() {
    assumeTrue(canSignal(), "needs the kill command to send SIGSTOP");
    Duration broken = loseParty("member", this::freeze, MEMBER_BOUND);
    Measurements.record("barrier broken after SIGSTOP of a waiting embedded member", broken);
    assertThat(broken).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
    assertThat(member.hazelcastInstance().getCluster().getMembers()).as("the frozen member was removed").hasSize(1);
  }

  /**
   * Starts a child party waiting at a barrier of 3, waits at it from this process too, then loses the child:
   * returns how long this process's await took to fail with {@link BrokenBarrierException} after that.
   */
  private Duration loseParty(String mode, Consumer<JavaProcess> lose, Duration bound) {
    String name = "waited-" + UUID.randomUUID();
    party = Children.jvm(BarrierParty.class, "barrier party (" + mode + ")")
        .args(mode, cluster, member.address(), name, "3", "wait")
        .start();
    Children.await(party, "WAITING", Duration.ofSeconds(90));
    SharedBarrier barrier = member.barrier(name, 3);
    Await.until("the child party waits", Duration.ofSeconds(30), () -> barrier.numberWaiting() == 1);
    CompletableFuture<Long> failedAt = new CompletableFuture<>();
    Thread waiter = new Thread(() -> {
      try {
        barrier.await();
        failedAt.completeExceptionally(new AssertionError("the barrier passed with a party dead"));
      } catch (BrokenBarrierException e) {
        failedAt.complete(System.nanoTime());
      } catch (Throwable e) {
        failedAt.completeExceptionally(e);
      }
    }, "barrier waiter");
    waiter.setDaemon(true);
    waiter.start();
    Await.until("two parties wait", Duration.ofSeconds(30), () -> barrier.numberWaiting() == 2);

    long lostAt = System.nanoTime();
    lose.accept(party);
    Duration broken;
    try {
      broken = Duration.ofNanos(failedAt.get(bound.toMillis() + 5000, TimeUnit.MILLISECONDS) - lostAt);
    } catch (ExecutionException e) {
      throw new AssertionError("the waiter failed otherwise than with BrokenBarrierException", e.getCause());
    } catch (Exception e) {
      waiter.interrupt();
      throw new AssertionError("the waiter was not released within " + bound + " of losing the other party", e);
    }
    assertThat(broken).isLessThanOrEqualTo(bound);

    assertThat(barrier.isBroken()).isTrue();
    long start = System.nanoTime();
    assertThatThrownBy(barrier::await).isInstanceOf(BrokenBarrierException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("a later await fails at once").isLessThan(Duration.ofSeconds(5));
    barrier.reset();
    assertThat(barrier.isBroken()).isFalse();
    assertThat(barrier.numberWaiting()).isZero();
    return broken;
  }

  /** Stops the process (SIGSTOP) without ending it: its sockets stay open, it just never answers again. */
  private void freeze(JavaProcess process) {
    try {
      Process kill = new ProcessBuilder("kill", "-STOP", Long.toString(process.pid())).inheritIO().start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -STOP " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean canSignal() {
    return !System.getProperty("os.name").startsWith("Windows");
  }
}
