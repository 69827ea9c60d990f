package io.sharedobjects.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sharedobjects.SharedLock;
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
 * A process holding a lock dies (SIGKILL) or freezes (SIGSTOP, which is what a crashed machine or a cut
 * network looks like from the cluster: no goodbye, no closed connection): the lock must pass to another
 * process within the documented bound, with a larger fence. Python's Manager keeps such a lock held forever.
 *
 * <p>The documented bounds, on members this library starts:
 *
 * <ul>
 *   <li>client owner, killed: the operating system closes its connection at once, and its locks are released
 *       after {@code hazelcast.client.cleanup.timeout.millis} (5 s), by a cleanup that runs every second: at
 *       most 6 s. Hazelcast 5.7.0 reads that timeout 1000 times too short (hazelcast/hazelcast#26616, fixed
 *       after 5.7.0), so there the release comes at the next cleanup, within about 1 s; the bound holds
 *       either way;
 *   <li>client owner, frozen: the member drops it after {@code hazelcast.client.max.no.heartbeat.seconds}
 *       (15 s), checked every 10 s, then as above: at most 15 + 10 + 6 = 31 s;
 *   <li>member owner: released when the member is removed from the cluster, after at most
 *       {@code hazelcast.max.no.heartbeat.seconds} (10 s) without heartbeats, or sooner when its closed
 *       connection is noticed (a killed process).
 * </ul>
 *
 * <p>Each test allows a margin of {@value #MARGIN_SECONDS} s for a loaded machine and records the time.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LockOwnerDeathTest {

  private static final long MARGIN_SECONDS = 10;
  private static final Duration CLIENT_KILLED_BOUND = Duration.ofSeconds(6 + MARGIN_SECONDS);
  private static final Duration CLIENT_FROZEN_BOUND = Duration.ofSeconds(31 + MARGIN_SECONDS);
  private static final Duration MEMBER_OWNER_BOUND = Duration.ofSeconds(10 + MARGIN_SECONDS);

  private String cluster;
  private HazelcastSharedObjects member;
  private JavaProcess holder;

  @BeforeEach
  void startMember() {
    cluster = "lock-owner-death-" + UUID.randomUUID();
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
  @DisplayName("a client process holding a lock is SIGKILLed: another process gets the lock within the client cleanup timeout plus a cleanup period (6 s) plus margin, with a larger fence")
  void clientOwnerKilled() throws InterruptedException {
    Duration released = loseOwnerAndReacquire("client", this::kill, CLIENT_KILLED_BOUND);
    Measurements.record("lock release after SIGKILL of a client owner", released);
  }

  @Test
  @Tag(Children.FAILURE_DETECTION)
  @DisplayName("a client process holding a lock freezes (SIGSTOP): another process gets the lock within 31 s (15 s without heartbeats, a 10 s check, 6 s cleanup) plus margin, with a larger fence")
  void clientOwnerFrozen() throws InterruptedException {
    assumeTrue(canSignal(), "needs the kill command to send SIGSTOP");
    Duration released = loseOwnerAndReacquire("client", this::freeze, CLIENT_FROZEN_BOUND);
    Measurements.record("lock release after SIGSTOP of a client owner", released);
    // The frozen client's connection stays open: only the missing heartbeats can release its lock.
    assertThat(released).isGreaterThanOrEqualTo(Duration.ofSeconds(15));
  }

  @Test
  @DisplayName("an embedded-member process holding a lock is SIGKILLed: another process gets the lock within max.no.heartbeat (10 s) plus margin, with a larger fence")
  void memberOwnerKilled() throws InterruptedException {
    Duration released = loseOwnerAndReacquire("member", this::kill, MEMBER_OWNER_BOUND);
    Measurements.record("lock release after SIGKILL of an embedded-member owner", released);
  }

  @Test
  @Tag(Children.FAILURE_DETECTION)
  @DisplayName("an embedded-member process holding a lock freezes (SIGSTOP): another process gets the lock once it is declared dead, within max.no.heartbeat (10 s) plus margin, with a larger fence")
  void memberOwnerFrozen() throws InterruptedException {
    assumeTrue(canSignal(), "needs the kill command to send SIGSTOP");
    Duration released = loseOwnerAndReacquire("member", this::freeze, MEMBER_OWNER_BOUND);
    Measurements.record("lock release after SIGSTOP of an embedded-member owner", released);
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

  private Duration loseOwnerAndReacquire(String mode, Consumer<JavaProcess> lose, Duration bound)
      throws InterruptedException {
    String lockName = "held-" + UUID.randomUUID();
    holder = Children.jvm(LockHolder.class, "lock holder (" + mode + ")")
        .args(mode, cluster, member.address(), lockName)
        .start();
    long heldFence = Long.parseLong(Children.await(holder, "LOCKED", Duration.ofSeconds(90)));
    if (mode.equals("member")) {
      assertThat(member.hazelcastInstance().getCluster().getMembers()).hasSize(2);
    }

    SharedLock lock = member.lock(lockName);
    assertThat(lock.isLocked()).as("locked by the child").isTrue();
    assertThat(lock.tryLock()).as("tryLock while the child holds it").isFalse();

    long killedAt = System.nanoTime();
    lose.accept(holder);
    boolean acquired = lock.tryLock(bound.toMillis(), TimeUnit.MILLISECONDS);
    Duration released = Duration.ofNanos(System.nanoTime() - killedAt);
    try {
      assertThat(acquired).as("lock acquired within %s of losing its owner", bound).isTrue();
      assertThat(lock.fence()).as("fence after the dead owner's %d", heldFence).isGreaterThan(heldFence);
    } finally {
      if (acquired) {
        lock.unlock();
      }
    }
    assertThat(released).isLessThanOrEqualTo(bound);
    return released;
  }
}
