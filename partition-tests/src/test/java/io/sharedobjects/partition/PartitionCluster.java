package io.sharedobjects.partition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Three {@link PartitionMember} JVMs, one per loopback address 127.0.0.11, .12 and .13 (all on port 5701;
 * on Linux the whole of 127.0.0.0/8 answers on the loopback interface), forming one cluster of a unique
 * name; {@link #close()} kills them.
 *
 * <p>Hazelcast looks for another cluster to merge with {@value #MERGE_FIRST_RUN_DELAY_SECONDS} s after a
 * member starts and every {@value #MERGE_NEXT_RUN_DELAY_SECONDS} s after that, instead of its defaults of
 * 300 s and 120 s: a healed split then merges within seconds, so a test can wait for it, while each look
 * (a connection attempt to each of three addresses) stays cheap. The first look also mends the rare start
 * where two members formed two clusters before seeing each other.
 */
final class PartitionCluster implements AutoCloseable {

  static final List<String> HOSTS = List.of("127.0.0.11", "127.0.0.12", "127.0.0.13");
  static final int PORT = 5701;
  static final int MERGE_FIRST_RUN_DELAY_SECONDS = 5;
  static final int MERGE_NEXT_RUN_DELAY_SECONDS = 3;

  private final List<MemberProcess> members;

  private PartitionCluster(List<MemberProcess> members) {
    this.members = members;
  }

  /** {@link #start(String, MemberOptions)} with the builder's defaults: no cluster size declared. */
  static PartitionCluster start(String testName) {
    return start(testName, MemberOptions.NONE);
  }

  /**
   * Starts the three members with these builder options, waits until each sees all three, and checks that
   * their {@code nanoTime} clocks are the test's (see {@link FenceHistory} on why the tests rely on that).
   */
  static PartitionCluster start(String testName, MemberOptions options) {
    String clusterName = testName + "-" + UUID.randomUUID().toString().substring(0, 8);
    List<String> addresses = HOSTS.stream().map(host -> host + ":" + PORT).toList();
    List<MemberProcess> started = new ArrayList<>();
    long startedAt = System.nanoTime();
    try {
      for (String host : HOSTS) {
        started.add(MemberProcess.start(clusterName, host, PORT, addresses, options,
            MERGE_FIRST_RUN_DELAY_SECONDS, MERGE_NEXT_RUN_DELAY_SECONDS));
      }
      for (MemberProcess member : started) {
        member.awaitReady(Duration.ofSeconds(90));
      }
      Measurements.record(testName + ": three member JVMs started, in", Duration.ofNanos(System.nanoTime() - startedAt));
      PartitionCluster cluster = new PartitionCluster(List.copyOf(started));
      Duration formed = cluster.awaitViews("every member sees all three", cluster.allSeeing(started),
          Duration.ofSeconds(60));
      Measurements.record(testName + ": every member saw all three, after the last had started", formed);
      started.forEach(PartitionCluster::checkClock);
      return cluster;
    } catch (RuntimeException | Error e) {
      closeAll(started, e);
      throw e;
    }
  }

  MemberProcess member(int index) {
    return members.get(index);
  }

  List<MemberProcess> members() {
    return members;
  }

  /** Each of {@code members} expected to see exactly {@code members}. */
  Map<MemberProcess, Set<String>> allSeeing(Collection<MemberProcess> side) {
    Set<String> addresses = new TreeSet<>();
    side.forEach(member -> addresses.add(member.address()));
    Map<MemberProcess, Set<String>> views = new LinkedHashMap<>();
    side.forEach(member -> views.put(member, addresses));
    return views;
  }

  /** Each side's members expected to see exactly their own side: the views of a confirmed cut. */
  Map<MemberProcess, Set<String>> split(Collection<MemberProcess> one, Collection<MemberProcess> other) {
    Map<MemberProcess, Set<String>> views = new LinkedHashMap<>(allSeeing(one));
    views.putAll(allSeeing(other));
    return views;
  }

  /**
   * Waits until every member's own view is the expected one, asking each member in turn, and returns how
   * long that took.
   */
  Duration awaitViews(String what, Map<MemberProcess, Set<String>> expected, Duration timeout) {
    long start = System.nanoTime();
    long last = awaitEachView(what, expected, timeout).values().stream().mapToLong(Long::longValue).max().orElse(start);
    return Duration.ofNanos(last - start);
  }

  /**
   * Waits until every member's own view is the expected one, asking each member in turn until its view is
   * (once it is, it is not asked again), and returns the {@code nanoTime} at which each was first seen so:
   * within about a tenth of a second of the moment the member's view changed.
   */
  Map<MemberProcess, Long> awaitEachView(String what, Map<MemberProcess, Set<String>> expected, Duration timeout) {
    Map<MemberProcess, Set<String>> seen = new LinkedHashMap<>();
    Map<MemberProcess, Long> seenAt = new LinkedHashMap<>();
    try {
      Await.until(what, timeout, () -> {
        for (Map.Entry<MemberProcess, Set<String>> entry : expected.entrySet()) {
          if (!seenAt.containsKey(entry.getKey())) {
            Set<String> view = entry.getKey().members();
            seen.put(entry.getKey(), view);
            if (view.equals(entry.getValue())) {
              seenAt.put(entry.getKey(), System.nanoTime());
            }
          }
        }
        return seenAt.size() == expected.size();
      });
      return seenAt;
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; last views seen: " + seen + ", expected: " + expected, e);
    }
  }

  /** Fails unless the member's {@code nanoTime}, read while the test waited, lies between two of the test's. */
  private static void checkClock(MemberProcess member) {
    long before = System.nanoTime();
    long theirs = Long.parseLong(member.ask("clock"));
    long after = System.nanoTime();
    if (theirs < before || theirs > after) {
      throw new IllegalStateException("System.nanoTime() of " + member + " (" + theirs + ") is not between the"
          + " test's before (" + before + ") and after (" + after + ") asking: the JVMs of this machine do not"
          + " share one monotonic clock, so hold intervals cannot be compared across processes");
    }
  }

  @Override
  public void close() {
    closeAll(members, null);
  }

  private static void closeAll(List<MemberProcess> members, Throwable pending) {
    RuntimeException failure = null;
    for (MemberProcess member : members) {
      try {
        member.close();
      } catch (RuntimeException e) {
        if (pending != null) {
          pending.addSuppressed(e);
        } else if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * A fresh name, {@code prefix-<uuid>}, that {@code fits} (say, whose partition a given member owns), tried
   * only once {@code asked} finds the cluster safe: right after the members met, the partitions may not have
   * moved to every member yet (seen once on CI: none of 200 names was on the member to be killed), and a
   * partition that moves later would leave the name's owner other than the test's. Tries names for up to a
   * minute, looking at the cluster's safety again between rounds.
   */
  static String nameWhere(MemberProcess asked, String prefix, Predicate<String> fits, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    int tried = 0;
    while (System.nanoTime() < deadline) {
      Await.until("the cluster is safe (no migration pending, backups in sync)", Duration.ofSeconds(60),
          () -> asked.ask("safe").equals("true"));
      for (int attempt = 0; attempt < 100; attempt++, tried++) {
        String name = prefix + "-" + UUID.randomUUID();
        if (fits.test(name)) {
          return name;
        }
      }
    }
    throw new AssertionError("no name out of " + tried + ", tried for 60 s, " + what);
  }
}
