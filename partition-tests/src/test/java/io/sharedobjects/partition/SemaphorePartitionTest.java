package io.sharedobjects.partition;

import static org.assertj.core.api.Assertions.assertThat;

import io.sharedobjects.partition.LockAttempt.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A semaphore under a 1 | 2 split with {@code clusterSize(3)}: every member tries its permits again and
 * again ({@link PermitLoop}) before the cut and through the split. The holds of every member, on both
 * sides, are put on one time line (the members' clocks are this JVM's, checked by {@link PartitionCluster}):
 * at no instant may more than {@value #PERMITS} be held. Once the lone member sees the split, each of its
 * calls must fail with {@code NoQuorumException}, and the majority must go on granting.
 */
@ExtendWith(IptablesRestored.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SemaphorePartitionTest {

  private static final int PERMITS = 2;
  private static final long WAIT_MILLIS = 500;
  private static final long HOLD_MILLIS = 100;
  private static final long PAUSE_MILLIS = 20;
  private static final Duration CONTENDING_BEFORE_CUT = Duration.ofSeconds(3);
  private static final Duration CONTENDING_AFTER_SPLIT = Duration.ofSeconds(5);

  @Test
  @DisplayName("clusterSize(3), 1 | 2 split, a semaphore of 2 tried by every member: holds on both sides together never"
      + " exceed 2 at any instant; once the minority sees the split it grants nothing and each of its calls fails with"
      + " NoQuorumException; the majority goes on granting")
  void onlyTheMajorityGrantsPermits() throws Exception {
    String name = "permits-" + UUID.randomUUID();
    List<LockAttempt> all = new ArrayList<>();
    long cutAt;
    long aSawSplit;
    long majoritySawSplit;
    String a;
    try (PartitionCluster cluster = PartitionCluster.start("semaphore-split", MemberOptions.NONE.withClusterSize(3));
        IptablesPartition partition = IptablesPartition.create()) {
      MemberProcess memberA = cluster.member(0);
      List<MemberProcess> majority = List.of(cluster.member(1), cluster.member(2));
      a = memberA.host();
      for (MemberProcess member : cluster.members()) {
        member.ask("permits " + name + " " + PERMITS + " " + WAIT_MILLIS + " " + HOLD_MILLIS + " " + PAUSE_MILLIS);
      }
      // Not a wait for a condition: the loops run for a while before the cut, so there is a history to compare.
      Thread.sleep(CONTENDING_BEFORE_CUT.toMillis());

      cutAt = System.nanoTime();
      partition.cut(List.of(a), majority.stream().map(MemberProcess::host).toList());
      Map<MemberProcess, Long> saw = cluster.awaitEachView("A sees only itself, B and C see only each other",
          cluster.split(List.of(memberA), majority), Duration.ofSeconds(45));
      aSawSplit = saw.get(memberA);
      majoritySawSplit = Math.max(saw.get(majority.get(0)), saw.get(majority.get(1)));
      saw.forEach((member, at) -> Measurements.record("semaphore-split: " + member.host()
          + " saw the 1 | 2 split in its own view, after the cut", Duration.ofNanos(at - cutAt)));
      Thread.sleep(CONTENDING_AFTER_SPLIT.toMillis());

      for (MemberProcess member : cluster.members()) {
        all.addAll(LockAttempt.decode(member.host(), name, member.ask("permitted " + name, Duration.ofSeconds(90))));
      }
    }
    Attempts attempts = new Attempts(all);
    List<LockAttempt> holds = attempts.with(Outcome.GRANTED).all();
    int most = mostAtOnce(holds);
    Attempts minorityAfterSeen = attempts.of(a).only(attempt -> attempt.started() > aSawSplit);
    Attempts majorityAfterSeen = attempts.only(attempt -> !attempt.member().equals(a) && attempt.started() > majoritySawSplit);
    Measurements.record("semaphore-split: attempts, all members", attempts.all().size() + " attempts, "
        + holds.size() + " holds");
    Measurements.record("semaphore-split: most permits held at once across both sides, whole run", Integer.toString(most));
    Measurements.record("semaphore-split: A's attempts after it saw the split, failed / all",
        minorityAfterSeen.with(Outcome.FAILED).all().size() + " / " + minorityAfterSeen.all().size());
    Measurements.record("semaphore-split: grants by the majority after it saw the split",
        Integer.toString(majorityAfterSeen.with(Outcome.GRANTED).all().size()));
    Measurements.record("semaphore-split: longest call", String.format("%.0f ms", attempts.longestMillis()));
    Measurements.record("semaphore-split: A's attempts between the cut and its seeing the split",
        attempts.of(a).startedBetween(cutAt, aSawSplit).describe());
    Measurements.record("semaphore-split: the majority's attempts between the cut and its seeing the split",
        attempts.only(attempt -> !attempt.member().equals(a)).startedBetween(cutAt, majoritySawSplit).describe());
    Measurements.record("semaphore-split: releases that failed", attempts.describeFailedReleases());

    assertThat(most).as("most permits held at once, both sides together").isLessThanOrEqualTo(PERMITS);
    assertThat(mostAtOnce(attempts.with(Outcome.GRANTED).only(attempt -> attempt.acquired() < cutAt).all()))
        .as("most permits held at once before the cut (else the permits were not contended)").isEqualTo(PERMITS);
    assertThat(minorityAfterSeen.all()).as("A's attempts after it saw the split").isNotEmpty()
        .allSatisfy(attempt -> assertThat(attempt.error()).as("outcome of %s", attempt).startsWith("NoQuorumException"));
    assertThat(majorityAfterSeen.with(Outcome.GRANTED).all()).as("grants by the majority after it saw the split")
        .isNotEmpty();
  }

  /** The most holds overlapping at any instant; a hold ending when another starts does not overlap it. */
  private static int mostAtOnce(List<LockAttempt> holds) {
    List<long[]> edges = new ArrayList<>();
    for (LockAttempt hold : holds) {
      edges.add(new long[] {hold.acquired(), +1});
      edges.add(new long[] {hold.released(), -1});
    }
    // At equal times ends before starts, so that touching holds do not count as overlapping.
    edges.sort((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
    int now = 0;
    int most = 0;
    for (long[] edge : edges) {
      now += (int) edge[1];
      most = Math.max(most, now);
    }
    return most;
  }
}
