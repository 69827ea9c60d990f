package io.sharedobjects.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.sharedobjects.SharedEvent;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import io.sharedobjects.testing.JavaProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A shared event between processes: this JVM, an embedded member, sets the event, and waiters in three
 * other JVMs ({@link EventWaiter}), clients or embedded members, wake; the time from just before {@code
 * set()} to each waiter's return is measured over rounds ({@code System.nanoTime()}, one clock for every
 * process on Linux).
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class EventProcessTest {

  private static final int WAITERS = 3;
  private static final int ROUNDS = 30;
  private static final Duration WAKE_BOUND = Duration.ofSeconds(10);

  @ParameterizedTest(name = "waiters as {0}s")
  @ValueSource(strings = {"member", "client"})
  @DisplayName("an event set in this JVM wakes the waiters of three other JVMs, every round of 30; the set-to-wake latency is recorded")
  void setWakesWaitersInOtherJvms(String mode) {
    String cluster = "event-processes-" + UUID.randomUUID();
    String eventName = "start-" + UUID.randomUUID();
    List<JavaProcess> waiters = new ArrayList<>();
    try (HazelcastSharedObjects member = HazelcastSharedObjects.builder().clusterName(cluster).port(0).embedded()) {
      SharedEvent event = member.event(eventName);
      List<JavaProcess.Builder> builders = new ArrayList<>();
      for (int i = 0; i < WAITERS; i++) {
        builders.add(Children.jvm(EventWaiter.class, "event waiter " + i + " (" + mode + ")")
            .args(mode, cluster, member.address(), eventName));
      }
      waiters.addAll(Children.startAll(builders));
      for (JavaProcess waiter : waiters) {
        Children.await(waiter, "READY", Duration.ofSeconds(90));
      }

      List<Long> latencies = new ArrayList<>();
      for (int round = 0; round < ROUNDS; round++) {
        event.clear();
        for (JavaProcess waiter : waiters) {
          Children.tell(waiter, "ROUND " + round);
        }
        for (JavaProcess waiter : waiters) {
          Children.await(waiter, "WAITING " + round, WAKE_BOUND);
        }
        assertThat(event.isSet()).isFalse();
        long setAt = System.nanoTime();
        event.set();
        for (JavaProcess waiter : waiters) {
          String woke = Children.await(waiter, "WOKE " + round, WAKE_BOUND);
          latencies.add(Long.parseLong(woke.trim()) - setAt);
        }
      }
      waiters.forEach(waiter -> Children.tell(waiter, "END"));
      for (JavaProcess waiter : waiters) {
        assertThat(waiter.awaitExit(Duration.ofSeconds(30))).as("exit code of %s", waiter).isZero();
        assertThat(Children.all(waiter, "TIMEDOUT")).as("rounds %s timed out in", waiter).isEmpty();
      }

      assertThat(latencies).hasSize(ROUNDS * WAITERS);
      // A waiter may have looked after set() began, so a latency may be a little below 0; never far.
      assertThat(latencies).allSatisfy(nanos -> assertThat(nanos).isLessThan(WAKE_BOUND.toNanos()));
      List<Long> sorted = latencies.stream().sorted().toList();
      Measurements.record("event: set in an embedded member to wake in 3 " + mode + " JVMs, " + ROUNDS + " rounds x "
          + WAITERS + " waiters: median / p90 / max", micros(sorted.get(sorted.size() / 2)) + " / "
          + micros(sorted.get(sorted.size() * 9 / 10)) + " / " + micros(sorted.get(sorted.size() - 1)) + " ms");
    } finally {
      Children.closeAll(waiters);
    }
  }

  private static String micros(long nanos) {
    return String.format("%.2f", nanos / 1e6);
  }
}
