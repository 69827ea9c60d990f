package io.sharedobjects.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sharedobjects.SharedSemaphore;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import io.sharedobjects.testing.JavaProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A process holding every permit of a semaphore dies (SIGKILL) or freezes (SIGSTOP): its permits must come
 * back within the lock's documented owner-death bounds (see {@link LockOwnerDeathTest}; a map-backed permit
 * is a key lock), plus the {@code 0.5 s} after which a waiting acquirer looks again when no release event
 * came, since a dead owner sends none. Python's Manager, and Redisson's {@code RSemaphore}, keep such
 * permits taken forever.
 *
 * <p>Each test allows a margin of {@value #MARGIN_SECONDS} s for a loaded machine and records the time from
 * the signal until a waiting {@code tryAcquire} in this process got a permit.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SemaphoreOwnerDeathTest {

  private static final long MARGIN_SECONDS = 10;
  private static final Duration RECHECK = Duration.ofMillis(500);
  private static final Duration CLIENT_KILLED_BOUND = Duration.ofSeconds(6 + MARGIN_SECONDS).plus(RECHECK);
  private static final Duration CLIENT_FROZEN_BOUND = Duration.ofSeconds(31 + MARGIN_SECONDS).plus(RECHECK);
  private static final Duration MEMBER_OWNER_BOUND = Duration.ofSeconds(10 + MARGIN_SECONDS).plus(RECHECK);
  private static final int PERMITS = 2;

  private String cluster;
  private HazelcastSharedObjects member;
  private JavaProcess holder;

  @BeforeEach
  void startMember() {
    cluster = "semaphore-owner-death-" + UUID.randomUUID();
    member = HazelcastSharedObjects.builder().clusterName(cluster).port(0).embedded();
  }

  @AfterEach
  void stopAll() {
    try {
      if (holder != null) {
        holder.close();
      }
    } finally {
      member.close();
    }
  }

  @Test
  @DisplayName("a client process holding both permits is SIGKILLed: a waiting process gets them within the client cleanup (6 s) plus the 0.5 s re-check plus margin")
  void clientHolderKilled() throws InterruptedException {
    Duration released = loseHolderAndAcquire("client", this::kill, CLIENT_KILLED_BOUND);
    Measurements.record("semaphore permits back after SIGKILL of a client holder", released);
  }

  @Test
  @Tag(Children.FAILURE_DETECTION)
  @DisplayName("a client process holding both permits freezes (SIGSTOP): a waiting process gets them within 31 s (15 s without heartbeats, a 10 s check, 6 s cleanup) plus the 0.5 s re-check plus margin")
  void clientHolderFrozen() throws InterruptedException {
    assumeTrue(canSignal(), "needs the kill command to send SIGSTOP");
    Duration released = loseHolderAndAcquire("client", this::freeze, CLIENT_FROZEN_BOUND);
    Measurements.record("semaphore permits back after SIGSTOP of a client holder", released);
    // The frozen client's connection stays open: only the missing heartbeats can free its permits.
    assertThat(released).isGreaterThanOrEqualTo(Duration.ofSeconds(15));
  }

  @Test
  @DisplayName("an embedded-member process holding both permits is SIGKILLed: a waiting process gets them within max.no.heartbeat (10 s) plus the 0.5 s re-check plus margin")
  void memberHolderKilled() throws InterruptedException {
    Duration released = loseHolderAndAcquire("member", this::kill, MEMBER_OWNER_BOUND);
    Measurements.record("semaphore permits back after SIGKILL of an embedded-member holder", released);
  }

  @Test
  @Tag(Children.FAILURE_DETECTION)
  @DisplayName("an embedded-member process holding both permits freezes (SIGSTOP): a waiting process gets them once it is declared dead, within 10 s plus the 0.5 s re-check plus margin")
  void memberHolderFrozen() throws InterruptedException {
    assumeTrue(canSignal(), "needs the kill command to send SIGSTOP");
    Duration released = loseHolderAndAcquire("member", this::freeze, MEMBER_OWNER_BOUND);
    Measurements.record("semaphore permits back after SIGSTOP of an embedded-member holder", released);
    assertThat(released).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
    assertThat(member.hazelcastInstance().getCluster().getMembers()).as("the frozen member was removed").hasSize(1);
  }

  private void kill(JavaProcess process) {
    process.kill();
  }

  /** Stops the process (SIGSTOP) without ending it: its sockets stay open, it just never answers again. */
  private void freeze(JavaProcess process) {
    signal("STOP", process.pid());
  }

  private static boolean canSignal() {
    return !System.getProperty("os.name").startsWith("Windows");
  }

  /** Sends a signal to one of this test's own child processes, by its pid. */
  private static void signal(String signal, long pid) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Lets a child take every permit, loses it, and returns how long a {@code tryAcquire} waiting from the
   * moment of the loss took to get a permit; checks that the second permit came back too.
   */
  private Duration loseHolderAndAcquire(String mode, Consumer<JavaProcess> lose, Duration bound)
      throws InterruptedException {
    String name = "held-" + UUID.randomUUID();
    holder = Children.jvm(PermitHolder.class, "permit holder (" + mode + ")")
        .args(mode, cluster, member.address(), name, Integer.toString(PERMITS))
        .start();
    assertThat(Children.await(holder, "ACQUIRED", Duration.ofSeconds(90))).isEqualTo(Integer.toString(PERMITS));
    if (mode.equals("member")) {
      assertThat(member.hazelcastInstance().getCluster().getMembers()).hasSize(2);
    }

    SharedSemaphore semaphore = member.semaphore(name, PERMITS);
    assertThat(semaphore.availablePermits()).as("free permits while the child holds them").isZero();
    assertThat(semaphore.tryAcquire()).as("tryAcquire while the child holds every permit").isFalse();
    assertThatReleaseIsRefused(semaphore);

    long lostAt = System.nanoTime();
    lose.accept(holder);
    boolean acquired = semaphore.tryAcquire(bound.toMillis(), TimeUnit.MILLISECONDS);
    Duration released = Duration.ofNanos(System.nanoTime() - lostAt);
    assertThat(acquired).as("a permit acquired within %s of losing its holder", bound).isTrue();
    assertThat(semaphore.tryAcquire(bound.toMillis(), TimeUnit.MILLISECONDS)).as("the second permit came back too").isTrue();
    assertThat(semaphore.availablePermits()).isZero();
    semaphore.release();
    semaphore.release();
    assertThat(semaphore.availablePermits()).isEqualTo(PERMITS);
    assertThat(released).isLessThanOrEqualTo(bound);
    return released;
  }

  /** This process holds none of the child's permits, so it cannot release them for it. */
  private static void assertThatReleaseIsRefused(SharedSemaphore semaphore) {
    try {
      semaphore.release();
      throw new AssertionError("release() without a permit was accepted");
    } catch (IllegalStateException expected) {
      assertThat(semaphore.availablePermits()).isZero();
    }
  }
}
