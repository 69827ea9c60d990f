package io.sharedobjects.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.config.Config;
import com.hazelcast.map.IMap;
import com.hazelcast.map.LocalMapStats;
import io.sharedobjects.NoQuorumException;
import io.sharedobjects.SharedCounter;
import io.sharedobjects.SharedValue;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the kit cannot see of the map-backed value and counter: how many operations each call costs the
 * cluster (counted by the member's own statistics of the internal map, one operation per round trip),
 * where they keep their state, and their majority rule.
 */
class ValueAndCounterTest {

  private static HazelcastSharedObjects member;
  private static HazelcastSharedObjects client;

  @BeforeAll
  static void start() {
    member = HazelcastSharedObjects.builder().clusterName("value-counter-" + UUID.randomUUID()).port(0).embedded();
    client = HazelcastSharedObjects.builder().clusterName(member.clusterName()).client(member.address());
  }

  @AfterAll
  static void stop() {
    client.close();
    member.close();
  }

  /** Operations the lone member ran on an internal map so far: each call of a proxy is one round trip. */
  private static LongSupplier operationsOn(String internalMap) {
    IMap<Object, Object> map = member.hazelcastInstance().getMap(internalMap);
    return () -> {
      LocalMapStats stats = map.getLocalMapStats();
      return stats.getGetOperationCount() + stats.getPutOperationCount() + stats.getSetOperationCount()
          + stats.getRemoveOperationCount() + stats.getOtherOperationCount();
    };
  }

  private static long cost(LongSupplier operations, Runnable call) {
    long before = operations.getAsLong();
    call.run();
    return operations.getAsLong() - before;
  }

  @Test
  @DisplayName("an increment costs one round trip when this process counted last or the counter is new, two for a counter not seen before, three after another process counted")
  void counterRoundTrips() {
    String name = "rt-" + UUID.randomUUID();
    SharedCounter viaMember = member.counter(name);
    SharedCounter viaClient = client.counter(name);
    LongSupplier operations = operationsOn(MapSharedCounter.COUNTERS_MAP);

    assertThat(cost(operations, viaMember::incrementAndGet)).as("new counter").isEqualTo(1);
    for (int i = 0; i < 10; i++) {
      assertThat(cost(operations, viaMember::incrementAndGet)).as("counted last").isEqualTo(1);
    }
    assertThat(cost(operations, viaClient::incrementAndGet)).as("first increment of a process").isEqualTo(2);
    assertThat(cost(operations, viaClient::incrementAndGet)).as("counted last, client").isEqualTo(1);
    assertThat(cost(operations, viaMember::incrementAndGet)).as("after another process").isEqualTo(3);
    assertThat(cost(operations, viaMember::get)).as("get").isEqualTo(1);
    assertThat(cost(operations, () -> viaMember.compareAndSet(14, 20))).as("compareAndSet").isEqualTo(1);
    assertThat(cost(operations, () -> viaMember.set(0))).as("set").isEqualTo(1);
    assertThat(viaClient.get()).isZero();
  }

  @Test
  @DisplayName("a value's get, set and getAndSet cost one round trip; compareAndSet one when the expected value serializes as stored; an update two")
  void valueRoundTrips() {
    SharedValue<String> value = client.value("rt-" + UUID.randomUUID());
    LongSupplier operations = operationsOn(MapSharedValue.VALUES_MAP);

    assertThat(cost(operations, () -> value.set("a"))).as("set").isEqualTo(1);
    assertThat(cost(operations, value::get)).as("get").isEqualTo(1);
    assertThat(cost(operations, () -> value.getAndSet("b"))).as("getAndSet").isEqualTo(1);
    assertThat(cost(operations, () -> value.compareAndSet("b", "c"))).as("compareAndSet").isEqualTo(1);
    assertThat(cost(operations, () -> value.updateAndGet(s -> s + "d"))).as("updateAndGet").isEqualTo(2);
    assertThat(value.get()).isEqualTo("cd");
  }

  @Test
  @DisplayName("values and counters live in the internal maps, keyed by name: a value as its serialized bytes, a counter as a Long, null and 0 as no entry")
  void internalMaps() {
    String name = "stored-" + UUID.randomUUID();
    IMap<String, Object> values = member.hazelcastInstance().getMap(MapSharedValue.VALUES_MAP);
    IMap<String, Object> counters = member.hazelcastInstance().getMap(MapSharedCounter.COUNTERS_MAP);

    client.value(name).set("text");
    client.counter(name).addAndGet(7);
    assertThat(values.get(name)).isInstanceOf(byte[].class);
    assertThat(counters.get(name)).isEqualTo(7L);

    client.value(name).destroy();
    client.counter(name).destroy();
    assertThat(values.containsKey(name)).isFalse();
    assertThat(counters.containsKey(name)).isFalse();
  }

  @Test
  @DisplayName("with clusterSize(3), a lone member refuses counter and value calls, reads included, with NoQuorumException naming the object; members keep size/2 backups of the internal maps and refuse them without a majority")
  void majority() {
    try (HazelcastSharedObjects alone = HazelcastSharedObjects.builder().clusterName("size-" + UUID.randomUUID())
        .port(0).clusterSize(3).embedded()) {
      assertThatThrownBy(() -> alone.counter("hits").incrementAndGet())
          .isInstanceOf(NoQuorumException.class).hasMessageContaining("counter 'hits'");
      assertThatThrownBy(() -> alone.counter("hits").compareAndSet(0, 1)).isInstanceOf(NoQuorumException.class);
      assertThatThrownBy(() -> alone.value("state").set("x"))
          .isInstanceOf(NoQuorumException.class).hasMessageContaining("value 'state'");
      assertThatThrownBy(() -> alone.value("state").updateAndGet(x -> "y")).isInstanceOf(NoQuorumException.class);
      assertThatThrownBy(() -> alone.counter("hits").get()).as("a read too: members refuse the internal map")
          .isInstanceOf(NoQuorumException.class);
      assertThatThrownBy(() -> alone.value("state").get()).isInstanceOf(NoQuorumException.class);
    }
    Config config = HazelcastConfigs.member(HazelcastSharedObjects.builder().clusterSize(5).settings());
    for (String internal : new String[] {MapSharedValue.VALUES_MAP, MapSharedCounter.COUNTERS_MAP}) {
      assertThat(config.getMapConfig(internal).getBackupCount()).as(internal).isEqualTo(2);
      assertThat(config.getMapConfig(internal).getSplitBrainProtectionName()).as(internal).isEqualTo(HazelcastConfigs.MAJORITY);
      assertThat(config.getMapConfig(internal).getMergePolicyConfig().getPolicy()).as(internal)
          .isEqualTo(MergePolicy.LARGER_SIDE_WINS.hazelcastPolicy());
    }
  }
}
