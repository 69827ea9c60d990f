package io.sharedobjects.partition;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Every fencing token issued in a test, with the process that drew it, its lock, and the interval during
 * which the holder believed it held the lock; checks the history for the three ways a lock can break its
 * promise: a token issued twice, a token smaller than one issued before it, and two holds of one lock at
 * once. Thread-safe.
 *
 * <p>Times are {@link System#nanoTime()} values read by the holder's own JVM: {@code acquired} just after
 * the lock and its token were had, {@code released} just before the unlock was sent, so the interval is
 * the least the holder could have been sure of and an overlap found is an overlap that happened. The JVMs
 * of one test run on one machine, and on Linux {@code nanoTime} reads the kernel's CLOCK_MONOTONIC, which
 * every process shares; {@link PartitionCluster} checks that at start instead of assuming it. Wall-clock
 * time ({@code currentTimeMillis}) was not used: NTP may step it mid-test, and its millisecond
 * resolution could hide short overlaps.
 */
final class FenceHistory {

  /** One acquisition: {@code token} drawn by {@code process} for {@code lock}, held from {@code acquired} to {@code released}. */
  record Hold(String process, String lock, long token, long acquired, long released) {
    Hold {
      Objects.requireNonNull(process, "process");
      Objects.requireNonNull(lock, "lock");
      if (released < acquired) {
        throw new IllegalArgumentException("a hold cannot end (" + released + ") before it starts (" + acquired + ")");
      }
    }

    @Override
    public String toString() {
      return process + " " + lock + "#" + token;
    }
  }

  /** Two holds of one lock that break a promise together; {@code earlier} was acquired first. */
  record Violation(Hold earlier, Hold later) {

    /** How long the two holds overlapped, in milliseconds (0 if they did not). */
    double overlapMillis() {
      long from = Math.max(earlier.acquired(), later.acquired());
      long to = Math.min(earlier.released(), later.released());
      return Math.max(0, to - from) / 1e6;
    }

    @Override
    public String toString() {
      return earlier + " / " + later;
    }
  }

  private static final Comparator<Hold> ACQUISITION_ORDER =
      Comparator.comparingLong(Hold::acquired).thenComparingLong(Hold::token);

  private final List<Hold> holds = new ArrayList<>();

  /** Adds a hold to the history. */
  synchronized void record(Hold hold) {
    holds.add(Objects.requireNonNull(hold, "hold"));
  }

  /** Every hold recorded, in acquisition order. */
  synchronized List<Hold> holds() {
    return holds.stream().sorted(ACQUISITION_ORDER).toList();
  }

  /** A history of only the holds that {@code filter} accepts, such as those acquired before a cut. */
  FenceHistory only(Predicate<Hold> filter) {
    FenceHistory part = new FenceHistory();
    holds().stream().filter(filter).forEach(part::record);
    return part;
  }

  /**
   * Tokens issued more than once for one lock: each later issue, paired with the first hold that had the
   * same token.
   */
  List<Violation> repeats() {
    List<Violation> repeats = new ArrayList<>();
    for (List<Hold> lock : byLock().values()) {
      Map<Long, Hold> first = new HashMap<>();
      for (Hold hold : lock) {
        Hold earlier = first.putIfAbsent(hold.token(), hold);
        if (earlier != null) {
          repeats.add(new Violation(earlier, hold));
        }
      }
    }
    return repeats;
  }

  /** How many distinct tokens of some lock were issued more than once. */
  long repeatedTokens() {
    return repeats().stream().map(v -> v.earlier().lock() + "#" + v.earlier().token()).distinct().count();
  }

  /**
   * Tokens smaller than one issued before them for the same lock, in acquisition order: each such hold,
   * paired with the earlier hold that had the largest token so far.
   */
  List<Violation> decreases() {
    List<Violation> decreases = new ArrayList<>();
    for (List<Hold> lock : byLock().values()) {
      Hold largest = null;
      for (Hold hold : lock) {
        if (largest != null && hold.token() < largest.token()) {
          decreases.add(new Violation(largest, hold));
        }
        if (largest == null || hold.token() > largest.token()) {
          largest = hold;
        }
      }
    }
    return decreases;
  }

  /** Every pair of holds of one lock whose intervals intersect. */
  List<Violation> overlaps() {
    List<Violation> overlaps = new ArrayList<>();
    for (List<Hold> lock : byLock().values()) {
      for (int i = 0; i < lock.size(); i++) {
        Hold earlier = lock.get(i);
        // Sorted by acquisition, so only holds acquired before this one is released can overlap it.
        for (int j = i + 1; j < lock.size() && lock.get(j).acquired() < earlier.released(); j++) {
          overlaps.add(new Violation(earlier, lock.get(j)));
        }
      }
    }
    return overlaps;
  }

  /** Whether no token repeats, none decreases and no two holds of a lock overlap. */
  boolean isClean() {
    return repeats().isEmpty() && decreases().isEmpty() && overlaps().isEmpty();
  }

  /** The tokens of each lock per process, in acquisition order, such as {@code lock: a=[1, 2] b=[3]}. */
  String tokens() {
    return byLock().entrySet().stream()
        .map(lock -> lock.getKey() + ": " + lock.getValue().stream().collect(Collectors.groupingBy(Hold::process,
            TreeMap::new, Collectors.mapping(Hold::token, Collectors.toList()))))
        .collect(Collectors.joining("; "));
  }

  /** A summary for failure messages and measurements. */
  String describe() {
    return holds().size() + " holds, " + repeatedTokens() + " tokens repeated (" + repeats().size()
        + " repeat issues), " + decreases().size() + " decreases, " + overlaps().size()
        + " overlapping pairs; tokens: " + tokens();
  }

  private Map<String, List<Hold>> byLock() {
    Map<String, List<Hold>> byLock = new LinkedHashMap<>();
    for (Hold hold : holds()) {
      byLock.computeIfAbsent(hold.lock(), lock -> new ArrayList<>()).add(hold);
    }
    return byLock;
  }
}
