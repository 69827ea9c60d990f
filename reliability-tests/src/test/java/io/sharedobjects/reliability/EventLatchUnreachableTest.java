package io.sharedobjects.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sharedobjects.ClusterUnavailableException;
import io.sharedobjects.SharedEvent;
import io.sharedobjects.SharedLatch;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import io.sharedobjects.testing.StockHazelcastMember;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Waits on an event and a latch are bounded: when the only member of a client's cluster dies, a waiting
 * {@code await} fails with {@link ClusterUnavailableException} within the connect timeout, as the queue's
 * {@code take} does, instead of waiting for an event that cannot come.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class EventLatchUnreachableTest {

  @Test
  @DisplayName("the only member is SIGKILLed under a waiting event await and a waiting latch await: both fail with ClusterUnavailableException within the connect timeout (3 s) plus margin, and so does an await started afterwards")
  void waitsFailWhenTheClusterGoes() throws Exception {
    Duration connectTimeout = Duration.ofSeconds(3);
    Duration margin = Duration.ofSeconds(3);
    String cluster = "event-latch-unreachable-" + UUID.randomUUID();
    try (StockHazelcastMember member = StockHazelcastMember.builder().clusterName(cluster).start();
        HazelcastSharedObjects client = HazelcastSharedObjects.builder()
            .clusterName(cluster).connectTimeout(connectTimeout).client(member.address())) {
      SharedEvent event = client.event("start-" + UUID.randomUUID());
      SharedLatch latch = client.latch("ready-" + UUID.randomUUID(), 2);
      AtomicReference<Thread> eventWaiter = new AtomicReference<>();
      AtomicReference<Thread> latchWaiter = new AtomicReference<>();
      CompletableFuture<Long> eventFailed = failureTime(eventWaiter, event::await);
      CompletableFuture<Long> latchFailed = failureTime(latchWaiter, latch::await);
      Await.until("both awaits wait", Duration.ofSeconds(10), () -> waiting(eventWaiter) && waiting(latchWaiter));

      long killedAt = System.nanoTime();
      member.kill();
      long eventNanos = eventFailed.get(30, TimeUnit.SECONDS) - killedAt;
      long latchNanos = latchFailed.get(30, TimeUnit.SECONDS) - killedAt;
      long start = System.nanoTime();
      assertThatThrownBy(() -> event.await(1, TimeUnit.MINUTES)).isInstanceOf(ClusterUnavailableException.class)
          .hasMessageContaining(cluster);
      long laterNanos = System.nanoTime() - start;

      for (long nanos : new long[] {eventNanos, latchNanos, laterNanos}) {
        assertThat(Duration.ofNanos(nanos)).isLessThanOrEqualTo(connectTimeout.plus(margin));
      }
      Measurements.record("event and latch, only member killed (connect timeout 3000 ms): waiting event await,"
          + " waiting latch await, event await started afterwards failed after", TimeUnit.NANOSECONDS.toMillis(eventNanos)
          + " ms, " + TimeUnit.NANOSECONDS.toMillis(latchNanos) + " ms, " + TimeUnit.NANOSECONDS.toMillis(laterNanos) + " ms");
    }
  }

  /** A blocking call on a thread of its own: completes with the nanoTime at which it failed as expected. */
  private static CompletableFuture<Long> failureTime(AtomicReference<Thread> thread, Blocking call) {
    CompletableFuture<Long> failed = new CompletableFuture<>();
    Thread caller = new Thread(() -> {
      try {
        call.run();
        failed.completeExceptionally(new AssertionError("the call returned normally"));
      } catch (ClusterUnavailableException expected) {
        failed.complete(System.nanoTime());
      } catch (Throwable e) {
        failed.completeExceptionally(e);
      }
    }, "waiting call");
    caller.setDaemon(true);
    thread.set(caller);
    caller.start();
    return failed;
  }

  private static boolean waiting(AtomicReference<Thread> thread) {
    Thread.State state = thread.get().getState();
    return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
  }

  @FunctionalInterface
  private interface Blocking {
    void run() throws InterruptedException;
  }
}
