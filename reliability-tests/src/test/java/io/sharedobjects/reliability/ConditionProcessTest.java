package io.sharedobjects.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sharedobjects.SharedCondition;
import io.sharedobjects.SharedLock;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import io.sharedobjects.testing.JavaProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A lock's condition between JVMs ({@link ConditionWaiter}): a signal from this JVM (an embedded member)
 * wakes a thread awaiting it in another, as a client and as a member, {@value #ROUNDS} rounds each, with
 * the signal-to-wake latency recorded (median and max; the clock is the machine's wall clock, which both
 * JVMs read, in microseconds). And a waiter whose JVM is killed (SIGKILL) or frozen (SIGSTOP) while
 * waiting does not swallow a signal: a waiter still waiting gets it within the owner-death bound of the lock
 * (see {@link LockOwnerDeathTest}) plus the condition's re-check (1 s), with a margin.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ConditionProcessTest {

  private static final int ROUNDS = 30;
  private static final Duration STEP = Duration.ofSeconds(60);
  /** A killed client's key locks go within 6 s, a killed member's within 10 s; plus the 1 s re-check and a margin. */
  private static final Duration KILLED_CLIENT_WAITER_BOUND = Duration.ofSeconds(6 + 1 + 10);
  private static final Duration KILLED_MEMBER_WAITER_BOUND = Duration.ofSeconds(10 + 1 + 10);
  /** A frozen client is dropped within 15 s + 10 s + 6 s (see LockOwnerDeathTest), a frozen member within 10 s. */
  private static final Duration FROZEN_CLIENT_WAITER_BOUND = Duration.ofSeconds(31 + 1 + 10);
  private static final Duration FROZEN_MEMBER_WAITER_BOUND = Duration.ofSeconds(10 + 1 + 10);

  private String cluster;
  private HazelcastSharedObjects member;
  private JavaProcess child;

  @BeforeEach
  void startMember() {
    cluster = "condition-processes-" + UUID.randomUUID();
    member = HazelcastSharedObjects.builder().clusterName(cluster).port(0).embedded();
  }

  @AfterEach
  void stopAll() {
    try {
      if (child != null) {
        child.close();
      }
    } finally {
      member.close();
    }
  }

  @Test
  @DisplayName("a signal from this JVM wakes a thread awaiting the condition in a client JVM, 30 rounds: every await returns signalled")
  void signalWakesClientJvm() {
    rounds("client");
  }

  @Test
  @DisplayName("a signal from this JVM wakes a thread awaiting the condition in a member JVM, 30 rounds: every await returns signalled")
  void signalWakesMemberJvm() {
    rounds("member");
  }

  @Test
  @Tag(Children.FAILURE_DETECTION)
  @DisplayName("a waiter whose client JVM is killed (SIGKILL) while waiting does not swallow a signal: a waiter still waiting gets it within 6 s + 1 s (and a margin)")
  void killedClientWaiterSwallowsNoSignal() throws Exception {
    lostWaiter("client", "killed", JavaProcess::kill, KILLED_CLIENT_WAITER_BOUND);
  }

  @Test
  @Tag(Children.FAILURE_DETECTION)
  @DisplayName("a waiter whose member JVM is killed (SIGKILL) while waiting does not swallow a signal: a waiter still waiting gets it within 10 s + 1 s (and a margin)")
  void killedMemberWaiterSwallowsNoSignal() throws Exception {
    lostWaiter("member", "killed", JavaProcess::kill, KILLED_MEMBER_WAITER_BOUND);
  }

  @Test
  @Tag(Children.FAILURE_DETECTION)
  @DisplayName("a waiter whose client JVM freezes (SIGSTOP) while waiting does not swallow a signal: a waiter still waiting gets it within 31 s + 1 s (and a margin)")
  void frozenClientWaiterSwallowsNoSignal() throws Exception {
    assumeTrue(!System.getProperty("os.name").startsWith("Windows"), "needs the kill command to send SIGSTOP");
    lostWaiter("client", "frozen", ConditionProcessTest::freeze, FROZEN_CLIENT_WAITER_BOUND);
  }

  @Test
  @Tag(Children.FAILURE_DETECTION)
  @DisplayName("a waiter whose member JVM freezes (SIGSTOP) while waiting does not swallow a signal: a waiter still waiting gets it within 10 s + 1 s (and a margin)")
  void frozenMemberWaiterSwallowsNoSignal() throws Exception {
    assumeTrue(!System.getProperty("os.name").startsWith("Windows"), "needs the kill command to send SIGSTOP");
    lostWaiter("member", "frozen", ConditionProcessTest::freeze, FROZEN_MEMBER_WAITER_BOUND);
  }

  /**
   * A child waits on the condition first, this JVM's thread second; the child is lost ({@code lose}), then
   * one signal is sent at once, before the cluster can have noticed: the signal may go to the lost waiter
   * and must be handed on to the live one within {@code bound}.
   */
  private void lostWaiter(String mode, String how, Consumer<JavaProcess> lose, Duration bound) throws Exception {
    String lockName = "condition-" + UUID.randomUUID();
    SharedLock lock = member.lock(lockName);
    SharedCondition ready = lock.condition("ready");
    child = Children.jvm(ConditionWaiter.class, "condition waiter to kill (" + mode + ")")
        .args(mode, cluster, member.address(), lockName, "0").start();
    Children.await(child, "LOCKED", STEP);
    // This thread gets the lock only once the child's await gave it up, so the child is registered first.
    lock.lock();
    lock.unlock();
    // The patient waiter holds the lock from before it says so until its await registers and gives the lock
    // up; so once it has said so, this thread's tryLock succeeds only after the registration. (A tryLock before
    // the patient thread had even locked once let the signal below find no live waiter, and be lost.)
    CountDownLatch patientLocked = new CountDownLatch(1);
    CompletableFuture<Instant> patient = CompletableFuture.supplyAsync(() -> {
      lock.lock();
      patientLocked.countDown();
      try {
        return ready.await(STEP.toSeconds(), TimeUnit.SECONDS) ? Instant.now() : null;
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      } finally {
        lock.unlock();
      }
    });
    assertThat(patientLocked.await(STEP.toSeconds(), TimeUnit.SECONDS)).as("the patient waiter locked").isTrue();
    Await.until("the patient waiter waits", STEP, () -> {
      if (!lock.tryLock()) {
        return false;
      }
      lock.unlock();
      return true;
    });

    if (mode.equals("member")) {
      assertThat(member.hazelcastInstance().getCluster().getMembers()).hasSize(2);
    }
    Instant killed = Instant.now();
    lose.accept(child);
    lock.lock();
    try {
      ready.signal();
    } finally {
      lock.unlock();
    }

    Instant woke = patient.get(STEP.toSeconds(), TimeUnit.SECONDS);
    assertThat(woke).as("the patient waiter was signalled").isNotNull();
    Duration handedOn = Duration.between(killed, woke);
    Measurements.record("condition: a signal reaches a live waiter after the older waiter's " + mode + " JVM was "
        + how, handedOn);
    assertThat(handedOn).isLessThan(bound);
  }

  /** Stops the process (SIGSTOP) without ending it: its sockets stay open, it just never answers again. */
  private static void freeze(JavaProcess process) {
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

  private void rounds(String mode) {
    String lockName = "condition-" + UUID.randomUUID();
    SharedLock lock = member.lock(lockName);
    SharedCondition ready = lock.condition("ready");
    child = Children.jvm(ConditionWaiter.class, "condition waiter (" + mode + ")")
        .args(mode, cluster, member.address(), lockName, Integer.toString(ROUNDS)).start();
    List<Long> latencies = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      int current = round;
      // Lines written earlier count too, so each round waits for its own numbered line.
      child.awaitOutputLine(l -> l.equals(Children.PROTOCOL + "LOCKED " + current), STEP);
      lock.lock(); // only once the child's await gave the lock up: the child is registered
      long signalled;
      try {
        signalled = ConditionWaiter.micros(Instant.now());
        ready.signal();
      } finally {
        lock.unlock();
      }
      String[] woke = child.awaitOutputLine(l -> l.startsWith(Children.PROTOCOL + "WOKE " + current + " "), STEP)
          .split(" ");
      assertThat(woke[3]).as("await returned signalled in round %d", round).isEqualTo("true");
      latencies.add(Long.parseLong(woke[4]) - signalled);
    }
    assertThat(child.awaitExit(STEP)).as("exit code of %s", child).isZero();
    List<Long> sorted = latencies.stream().sorted().toList();
    // The first rounds include the child's warm-up (class loading, listener registration): report them apart.
    List<Long> warm = latencies.subList(5, latencies.size()).stream().sorted().toList();
    Measurements.record("condition: signal-to-wake from an embedded member to a " + mode + " JVM, " + ROUNDS
        + " rounds (median / max, all; median / max after 5 warm-up rounds)",
        String.format("%.2f / %.2f ms; %.2f / %.2f ms", sorted.get(sorted.size() / 2) / 1000.0,
            sorted.get(sorted.size() - 1) / 1000.0, warm.get(warm.size() / 2) / 1000.0,
            warm.get(warm.size() - 1) / 1000.0));
  }
}
