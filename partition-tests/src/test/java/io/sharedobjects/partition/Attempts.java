package io.sharedobjects.partition;

import io.sharedobjects.partition.LockAttempt.Outcome;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** The lock attempts of a test, every member's, with the selections and summaries its checks need. Immutable. */
final class Attempts {

  private final List<LockAttempt> all;

  Attempts(List<LockAttempt> all) {
    this.all = List.copyOf(all);
  }

  List<LockAttempt> all() {
    return all;
  }

  /** The attempts {@code filter} accepts. */
  Attempts only(Predicate<LockAttempt> filter) {
    return new Attempts(all.stream().filter(filter).toList());
  }

  /** The attempts of one member ({@code 127.0.0.11}). */
  Attempts of(String member) {
    return only(attempt -> attempt.member().equals(member));
  }

  /** The attempts whose call started in {@code [from, to)}, {@code nanoTime} values. */
  Attempts startedBetween(long from, long to) {
    return only(attempt -> attempt.started() >= from && attempt.started() < to);
  }

  Attempts with(Outcome outcome) {
    return only(attempt -> attempt.outcome() == outcome);
  }

  /** The granted attempts as holds, for a {@link FenceHistory}. */
  List<FenceHistory.Hold> holds() {
    return with(Outcome.GRANTED).all.stream().map(LockAttempt::hold).toList();
  }

  /** The granted attempts whose release failed. */
  Attempts failedReleases() {
    return only(attempt -> attempt.outcome() == Outcome.GRANTED && !attempt.unlockError().isEmpty());
  }

  /** The longest call, in milliseconds (0 if none). */
  double longestMillis() {
    return all.stream().mapToDouble(LockAttempt::millis).max().orElse(0);
  }

  /**
   * A summary for measurements: how many attempts came to each outcome (errors by class and cause), with
   * the range of how long their calls took, such as {@code 12 NOT_GRANTED 300-302 ms; 40 NoQuorumException
   * 0-1 ms}.
   */
  String describe() {
    if (all.isEmpty()) {
      return "none";
    }
    Map<String, DoubleSummaryStatistics> byKind = all.stream().collect(Collectors.groupingBy(
        attempt -> attempt.outcome() == Outcome.FAILED ? attempt.error() : attempt.outcome().name(), TreeMap::new,
        Collectors.summarizingDouble(LockAttempt::millis)));
    List<String> parts = new ArrayList<>();
    byKind.forEach((kind, stats) -> parts.add(stats.getCount() + " " + kind + " " + range(stats)));
    return String.join("; ", parts);
  }

  /** The failed releases summarized as {@link #describe()} does, with how long each release took. */
  String describeFailedReleases() {
    Attempts failed = failedReleases();
    if (failed.all.isEmpty()) {
      return "none";
    }
    Map<String, DoubleSummaryStatistics> byError = failed.all.stream().collect(Collectors.groupingBy(
        LockAttempt::unlockError, TreeMap::new, Collectors.summarizingDouble(LockAttempt::unlockMillis)));
    List<String> parts = new ArrayList<>();
    byError.forEach((error, stats) -> parts.add(stats.getCount() + " " + error + " " + range(stats)));
    return String.join("; ", parts);
  }

  /**
   * Each attempt on one line of a list, for measurements: when its call started, in milliseconds after
   * {@code origin} (a {@code nanoTime}), how long it took and what came of it, with its release if it was
   * granted, such as {@code +6010 ms: ClusterUnavailableException/IndeterminateOperationStateException in 5937
   * ms}.
   */
  String timeline(long origin) {
    List<String> lines = new ArrayList<>();
    for (LockAttempt attempt : all) {
      String outcome = switch (attempt.outcome()) {
        case GRANTED -> "granted #" + attempt.fence() + " in " + Math.round(attempt.millis()) + " ms, released "
            + (attempt.unlockError().isEmpty() ? "" : "with " + attempt.unlockError() + " ") + "in "
            + Math.round(attempt.unlockMillis()) + " ms";
        case NOT_GRANTED -> "not granted in " + Math.round(attempt.millis()) + " ms";
        case FAILED -> attempt.error() + " in " + Math.round(attempt.millis()) + " ms";
      };
      lines.add(String.format("%+d ms: %s", (attempt.started() - origin) / 1_000_000, outcome));
    }
    return lines.isEmpty() ? "none" : String.join("; ", lines);
  }

  private static String range(DoubleSummaryStatistics stats) {
    return String.format("%.0f-%.0f ms", stats.getMin(), stats.getMax());
  }
}
