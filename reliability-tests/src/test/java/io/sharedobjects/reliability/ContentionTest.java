package io.sharedobjects.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.sharedobjects.SharedDict;
import io.sharedobjects.SharedList;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import io.sharedobjects.testing.JavaProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many processes at once on the same keys: {@value #WORKERS} client JVMs each do {@value #ROUNDS} rounds of
 * a locked read-modify-write, a merge, a compute and a list append (see {@link ContentionWorker}), released
 * together; no update may be lost and no item duplicated or dropped. Once against an embedded member in
 * this JVM, once against a cluster of three stock member JVMs.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ContentionTest {

  private static final int WORKERS = 4;
  private static final int ROUNDS = 500;
  private static final Duration WORK_TIMEOUT = Duration.ofSeconds(150);

  @Test
  @DisplayName("4 client processes x 500 rounds against an embedded member: every locked increment, merge, compute and append counted exactly once")
  void againstEmbeddedMember() {
    String cluster = "contention-embedded-" + UUID.randomUUID();
    try (HazelcastSharedObjects member = HazelcastSharedObjects.builder().clusterName(cluster).port(0).embedded()) {
      race("embedded member", member, cluster, new String[] {member.address()});
    }
  }

  @Test
  @DisplayName("4 client processes x 500 rounds against three stock member JVMs: every locked increment, merge, compute and append counted exactly once")
  void againstStockCluster() {
    String cluster = "contention-stock-" + UUID.randomUUID();
    try (StockCluster members = StockCluster.start(cluster, 3);
        HazelcastSharedObjects observer = HazelcastSharedObjects.builder().clusterName(cluster).client(members.addresses())) {
      Await.until("the client sees three members", Duration.ofSeconds(60),
          () -> observer.hazelcastInstance().getCluster().getMembers().size() == 3);
      race("3 stock members", observer, cluster, members.addresses());
    }
  }

  private void race(String where, HazelcastSharedObjects observer, String cluster, String[] addresses) {
    String run = "run-" + UUID.randomUUID();
    List<JavaProcess.Builder> builders = new ArrayList<>();
    for (int worker = 0; worker < WORKERS; worker++) {
      builders.add(Children.jvm(ContentionWorker.class, "contention worker " + worker)
          .args(cluster, String.join(",", addresses), run, Integer.toString(worker), Integer.toString(ROUNDS)));
    }
    List<JavaProcess> workers = Children.startAll(builders);
    try {
      for (JavaProcess worker : workers) {
        Children.await(worker, "READY", Duration.ofSeconds(60));
      }
      long start = System.nanoTime();
      workers.forEach(worker -> Children.tell(worker, "GO"));
      for (JavaProcess worker : workers) {
        Children.await(worker, "DONE", WORK_TIMEOUT);
        assertThat(worker.awaitExit(Duration.ofSeconds(30))).as("exit code of %s", worker).isZero();
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      Measurements.record("contention " + where + ": " + WORKERS + " processes x " + ROUNDS + " rounds", took);

      int expected = WORKERS * ROUNDS;
      SharedDict<String, Integer> counters = observer.dict(run + "-counters");
      assertThat(counters.get("locked")).as("counter incremented under the lock").isEqualTo(expected);
      assertThat(counters.get("merged")).as("counter incremented by merge").isEqualTo(expected);
      assertThat(counters.get("computed")).as("counter incremented by compute").isEqualTo(expected);

      SharedList<String> items = observer.list(run + "-items");
      List<String> appended = items.snapshot();
      Set<String> wanted = new HashSet<>();
      for (int worker = 0; worker < WORKERS; worker++) {
        for (int round = 0; round < ROUNDS; round++) {
          wanted.add("w" + worker + "-" + round);
        }
      }
      assertThat(appended).as("appended items").hasSize(expected).doesNotHaveDuplicates();
      assertThat(new HashSet<>(appended)).isEqualTo(wanted);
      for (int worker = 0; worker < WORKERS; worker++) {
        String prefix = "w" + worker + "-";
        assertThat(appended.stream().filter(item -> item.startsWith(prefix)).toList())
            .as("worker %d's items keep their order", worker)
            .isSortedAccordingTo((a, b) -> Integer.compare(round(a), round(b)));
      }

      // Each hold wrote one counter value; ordered by that value, the fences must strictly increase:
      // no two holders at once, and every fresh acquisition got a larger token than the one before.
      Map<Integer, Long> fenceByValue = new TreeMap<>();
      for (JavaProcess worker : workers) {
        for (String line : Children.all(worker, "HELD")) {
          for (String pair : line.split(" ")) {
            String[] parts = pair.split(":");
            Long before = fenceByValue.put(Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
            assertThat(before).as("counter value %s written by one holder only", parts[0]).isNull();
          }
        }
      }
      assertThat(fenceByValue).hasSize(expected);
      assertThat(new ArrayList<>(fenceByValue.values())).as("fences in counter order").isSorted().doesNotHaveDuplicates();
    } finally {
      Children.closeAll(workers);
    }
  }

  private static int round(String item) {
    return Integer.parseInt(item.substring(item.indexOf('-') + 1));
  }
}
