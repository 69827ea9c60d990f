package io.sharedobjects.partition;

import static org.assertj.core.api.Assertions.assertThat;

import io.sharedobjects.partition.FenceHistory.Hold;
import io.sharedobjects.partition.FenceHistory.Violation;
import io.sharedobjects.partition.LockAttempt.Outcome;
import io.sharedobjects.partition.MemberProcess.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The library with {@code clusterSize(3)}, split 1 | 2 and healed, in one run that its tests then check
 * from three sides: who grants locks during the split, what becomes of a holder cut off while holding,
 * and what the heal and merge bring.
 *
 * <p>The run ({@link #runTheSplit()}): members A (127.0.0.11, the minority), B and C, and six locks. Every
 * member tries four of them again and again ({@link LockLoop}): {@code on-a} and {@code on-b}, whose
 * partition's primary copy is on A and on B, and {@code held-by-a} and {@code held-by-b}, both with their
 * primary copy on A, which A and B hold from before the cut (A is the holder cut off while holding; B gives
 * its lock back once it sees the split). A alone also tries {@code solo-a} (primary copy on A), and B alone
 * {@code solo-b} (primary copy on B, backup on A): no other holder stands between them and a write that the
 * other side must confirm. The loops run from before the cut, through the cut, its detection, the heal and
 * the merge, until each member has been granted each of its locks again after the merge. The cut is made in
 * two steps, A | B and then, {@value #CUT_STAGGER_SECONDS} s later, A | C; "after the cut" means after both. During the split
 * each side writes the same dict key, a key of its own and an element of a list; after the merge each member
 * reads them back. Every grant goes into one {@link FenceHistory}.
 */
@ExtendWith(IptablesRestored.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MajorityLockPartitionTest {

  /** How long a lock loop's {@code tryLock} waits, keeps a granted lock, and pauses after each attempt. */
  private static final long WAIT_MILLIS = 300;
  private static final long HOLD_MILLIS = 50;
  private static final long PAUSE_MILLIS = 20;
  private static final Duration CONTENDING_BEFORE_CUT = Duration.ofSeconds(2);
  /** How long after cutting A from B the test cuts A from C. */
  private static final int CUT_STAGGER_SECONDS = 2;
  private static final Duration CUT_STAGGER = Duration.ofSeconds(CUT_STAGGER_SECONDS);
  /**
   * The longest any lock call may take: Hazelcast's heartbeat timeout (10 s, after which a call waiting for
   * the other side fails or is retried on this side) plus its backup timeout (5 s, after which an
   * unconfirmed write fails), plus 5 s for a loaded machine.
   */
  private static final Duration CALL_BOUND = Duration.ofSeconds(20);
  private static final int KEYS_BEFORE_CUT = 10;
  private static final int UUID_LENGTH = 36;

  private final String dict = "merged-" + UUID.randomUUID();
  private final String list = "appended-" + UUID.randomUUID();
  private final FenceHistory history = new FenceHistory();
  /** The locks every member tries. */
  private final List<String> locks = new ArrayList<>();
  /** Each member's locks, by address: the shared ones and, for A and B, a lock only it tries. */
  private final Map<String, List<String>> tries = new LinkedHashMap<>();
  /** Each lock's name as the measurements show it: {@code on-a} rather than {@code on-a-<uuid>}. */
  private final Map<String, String> labels = new LinkedHashMap<>();
  private String heldByA;
  private String heldByB;
  /** A's own locks: primary copy on A, backup on B; and on A, backup on C. */
  private List<String> soloA;
  private String soloB;
  private String a;
  private String b;
  /** When the test began to add the DROP rules, and when they were all in: "after the cut" means after this. */
  private long cutStarted;
  private long cutAt;
  private long aSawSplit;
  private long majoritySawSplit;
  private long healAt;
  private long mergedAt;
  private Attempts attempts;
  /** The holder cut off while holding: its hold, and what it saw during the split and after the merge. */
  private Hold staleHold;
  private String staleHeldDuringSplit;
  private String staleRelease;
  private String staleHeldAfterRelease;
  private Hold freshHoldAfterMerge;
  private String freshHeldAfterMerge;
  private String freshRelease;
  /** B's hold across the cut, released after the split was seen. */
  private Hold majorityHold;
  private String majorityRelease;
  private final Map<String, String> readAfterMerge = new LinkedHashMap<>();

  @BeforeAll
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void runTheSplit() throws Exception {
    try (PartitionCluster cluster = PartitionCluster.start("majority-lock", MemberOptions.NONE.withClusterSize(3));
        IptablesPartition partition = IptablesPartition.create()) {
      try {
        cutHealAndMerge(cluster, partition);
      } catch (Exception | AssertionError e) {
        if (cutAt != 0) {
          try {
            recordAttemptsOfFailedRun(cluster);
          } catch (RuntimeException | AssertionError suppressed) {
            e.addSuppressed(suppressed);
          }
        }
        throw e;
      }
    }
    attempts.holds().forEach(history::record);
    List.of(staleHold, majorityHold, freshHoldAfterMerge).forEach(history::record);
    recordMeasurements();
  }

  /** The run itself: see the class comment. */
  private void cutHealAndMerge(PartitionCluster cluster, IptablesPartition partition) throws Exception {
    MemberProcess memberA = cluster.member(0);
    MemberProcess memberB = cluster.member(1);
    List<MemberProcess> majority = List.of(memberB, cluster.member(2));
    a = memberA.host();
    b = memberB.host();
    String onA = lockOwnedBy(memberA, memberA, "on-a");
    String onB = lockOwnedBy(memberB, memberA, "on-b");
    heldByA = lockOwnedBy(memberA, memberA, "held-by-a");
    heldByB = lockOwnedBy(memberA, memberA, "held-by-b");
    locks.addAll(List.of(onA, onB, heldByA, heldByB));
    soloA = List.of(lockWithReplicas(memberA, memberB, "solo-a-b"), lockWithReplicas(memberA, cluster.member(2), "solo-a-c"));
    soloB = lockWithReplicas(memberB, memberA, "solo-b");
    for (MemberProcess member : cluster.members()) {
      List<String> own = new ArrayList<>(locks);
      own.addAll(member == memberA ? soloA : member == memberB ? List.of(soloB) : List.of());
      tries.put(member.host(), own);
    }
    tries.get(a).forEach(this::label);
    tries.get(b).forEach(this::label);

    for (int i = 0; i < KEYS_BEFORE_CUT; i++) {
      memberB.ask("put " + dict + " before-" + i + " " + i);
    }
    memberB.ask("append " + list + " before");
    String[] stale = memberA.ask("on holder trylock " + heldByA + " 10000").split(" ");
    String[] held = memberB.ask("on holder trylock " + heldByB + " 10000").split(" ");
    for (MemberProcess member : cluster.members()) {
      for (String lock : tries.get(member.host())) {
        member.ask("contend " + lock + " " + WAIT_MILLIS + " " + HOLD_MILLIS + " " + PAUSE_MILLIS);
      }
    }
    Thread.sleep(CONTENDING_BEFORE_CUT.toMillis());

    // A loses B first and C a little later, as links rarely fail at the same instant: A then takes B, and only
    // later C, for dead, and in between it sees two members of three while it can reach neither.
    cutStarted = System.nanoTime();
    partition.cut(List.of(a), List.of(b));
    Thread.sleep(CUT_STAGGER.toMillis());
    partition.cut(List.of(a), List.of(cluster.member(2).host()));
    cutAt = System.nanoTime();
    Measurements.record("majority-lock: the cut A | B, then A | C, complete after", Duration.ofNanos(cutAt - cutStarted));
    Map<MemberProcess, Long> sawSplit = cluster.awaitEachView("A sees only itself, B and C see only each other",
        cluster.split(List.of(memberA), majority), Duration.ofSeconds(45));
    aSawSplit = sawSplit.get(memberA);
    majoritySawSplit = Math.max(sawSplit.get(memberB), sawSplit.get(cluster.member(2)));
    sawSplit.forEach((member, at) -> Measurements.record("majority-lock: " + member.host()
        + " saw the 1 | 2 split in its own view, after the cut A | B", Duration.ofNanos(at - cutStarted)));

    // The holder on the majority side gives its lock back; then the majority must grant every lock again.
    String[] majorityReleased = memberB.ask("on holder release " + heldByB).split(" ");
    majorityHold = new Hold(b, heldByB, Long.parseLong(held[0]), Long.parseLong(held[1]),
        Long.parseLong(majorityReleased[0]));
    majorityRelease = majorityReleased[2];
    awaitGrantsAgain(majority, "the majority");

    // The holder cut off while holding: it still believes it holds, until its release fails.
    staleHeldDuringSplit = memberA.ask("on holder held " + heldByA);
    String[] staleReleased = memberA.ask("on holder release " + heldByA).split(" ");
    staleHold = new Hold(a, heldByA, Long.parseLong(stale[0]), Long.parseLong(stale[1]),
        Long.parseLong(staleReleased[0]));
    staleRelease = staleReleased[2];
    Measurements.record("majority-lock: release by the holder cut off while holding, during the split",
        staleRelease + " after " + (Long.parseLong(staleReleased[1]) - Long.parseLong(staleReleased[0])) / 1_000_000
            + " ms");
    staleHeldAfterRelease = memberA.ask("on holder held " + heldByA);

    Measurements.record("majority-lock: keys written before the cut that A reads during the split (of "
        + KEYS_BEFORE_CUT + ")", Integer.toString(presentKeys(memberA)));
    memberA.ask("put " + dict + " both minority");
    memberB.ask("put " + dict + " both majority");
    memberA.ask("put " + dict + " minority-only written-on-A");
    memberB.ask("put " + dict + " majority-only written-on-B");
    memberA.ask("append " + list + " minority");
    memberB.ask("append " + list + " majority");

    healAt = System.nanoTime();
    partition.heal();
    Duration together = cluster.awaitViews("every member sees all three again",
        cluster.allSeeing(cluster.members()), Duration.ofSeconds(60));
    Measurements.record("majority-lock: all three see three, after the heal", together);
    Await.until("A reports that it merged", Duration.ofSeconds(60), () -> memberA.ask("lifecycle").contains("MERGED@"));
    mergedAt = lifecycleEvent(memberA.ask("lifecycle"), "MERGED");
    Measurements.record("majority-lock: A merged (MERGED), after the heal", Duration.ofNanos(mergedAt - healAt));
    awaitGrantsAgain(cluster.members(), "every member, after the merge");

    List<LockAttempt> all = new ArrayList<>();
    for (MemberProcess member : cluster.members()) {
      for (String lock : tries.get(member.host())) {
        all.addAll(LockAttempt.decode(member.host(), lock, member.ask("contended " + lock, Duration.ofSeconds(90))));
      }
    }
    attempts = new Attempts(all);

    String[] fresh = memberA.ask("on holder trylock " + heldByA + " 10000").split(" ");
    freshHeldAfterMerge = memberA.ask("on holder held " + heldByA);
    String[] freshReleased = memberA.ask("on holder release " + heldByA).split(" ");
    freshHoldAfterMerge = new Hold(a, heldByA, Long.parseLong(fresh[0]), Long.parseLong(fresh[1]),
        Long.parseLong(freshReleased[0]));
    freshRelease = freshReleased[2];

    for (MemberProcess member : cluster.members()) {
      readAfterMerge.put(member.host(), "both=" + member.ask("get " + dict + " both")
          + " minority-only=" + member.ask("get " + dict + " minority-only")
          + " majority-only=" + member.ask("get " + dict + " majority-only")
          + " before-keys=" + presentKeys(member)
          + " list=" + member.ask("list " + list));
    }
  }

  @Test
  @DisplayName("clusterSize(3), 1 | 2 split with holders on both sides and every member trying every lock: no two holds"
      + " acquired after the cut overlap, no fence repeats or goes back, the minority grants nothing and its calls fail"
      + " typed within the bound (NoQuorumException once it sees the split), the majority grants again")
  void onlyTheMajorityGrants() {
    FenceHistory afterCut = history.only(hold -> hold.acquired() > cutAt);
    assertThat(afterCut.overlaps()).as("overlapping holds acquired after the cut").isEmpty();
    assertThat(history.repeats()).as("fences issued twice, whole history").isEmpty();
    assertThat(history.decreases()).as("fences smaller than an earlier one, whole history").isEmpty();

    Attempts minorityDuringSplit = attempts.of(a).only(attempt -> attempt.started() > cutAt && attempt.ended() < healAt);
    assertThat(minorityDuringSplit.with(Outcome.GRANTED).all()).as("locks granted to A during the split").isEmpty();
    assertThat(minorityDuringSplit.with(Outcome.FAILED).all()).as("A's failed lock calls during the split")
        .isNotEmpty()
        .allSatisfy(attempt -> assertThat(attempt.errorClass()).as("error of %s", attempt)
            .isIn("NoQuorumException", "ClusterUnavailableException"));
    // Before A sees the split, its first call on the lock only it tries (a lock or an unlock, whichever it was
    // doing at the cut) writes to the primary copy, on A, and cannot be confirmed by the backup, across the cut.
    Attempts unconfirmed = attempts.of(a).only(attempt -> soloA.contains(attempt.lock()) && attempt.started() < aSawSplit)
        .only(attempt -> attempt.ended() > cutAt && attempt.error().startsWith("ClusterUnavailableException")
            || attempt.unlockEnded() > cutAt && attempt.unlockError().startsWith("LockLostException/ClusterUnavailableException"));
    assertThat(unconfirmed.all()).as("A's calls on its own lock that failed as unconfirmed before it saw the split")
        .isNotEmpty();
    Attempts afterSeen = minorityDuringSplit.startedBetween(aSawSplit, healAt);
    assertThat(afterSeen.all()).as("A's lock calls after it saw the split").isNotEmpty()
        .allSatisfy(attempt -> assertThat(attempt.error()).as("outcome of %s", attempt)
            .startsWith("NoQuorumException"));
    assertThat(attempts.longestMillis()).as("the longest lock call of any member, ms")
        .isLessThan(CALL_BOUND.toMillis() + WAIT_MILLIS);
    assertThat(attempts.failedReleases().all()).as("failed releases of loop holds")
        .allSatisfy(attempt -> assertThat(attempt.unlockMillis()).isLessThan(CALL_BOUND.toMillis()));

    for (String lock : majorityLocks()) {
      assertThat(history.only(hold -> hold.lock().equals(lock) && hold.acquired() > majoritySawSplit
          && hold.acquired() < healAt && !hold.process().equals(a)).holds())
          .as("grants of %s by the majority after it saw the split", lock).isNotEmpty();
    }
  }

  @Test
  @DisplayName("clusterSize(3), a holder cut off while holding still believes it holds; every later fence is larger than"
      + " its own; its release during the split fails with LockLostException (or IllegalMonitorStateException) and ends"
      + " its hold; after the merge its next acquisition is fresh, with a larger fence")
  void holderCutOffWhileHolding() {
    assertThat(staleHold.acquired()).as("the stale hold began before the cut").isLessThan(cutStarted);
    assertThat(staleHeldDuringSplit).as("isHeldByCurrentThread and holdCount during the split").isEqualTo("true 1");
    assertThat(staleRelease).as("its release during the split")
        .matches("LockLostException(/.*)?|IllegalMonitorStateException");
    assertThat(staleHeldAfterRelease).as("isHeldByCurrentThread and holdCount after the failed release")
        .isEqualTo("false 0");
    List<Hold> later = history.only(hold -> hold.lock().equals(heldByA) && hold.acquired() > cutAt).holds();
    assertThat(later).as("grants of the stale holder's lock after the cut").isNotEmpty()
        .allSatisfy(hold -> assertThat(hold.token()).as("fence of %s", hold).isGreaterThan(staleHold.token()));
    assertThat(history.only(hold -> hold.lock().equals(heldByA) && hold.acquired() > cutAt
        && hold.acquired() < staleHold.released()).holds())
        .as("grants to the majority while the cut-off holder still believed it held").isNotEmpty();
    // The only holds that may overlap are the cut-off holder's, with the majority's after the split was seen.
    assertThat(history.overlaps()).as("overlapping holds, whole history")
        .allSatisfy(pair -> assertThat(pair.earlier()).as("earlier hold of %s", pair).isEqualTo(staleHold));

    assertThat(freshHeldAfterMerge).as("isHeldByCurrentThread and holdCount after the fresh acquisition")
        .isEqualTo("true 1");
    assertThat(freshHoldAfterMerge.token()).as("fence of the acquisition after the merge")
        .isGreaterThan(maxToken(history.only(hold -> hold.lock().equals(heldByA) && hold != freshHoldAfterMerge)));
    assertThat(freshRelease).as("its release after the merge").isEqualTo("-");

    assertThat(majorityRelease).as("release by the holder on the majority side, after the split was seen")
        .isEqualTo("-");
    assertThat(history.only(hold -> hold.lock().equals(heldByB) && hold.acquired() > cutAt).holds())
        .as("grants of the majority holder's lock after the cut").isNotEmpty()
        .allSatisfy(hold -> assertThat(hold.token()).isGreaterThan(majorityHold.token()));
  }

  @Test
  @DisplayName("clusterSize(3), heal and merge: all three see three, the former minority is granted every lock again with"
      + " fences larger than every earlier one; with the default merge policy a dict key written on both sides keeps the"
      + " majority's value, a key only the minority wrote is added, and a list keeps the majority's elements")
  void healAndMerge() {
    for (String lock : tries.get(a)) {
      FenceHistory ofLock = history.only(hold -> hold.lock().equals(lock));
      long largestBefore = maxToken(ofLock.only(hold -> hold.acquired() < mergedAt));
      List<Hold> minorityAfterMerge = ofLock.only(hold -> hold.process().equals(a) && hold.acquired() > mergedAt).holds();
      assertThat(minorityAfterMerge).as("grants of %s to A after the merge", lock).isNotEmpty()
          .allSatisfy(hold -> assertThat(hold.token()).as("fence of %s", hold).isGreaterThan(largestBefore));
    }
    assertThat(readAfterMerge.values()).as("what each member reads after the merge")
        .containsOnly("both=majority minority-only=written-on-A majority-only=written-on-B before-keys="
            + KEYS_BEFORE_CUT + " list=before,majority");
  }

  private void recordMeasurements() {
    Measurements.record("majority-lock: lock attempts, all members, whole run", attempts.all().size() + " attempts, "
        + history.holds().size() + " holds");
    Measurements.record("majority-lock: holds acquired after the cut: overlapping pairs / fences repeated / decreasing",
        history.only(hold -> hold.acquired() > cutAt).overlaps().size() + " / " + history.repeats().size() + " / "
            + history.decreases().size() + " (repeats and decreases over the whole history)");
    List<Violation> overlaps = history.overlaps();
    Measurements.record("majority-lock: overlaps in the whole history (the cut-off holder's with later holds)",
        overlaps.size() + " pairs" + (overlaps.isEmpty() ? "" : ", each " + overlaps.get(0).earlier() + " with a later hold"));
    Measurements.record("majority-lock: A's lock calls from the cut until it saw the split",
        attempts.of(a).startedBetween(cutAt, aSawSplit).describe());
    Measurements.record("majority-lock: A's first NoQuorumException, after the cut", attempts.of(a)
        .only(attempt -> attempt.error().startsWith("NoQuorumException") && attempt.started() > cutAt).all().stream()
        .mapToLong(LockAttempt::ended).min().stream().mapToObj(at -> (at - cutAt) / 1_000_000 + " ms").findFirst()
        .orElse("none"));
    for (String lock : soloA) {
      Measurements.record("majority-lock: A's calls on " + labels.get(lock) + ", which only A tries, from the last"
          + " before the cut until it saw the split, ms after the cut", acrossTheCut(a, lock, aSawSplit).timeline(cutAt));
    }
    Measurements.record("majority-lock: B's calls on the lock only it tries (primary copy on B, backup on A), from the"
        + " last before the cut until it saw the split, ms after the cut",
        acrossTheCut(b, soloB, majoritySawSplit).timeline(cutAt));
    Measurements.record("majority-lock: A's lock calls from when it saw the split until the heal",
        attempts.of(a).startedBetween(aSawSplit, healAt).describe());
    Measurements.record("majority-lock: A's failed releases during the split",
        attempts.of(a).startedBetween(cutAt - TimeUnit.SECONDS.toNanos(1), healAt).describeFailedReleases());
    Attempts majority = attempts.only(attempt -> !attempt.member().equals(a));
    Measurements.record("majority-lock: B's and C's lock calls from the cut until they saw the split",
        majority.startedBetween(cutAt, majoritySawSplit).describe());
    Measurements.record("majority-lock: B's and C's lock calls from when they saw the split until the heal",
        majority.startedBetween(majoritySawSplit, healAt).describe());
    Measurements.record("majority-lock: B's and C's failed releases during the split",
        majority.startedBetween(cutAt - TimeUnit.SECONDS.toNanos(1), healAt).describeFailedReleases());
    Measurements.record("majority-lock: every member's lock calls from the heal until the end",
        attempts.startedBetween(healAt, Long.MAX_VALUE).describe());
    Measurements.record("majority-lock: first grant to the majority after the cut, per lock", firstGrants());
    Measurements.record("majority-lock: fences of the cut-off holder's lock", "held " + staleHold.token()
        + " across the cut; granted after the cut: " + tokens(history.only(hold -> hold.lock().equals(heldByA)
        && hold.acquired() > cutAt && hold.acquired() < healAt)) + "; A's fresh acquisition after the merge: "
        + freshHoldAfterMerge.token());
    Measurements.record("majority-lock: after the merge, as each member reads it", readAfterMerge.toString());
  }

  /** A member's attempts on a lock from the last that started before the cut until {@code until}. */
  private Attempts acrossTheCut(String member, String lock, long until) {
    Attempts ofLock = attempts.of(member).only(attempt -> attempt.lock().equals(lock));
    long lastBeforeCut = ofLock.startedBetween(Long.MIN_VALUE, cutStarted).all().stream().mapToLong(LockAttempt::started)
        .max().orElse(cutAt);
    return ofLock.startedBetween(lastBeforeCut, until);
  }

  /** For each lock, how long after the cut the majority was first granted it. */
  private String firstGrants() {
    List<String> firsts = new ArrayList<>();
    for (String lock : majorityLocks()) {
      long first = history.only(hold -> hold.lock().equals(lock) && hold.acquired() > cutAt && !hold.process().equals(a))
          .holds().stream().mapToLong(Hold::acquired).min().orElse(-1);
      firsts.add(labels.get(lock) + " " + (first < 0 ? "never" : (first - cutAt) / 1_000_000 + " ms"));
    }
    return String.join(", ", firsts);
  }

  /** The locks B and C try. */
  private List<String> majorityLocks() {
    List<String> majority = new ArrayList<>(locks);
    majority.add(soloB);
    return majority;
  }

  private static String tokens(FenceHistory part) {
    return part.holds().stream().map(hold -> hold.process().substring(hold.process().lastIndexOf('.') + 1) + ":"
        + hold.token()).toList().toString();
  }

  private static long maxToken(FenceHistory part) {
    return part.holds().stream().mapToLong(Hold::token).max().orElse(0);
  }

  /** Waits until each of {@code members}' lock loops has been granted its lock once more from now on. */
  private void awaitGrantsAgain(List<MemberProcess> members, String who) {
    Map<String, Integer> before = new LinkedHashMap<>();
    for (MemberProcess member : members) {
      for (String lock : tries.get(member.host())) {
        before.put(member.host() + " " + labels.get(lock), Integer.parseInt(member.ask("granted " + lock)));
      }
    }
    List<String> waiting = new ArrayList<>();
    try {
      Await.until(who + " granted every lock again", Duration.ofSeconds(60), () -> {
        waiting.clear();
        for (MemberProcess member : members) {
          for (String lock : tries.get(member.host())) {
            String key = member.host() + " " + labels.get(lock);
            if (Integer.parseInt(member.ask("granted " + lock)) <= before.get(key)) {
              waiting.add(key);
            }
          }
        }
        return waiting.isEmpty();
      });
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; not granted again: " + waiting, e);
    }
  }

  /**
   * After a failure of the run: every loop's attempts from the last before the cut, as measurements, so that
   * the failure can be read; the loops are stopped.
   */
  private void recordAttemptsOfFailedRun(PartitionCluster cluster) {
    for (MemberProcess member : cluster.members()) {
      for (String lock : tries.get(member.host())) {
        Reply reply = member.call("contended " + lock, Duration.ofSeconds(90));
        if (reply.ok()) {
          Attempts ofLoop = new Attempts(LockAttempt.decode(member.host(), lock, reply.payload()));
          long lastBeforeCut = ofLoop.startedBetween(Long.MIN_VALUE, cutStarted).all().stream()
              .mapToLong(LockAttempt::started).max().orElse(cutStarted);
          Measurements.record("majority-lock FAILED RUN: " + member.host() + " " + labels.get(lock) + ", ms after the cut",
              ofLoop.startedBetween(lastBeforeCut, Long.MAX_VALUE).timeline(cutAt));
        }
      }
    }
  }

  /** A fresh lock name whose partition's primary copy is on {@code owner} and its first backup on {@code backup}. */
  private static String lockWithReplicas(MemberProcess owner, MemberProcess backup, String prefix) {
    return PartitionCluster.nameWhere(owner, prefix,
        name -> owner.ask("replicas " + name + " 2").equals(owner.address() + "," + backup.address()),
        "had its partition on " + owner + " and its backup on " + backup);
  }

  private void label(String lock) {
    labels.put(lock, lock.substring(0, lock.length() - UUID_LENGTH - 1));
  }

  /** A fresh lock name whose partition's primary copy {@code owner} has, as {@code asked} sees it. */
  private static String lockOwnedBy(MemberProcess owner, MemberProcess asked, String prefix) {
    return PartitionCluster.nameWhere(asked, prefix, name -> asked.ask("owner " + name).equals(owner.address()),
        "had its partition on " + owner);
  }

  private int presentKeys(MemberProcess member) {
    int present = 0;
    for (int i = 0; i < KEYS_BEFORE_CUT; i++) {
      present += member.ask("get " + dict + " before-" + i).equals(Integer.toString(i)) ? 1 : 0;
    }
    return present;
  }

  /** The {@code nanoTime} of the last event of that state in a {@code lifecycle} reply. */
  private static long lifecycleEvent(String lifecycle, String state) {
    long at = -1;
    for (String event : lifecycle.split(",")) {
      String[] parts = event.split("@");
      if (parts[0].equals(state)) {
        at = Long.parseLong(parts[1]);
      }
    }
    if (at < 0) {
      throw new AssertionError("no " + state + " in lifecycle events " + lifecycle);
    }
    return at;
  }
}
