package io.sharedobjects.partition;

import static org.assertj.core.api.Assertions.assertThat;

import io.sharedobjects.partition.FenceHistory.Hold;
import io.sharedobjects.partition.FenceHistory.Violation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Today's library, with no cluster size declared, split 1 | 2 with holders on both sides: what a lock
 * promises without a partition, and what a partition does to it.
 */
@ExtendWith(IptablesRestored.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SplitLockPartitionTest {

  private static final int ROUNDS_BEFORE_CUT = 3;
  private static final Duration HOLD_BEFORE_CUT = Duration.ofMillis(20);
  private static final Duration HOLD_DURING_SPLIT = Duration.ofMillis(200);
  private static final Duration HOLDING_DURING_SPLIT = Duration.ofSeconds(4);

  @Test
  @DisplayName("1 | 2 split, no cluster size: both sides grant the same lock at once and its fences repeat or go back; each side alone stays exclusive and increasing")
  void bothSidesGrantTheSameLock() throws Exception {
    String lock = "fenced-" + UUID.randomUUID();
    FenceHistory history = new FenceHistory();
    AtomicInteger unlockFailures = new AtomicInteger();
    try (PartitionCluster cluster = PartitionCluster.start("split-lock");
        IptablesPartition partition = IptablesPartition.create()) {
      MemberProcess a = cluster.member(0);
      List<MemberProcess> majority = List.of(cluster.member(1), cluster.member(2));

      for (int round = 0; round < ROUNDS_BEFORE_CUT; round++) {
        for (MemberProcess member : cluster.members()) {
          hold(member, lock, HOLD_BEFORE_CUT, history, unlockFailures);
        }
      }

      long cutAt = System.nanoTime();
      partition.cut(List.of(a.host()), majority.stream().map(MemberProcess::host).toList());
      Duration detected = cluster.awaitViews("A sees only itself, B and C see only each other",
          cluster.split(List.of(a), majority), Duration.ofSeconds(45));
      long splitAt = System.nanoTime();
      Measurements.record("split-lock: 1 | 2 cut seen in every member's own view after",
          Duration.ofNanos(splitAt - cutAt));

      holdUntil(cluster.members(), lock, System.nanoTime() + HOLDING_DURING_SPLIT.toNanos(), history, unlockFailures);

      FenceHistory before = history.only(hold -> hold.acquired() < cutAt);
      FenceHistory during = history.only(hold -> hold.acquired() > splitAt);
      FenceHistory minoritySide = during.only(hold -> hold.process().equals(a.host()));
      FenceHistory majoritySide = during.only(hold -> !hold.process().equals(a.host()));
      List<Violation> overlaps = during.overlaps();
      Measurements.record("split-lock: history before the cut", before.describe());
      Measurements.record("split-lock: history during the split", during.describe());
      Measurements.record("split-lock: whole history", history.describe());
      Measurements.record("split-lock: overlapping holds during the split, pairs and each pair's overlap",
          overlaps.size() + " pairs, " + overlapRange(overlaps));
      Measurements.record("split-lock: failed unlocks", Integer.toString(unlockFailures.get()));

      // What a lock promises when nothing is cut.
      assertThat(before.holds()).as("holds before the cut").hasSize(ROUNDS_BEFORE_CUT * 3);
      assertThat(before.isClean()).as("history before the cut: %s", before.describe()).isTrue();
      // Each side alone is still a lock: exclusive, with increasing fences.
      assertThat(minoritySide.holds()).as("holds on the minority side").isNotEmpty();
      assertThat(majoritySide.holds()).as("holds on the majority side").isNotEmpty();
      assertThat(minoritySide.isClean()).as("minority side alone: %s", minoritySide.describe()).isTrue();
      assertThat(majoritySide.isClean()).as("majority side alone: %s", majoritySide.describe()).isTrue();
      // Across the cut it is not: this is what the docs say a partition does without a cluster size.
      assertThat(overlaps).as("holds of one lock on both sides at once").isNotEmpty()
          .allSatisfy(pair -> assertThat(pair.earlier().process().equals(a.host()))
              .as("one hold of %s on each side", pair).isNotEqualTo(pair.later().process().equals(a.host())));
      assertThat(history.repeats().size() + history.decreases().size())
          .as("repeated or decreasing fences across the whole history: %s", history.describe()).isPositive();
    }
  }

  /** Takes the lock on {@code member}, keeps it for {@code time}, releases it, and records the hold. */
  private static void hold(MemberProcess member, String lock, Duration time, FenceHistory history,
      AtomicInteger unlockFailures) {
    String[] reply = member.ask("hold " + lock + " " + time.toMillis()).split(" ");
    history.record(new Hold(member.host(), lock, Long.parseLong(reply[0]), Long.parseLong(reply[1]),
        Long.parseLong(reply[2])));
    if (reply.length > 3) {
      unlockFailures.incrementAndGet(); // the hold happened; its release failed (reply[3..]: UNLOCK-FAILED class)
    }
  }

  /** Every member takes, keeps and releases the lock again and again, all at once, until {@code deadline}. */
  private static void holdUntil(List<MemberProcess> members, String lock, long deadline, FenceHistory history,
      AtomicInteger unlockFailures) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(members.size());
    try {
      List<Future<?>> holders = new ArrayList<>();
      for (MemberProcess member : members) {
        holders.add(pool.submit((Callable<Void>) () -> {
          while (System.nanoTime() < deadline) {
            hold(member, lock, HOLD_DURING_SPLIT, history, unlockFailures);
          }
          return null;
        }));
      }
      for (Future<?> holder : holders) {
        holder.get(2, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static String overlapRange(List<Violation> overlaps) {
    double min = overlaps.stream().mapToDouble(Violation::overlapMillis).min().orElse(0);
    double max = overlaps.stream().mapToDouble(Violation::overlapMillis).max().orElse(0);
    return String.format("%.1f-%.1f ms", min, max);
  }
}
