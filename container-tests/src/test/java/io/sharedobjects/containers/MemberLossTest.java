package io.sharedobjects.containers;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.cluster.Member;
import io.sharedobjects.SharedDict;
import io.sharedobjects.SharedList;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import io.sharedobjects.testing.HazelcastMemberContainer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A two-member cluster of stock members in containers (backup count 1, Hazelcast's default) loses one
 * member abruptly: no acknowledged write is lost, and the client goes on working with the survivor.
 */
@ContainerTest
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MemberLossTest {

  private static final int ENTRIES = 10_000;
  private static final int ELEMENTS = 1_000;
  private static final int BATCH = 1_000;

  @Test
  @DisplayName("killing one of two members loses none of 10,000 dict entries and 1,000 list elements, and the client keeps working")
  void killingOneOfTwoMembersLosesNothing() {
    String suffix = UUID.randomUUID().toString();
    try (Members cluster = Members.start("member-loss-" + suffix, 2);
        HazelcastSharedObjects client = HazelcastSharedObjects.builder()
            .clusterName(cluster.all().get(0).clusterName())
            .connectTimeout(Duration.ofSeconds(10))
            .client(cluster.addresses())) {
      SharedDict<Integer, String> dict = client.dict("orders-" + suffix);
      SharedList<Integer> list = client.list("jobs-" + suffix);

      long fillStart = System.nanoTime();
      for (int from = 0; from < ENTRIES; from += BATCH) {
        Map<Integer, String> batch = new LinkedHashMap<>();
        for (int i = from; i < from + BATCH; i++) {
          batch.put(i, "order-" + i);
        }
        dict.putAll(batch);
      }
      List<Integer> elements = IntStream.range(0, ELEMENTS).boxed().toList();
      for (int from = 0; from < ELEMENTS; from += BATCH / 10) {
        list.addAll(elements.subList(from, from + BATCH / 10));
      }
      Duration fill = Measurements.since(fillStart);
      assertThat(dict.size()).isEqualTo(ENTRIES);
      assertThat(list.size()).isEqualTo(ELEMENTS);

      // An IList lives in one partition: kill the member that owns it, so the list can only survive as the
      // other member's backup. The dict's entries are spread, so about half of them are in the same spot.
      Member owner = client.hazelcastInstance().getPartitionService().getPartition(list.name()).getOwner();
      HazelcastMemberContainer victim = cluster.onPort(owner.getAddress().getPort());
      long killedAt = System.nanoTime();
      victim.kill();

      // Counting right away: reads of partitions the dead member owned wait (bounded) until the survivor
      // has taken them over, so the first full count also measures the failover.
      Map<Integer, String> found = new LinkedHashMap<>();
      for (int from = 0; from < ENTRIES; from += BATCH) {
        List<Integer> keys = IntStream.range(from, from + BATCH).boxed().toList();
        found.putAll(dict.getAll(keys));
      }
      List<Integer> listAfter = new ArrayList<>(list);
      Duration firstFullRead = Measurements.since(killedAt);
      long entriesLost = IntStream.range(0, ENTRIES).filter(i -> !("order-" + i).equals(found.get(i))).count();
      long elementsLost = ELEMENTS - IntStream.range(0, ELEMENTS)
          .filter(i -> i < listAfter.size() && listAfter.get(i) == i).count();
      Measurements.record("MemberLossTest", "filled " + ENTRIES + " entries and " + ELEMENTS + " elements in "
          + Measurements.millis(fill) + "; killed the member on port " + victim.port()
          + " (owner of the list's partition); entries lost = " + entriesLost + ", elements lost = " + elementsLost
          + "; every entry and element read back " + Measurements.millis(firstFullRead) + " after the kill");

      assertThat(entriesLost).as("dict entries lost").isZero();
      assertThat(elementsLost).as("list elements lost").isZero();
      assertThat(dict.size()).isEqualTo(ENTRIES);
      assertThat(listAfter).isEqualTo(elements);

      // The client goes on with the survivor: new writes succeed and are read back.
      dict.put(ENTRIES, "after the loss");
      list.add(ELEMENTS);
      assertThat(dict.get(ENTRIES)).isEqualTo("after the loss");
      assertThat(dict.size()).isEqualTo(ENTRIES + 1);
      assertThat(list.size()).isEqualTo(ELEMENTS + 1);
      assertThat(client.hazelcastInstance().getCluster().getMembers()).hasSize(1);
    }
  }
}
