package io.sharedobjects.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.map.LocalMapStats;
import io.sharedobjects.SharedEvent;
import io.sharedobjects.SharedLatch;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The round trips of each event and latch operation made by a client, counted as the operations its only
 * member ran on the internal map: the numbers the docs state.
 */
class EventLatchRoundTripsTest {

  @Test
  @DisplayName("event: set and clear take one map operation when the proxy's last look is current, two when not; isSet and a wait on a set event one")
  void eventRoundTrips() throws InterruptedException {
    String cluster = "round-trips-" + UUID.randomUUID();
    try (HazelcastSharedObjects member = HazelcastSharedObjects.builder().clusterName(cluster).port(0).embedded();
        HazelcastSharedObjects client = HazelcastSharedObjects.builder().clusterName(cluster).client(member.address());
        HazelcastSharedObjects other = HazelcastSharedObjects.builder().clusterName(cluster).client(member.address())) {
      LongSupplier ops = () -> operations(member.hazelcastInstance().getMap(MapSharedEvent.EVENTS_MAP).getLocalMapStats());
      String name = "e-" + UUID.randomUUID();
      SharedEvent event = client.event(name);
      SharedEvent elsewhere = other.event(name);

      assertThat(count(ops, event::set)).as("set of a clear event").isEqualTo(1);
      assertThat(count(ops, event::clear)).as("clear right after set").isEqualTo(1);
      assertThat(count(ops, event::isSet)).as("isSet").isEqualTo(1);
      assertThat(count(ops, elsewhere::set)).as("set by a process that never looked").isEqualTo(2);
      assertThat(count(ops, event::set)).as("set of a set event, with a stale look").isEqualTo(2);
      assertThat(count(ops, event::clear)).as("clear, with a current look").isEqualTo(1);
      assertThat(count(ops, elsewhere::set)).as("set, with a look that says set").isEqualTo(2);
      assertThat(count(ops, () -> event.await(1, TimeUnit.SECONDS))).as("await on a set event").isEqualTo(1);
    }
  }

  @Test
  @DisplayName("latch: countDown takes one map operation when the proxy's last look is current, two when not; count and a wait on an open latch one")
  void latchRoundTrips() throws InterruptedException {
    String cluster = "round-trips-" + UUID.randomUUID();
    try (HazelcastSharedObjects member = HazelcastSharedObjects.builder().clusterName(cluster).port(0).embedded();
        HazelcastSharedObjects client = HazelcastSharedObjects.builder().clusterName(cluster).client(member.address());
        HazelcastSharedObjects other = HazelcastSharedObjects.builder().clusterName(cluster).client(member.address())) {
      LongSupplier ops = () -> operations(member.hazelcastInstance().getMap(MapSharedLatch.LATCHES_MAP).getLocalMapStats());
      String name = "l-" + UUID.randomUUID();
      SharedLatch latch = client.latch(name, 3);
      SharedLatch elsewhere = other.latch(name, 3);

      assertThat(count(ops, latch::countDown)).as("first countDown").isEqualTo(1);
      assertThat(count(ops, latch::countDown)).as("countDown again").isEqualTo(1);
      assertThat(count(ops, latch::count)).as("count").isEqualTo(1);
      assertThat(count(ops, elsewhere::countDown)).as("countDown by a process that never looked").isEqualTo(2);
      assertThat(count(ops, () -> latch.await(1, TimeUnit.SECONDS))).as("await on an open latch").isEqualTo(1);
      assertThat(count(ops, latch::countDown)).as("countDown at zero").isEqualTo(1);
    }
  }

  private interface Call {
    void run() throws InterruptedException;
  }

  private static long count(LongSupplier ops, Call call) throws InterruptedException {
    long before = ops.getAsLong();
    call.run();
    return ops.getAsLong() - before;
  }

  private static long operations(LocalMapStats stats) {
    return stats.getGetOperationCount() + stats.getPutOperationCount() + stats.getSetOperationCount()
        + stats.getRemoveOperationCount() + stats.getOtherOperationCount();
  }
}
