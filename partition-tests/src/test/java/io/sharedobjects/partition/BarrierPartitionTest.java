package io.sharedobjects.partition;

import static org.assertj.core.api.Assertions.assertThat;

import io.sharedobjects.partition.MemberProcess.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A barrier of 2 parties with {@code clusterSize(3)}, split 1 | 2: once each side sees the split, the
 * minority's await fails with {@code NoQuorumException} at once (nothing recorded, nothing waited for),
 * while the two majority members keep passing it together, generation after generation; after the heal
 * and merge, a minority member passes it with a majority one again. A barrier of 3 that a minority and a
 * majority member wait at across the cut breaks: the minority's waiter fails typed, and the majority takes
 * it for dead (its key lock goes with the minority member) and fails with {@code BrokenBarrierException}.
 */
@ExtendWith(IptablesRestored.class)
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class BarrierPartitionTest {

  private static final int GENERATIONS_DURING_SPLIT = 3;
  /** How long a party of the test waits at the barrier: well past Hazelcast's 10 s heartbeat timeout. */
  private static final long AWAIT_MILLIS = 30_000;

  private final String barrierName = "majority-barrier-" + UUID.randomUUID();

  @Test
  @DisplayName("clusterSize(3), 1 | 2 split: the minority's barrier await fails at once with NoQuorumException; the majority's two parties pass it together, generation after generation; waiters across the cut fail (typed on the minority, broken on the majority); after the merge the former minority passes it again")
  void onlyTheMajorityPasses() throws Exception {
    String barrier = barrierName;
    String waited = "cut-while-waiting-" + UUID.randomUUID();
    ExecutorService parties = Executors.newFixedThreadPool(2);
    ExecutorService waiters = Executors.newFixedThreadPool(2);
    try (PartitionCluster cluster = PartitionCluster.start("majority-barrier", MemberOptions.NONE.withClusterSize(3));
        IptablesPartition partition = IptablesPartition.create()) {
      MemberProcess a = cluster.member(0);
      MemberProcess b = cluster.member(1);
      MemberProcess c = cluster.member(2);
      List<MemberProcess> majority = List.of(b, c);
      assertThat(passTogether(parties, a, b)).as("indexes of A and B before the cut").containsExactlyInAnyOrder(0, 1);
      // A and B wait at a barrier of 3 across the cut: A is cut off from the majority while it waits.
      AtomicLong endedA = new AtomicLong();
      AtomicLong endedB = new AtomicLong();
      CompletableFuture<Reply> waiterA = CompletableFuture.supplyAsync(
          () -> ended(a.call("on waiter barrier " + waited + " 3 " + AWAIT_MILLIS, Duration.ofSeconds(90)), endedA),
          waiters);
      CompletableFuture<Reply> waiterB = CompletableFuture.supplyAsync(
          () -> ended(b.call("on waiter barrier " + waited + " 3 " + AWAIT_MILLIS, Duration.ofSeconds(90)), endedB),
          waiters);
      Await.until("A and B wait at the barrier of 3", Duration.ofSeconds(30),
          () -> c.ask("barrier-state " + waited + " 3").equals("2 false"));

      long cutAt = System.nanoTime();
      partition.cut(List.of(a.host()), majority.stream().map(MemberProcess::host).toList());
      Duration detected = cluster.awaitViews("A sees only itself, B and C see only each other",
          cluster.split(List.of(a), majority), Duration.ofSeconds(45));
      Measurements.record("majority-barrier: 1 | 2 cut seen in every member's own view after", detected);
      Reply cutOff = waiterA.get(90, TimeUnit.SECONDS);
      Reply left = waiterB.get(90, TimeUnit.SECONDS);
      Measurements.record("majority-barrier: the minority's waiter failed, after the cut",
          Duration.ofNanos(endedA.get() - cutAt) + " " + cutOff.errorClass());
      Measurements.record("majority-barrier: the majority's waiter failed, after the cut",
          Duration.ofNanos(endedB.get() - cutAt) + " " + left.errorClass());
      assertThat(cutOff.ok()).as("the minority's waiter: %s", cutOff).isFalse();
      assertThat(cutOff.errorClass()).as("the minority's waiter fails typed")
          .isIn("io.sharedobjects.NoQuorumException", "io.sharedobjects.ClusterUnavailableException");
      assertThat(left.ok()).as("the majority's waiter: %s", left).isFalse();
      assertThat(left.errorClass()).as("the majority takes the cut-off waiter for dead")
          .isEqualTo("java.util.concurrent.BrokenBarrierException");
      assertThat(c.ask("barrier-state " + waited + " 3")).isEqualTo("0 true");

      long start = System.nanoTime();
      Reply refused = a.call("barrier " + barrier + " 2 " + AWAIT_MILLIS, Duration.ofSeconds(60));
      Duration refusedAfter = Duration.ofNanos(System.nanoTime() - start);
      Measurements.record("majority-barrier: the minority's await refused after", refusedAfter + " (" + refused + ")");
      assertThat(refused.ok()).as("the minority's await: %s", refused).isFalse();
      assertThat(refused.errorClass()).isEqualTo("io.sharedobjects.NoQuorumException");
      assertThat(refusedAfter).as("refused at once, not after waiting").isLessThan(Duration.ofSeconds(10));

      List<Duration> rounds = new ArrayList<>();
      for (int generation = 0; generation < GENERATIONS_DURING_SPLIT; generation++) {
        long began = System.nanoTime();
        assertThat(passTogether(parties, b, c)).as("indexes of B and C, generation %d of the split", generation)
            .containsExactlyInAnyOrder(0, 1);
        rounds.add(Duration.ofNanos(System.nanoTime() - began));
      }
      Measurements.record("majority-barrier: the majority's rounds of 2 parties during the split", rounds.toString());
      assertThat(b.ask("barrier-state " + barrier + " 2")).as("numberWaiting and isBroken on the majority")
          .isEqualTo("0 false");

      partition.heal();
      Duration merged = cluster.awaitViews("every member sees all three again", cluster.allSeeing(cluster.members()),
          Duration.ofSeconds(90));
      Measurements.record("majority-barrier: every member saw all three after the heal, after", merged);
      assertThat(passTogether(parties, a, c)).as("indexes of A and C after the merge").containsExactlyInAnyOrder(0, 1);
    } finally {
      parties.shutdownNow();
      waiters.shutdownNow();
    }
  }

  /** Returns {@code reply}, having noted when it came in {@code at}. */
  private static Reply ended(Reply reply, AtomicLong at) {
    at.set(System.nanoTime());
    return reply;
  }

  /** One generation of the barrier of 2 awaited by {@code one} and {@code other} at once: their indexes. */
  private List<Integer> passTogether(ExecutorService pool, MemberProcess one, MemberProcess other)
      throws Exception {
    String barrier = barrierName;
    CompletableFuture<String> first = CompletableFuture.supplyAsync(
        () -> one.ask("on party barrier " + barrier + " 2 " + AWAIT_MILLIS, Duration.ofSeconds(60)), pool);
    CompletableFuture<String> second = CompletableFuture.supplyAsync(
        () -> other.ask("on party barrier " + barrier + " 2 " + AWAIT_MILLIS, Duration.ofSeconds(60)), pool);
    List<Integer> indexes = new ArrayList<>();
    for (CompletableFuture<String> party : List.of(first, second)) {
      indexes.add(Integer.parseInt(party.get(90, TimeUnit.SECONDS).split(" ")[0]));
    }
    return indexes;
  }
}
