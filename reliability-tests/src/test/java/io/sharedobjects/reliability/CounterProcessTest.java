package io.sharedobjects.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.map.IMap;
import com.hazelcast.map.LocalMapStats;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import io.sharedobjects.testing.JavaProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A shared counter and a shared value under contention from {@value #WORKERS} client JVMs released together
 * (see {@link CounterWorker}): {@value #INCREMENTS} {@code incrementAndGet} each must end at exactly
 * {@code WORKERS * INCREMENTS} with every returned value distinct, and {@value #UPDATES}
 * {@code updateAndGet(x -> x + 1)} each at exactly {@code WORKERS * UPDATES}, likewise. Once against three
 * stock member JVMs, once against an embedded member in this JVM, whose statistics count the operations
 * each increment took under contention.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class CounterProcessTest {

  private static final int WORKERS = 4;
  private static final int INCREMENTS = 500;
  private static final int UPDATES = 200;
  private static final Duration PHASE_TIMEOUT = Duration.ofSeconds(150);

  @Test
  @DisplayName("4 client processes x 500 incrementAndGet and x 200 updateAndGet against three stock member JVMs: exactly 2000 and 800, every returned value distinct")
  void againstStockCluster() {
    String cluster = "counter-stock-" + UUID.randomUUID();
    try (StockCluster members = StockCluster.start(cluster, 3);
        HazelcastSharedObjects observer = HazelcastSharedObjects.builder().clusterName(cluster).client(members.addresses())) {
      Await.until("the client sees three members", Duration.ofSeconds(60),
          () -> observer.hazelcastInstance().getCluster().getMembers().size() == 3);
      race("3 stock members", observer, cluster, members.addresses(), null);
    }
  }

  @Test
  @DisplayName("4 client processes x 500 incrementAndGet and x 200 updateAndGet against an embedded member: exactly 2000 and 800, every returned value distinct")
  void againstEmbeddedMember() {
    String cluster = "counter-embedded-" + UUID.randomUUID();
    try (HazelcastSharedObjects member = HazelcastSharedObjects.builder().clusterName(cluster).port(0).embedded()) {
      IMap<Object, Object> counters = member.hazelcastInstance().getMap("__shared-objects.counters");
      race("embedded member", member, cluster, new String[] {member.address()}, () -> operations(counters.getLocalMapStats()));
    }
  }

  /**
   * Runs both phases; {@code counterOperations}, if given, counts the operations the cluster ran on the
   * counter map, to measure the round trips of a contended increment.
   */
  private void race(String where, HazelcastSharedObjects observer, String cluster, String[] addresses,
      LongSupplier counterOperations) {
    String run = "run-" + UUID.randomUUID();
    List<JavaProcess.Builder> builders = new ArrayList<>();
    for (int worker = 0; worker < WORKERS; worker++) {
      builders.add(Children.jvm(CounterWorker.class, "counter worker " + worker)
          .args(cluster, String.join(",", addresses), run, Integer.toString(INCREMENTS), Integer.toString(UPDATES)));
    }
    List<JavaProcess> workers = Children.startAll(builders);
    try {
      for (JavaProcess worker : workers) {
        Children.await(worker, "READY", Duration.ofSeconds(60));
      }

      long operationsBefore = counterOperations == null ? 0 : counterOperations.getAsLong();
      Duration counting = phase(workers, "COUNT", "COUNTS");
      long total = (long) WORKERS * INCREMENTS;
      Measurements.record("counter " + where + ": " + WORKERS + " processes x " + INCREMENTS + " incrementAndGet", counting);
      if (counterOperations != null) {
        long operations = counterOperations.getAsLong() - operationsBefore;
        Measurements.record("counter " + where + ": operations per contended increment",
            String.format("%.2f (%d for %d)", (double) operations / total, operations, total));
      }
      assertThat(observer.counter(run + "-counter").get()).as("counter after every increment").isEqualTo(total);
      assertThat(returned(workers, "COUNTED"))
          .as("values returned by incrementAndGet, each once")
          .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, total).boxed().toList());

      Duration updating = phase(workers, "UPDATE", "UPDATES");
      long updates = (long) WORKERS * UPDATES;
      Measurements.record("value " + where + ": " + WORKERS + " processes x " + UPDATES + " updateAndGet", updating);
      assertThat(observer.<Integer>value(run + "-value").get()).as("value after every update").isEqualTo((int) updates);
      assertThat(returned(workers, "UPDATED"))
          .as("values returned by updateAndGet, each once")
          .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, updates).boxed().toList());

      for (JavaProcess worker : workers) {
        assertThat(worker.awaitExit(Duration.ofSeconds(30))).as("exit code of %s", worker).isZero();
      }
    } finally {
      Children.closeAll(workers);
    }
  }

  /** Releases every worker into a phase at once and waits until all have reported it done. */
  private static Duration phase(List<JavaProcess> workers, String command, String report) {
    long start = System.nanoTime();
    workers.forEach(worker -> Children.tell(worker, command));
    for (JavaProcess worker : workers) {
      assertThat(Children.await(worker, report, PHASE_TIMEOUT)).isEqualTo("DONE");
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /** Every value the workers reported under {@code word}, in no particular order. */
  private static List<Long> returned(List<JavaProcess> workers, String word) {
    List<Long> values = new ArrayList<>();
    for (JavaProcess worker : workers) {
      for (String line : Children.all(worker, word)) {
        for (String value : line.split(" ")) {
          values.add(Long.parseLong(value));
        }
      }
    }
    return values;
  }

  private static long operations(LocalMapStats stats) {
    return stats.getGetOperationCount() + stats.getPutOperationCount() + stats.getSetOperationCount()
        + stats.getRemoveOperationCount() + stats.getOtherOperationCount();
  }
}
