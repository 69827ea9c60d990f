package io.sharedobjects.benchmarks;

import com.hazelcast.cluster.Address;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.instance.impl.HazelcastInstanceProxy;
import com.hazelcast.internal.partition.InternalPartition;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import io.sharedobjects.hazelcast.HazelcastSharedObjectsBuilder;
import io.sharedobjects.testing.StockHazelcastMember;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A cluster of three embedded members in this JVM, each started by the library's builder with the same
 * options (so with the member configuration those options give), and the process a benchmark measures:
 * the first member itself ({@code embedded}) or a client of all three ({@code client}). Three, because
 * synchronous backups, and a declared cluster size of three, need other members; in this JVM, so that two
 * such clusters with different options can be measured call by call in one fork. Their members share this
 * JVM's CPUs with the caller, alike for both.
 */
final class ThreeMemberCluster implements AutoCloseable {

  static final int MEMBERS = 3;

  /** The pairs of a primary and a backup member a partition can have: 3 x 2. */
  static final int PLACEMENTS = MEMBERS * (MEMBERS - 1);

  /** Hazelcast logs every step at INFO, which JMH would print between results. Held so the level stays set. */
  private static final List<Logger> QUIET =
      List.of(Logger.getLogger("com.hazelcast"), Logger.getLogger("io.sharedobjects"));

  private final List<HazelcastSharedObjects> members;
  private final HazelcastSharedObjects caller;

  private ThreeMemberCluster(List<HazelcastSharedObjects> members, HazelcastSharedObjects caller) {
    this.members = members;
    this.caller = caller;
  }

  /**
   * Starts the members with {@code options} applied to each one's builder, waits until every partition
   * has its owner and backup, and connects the caller: {@code backend} is {@code embedded} or {@code client}.
   */
  static ThreeMemberCluster start(String backend, UnaryOperator<HazelcastSharedObjectsBuilder> options) {
    QUIET.forEach(logger -> logger.setLevel(Level.WARNING));
    String cluster = "bench-" + UUID.randomUUID();
    List<String> addresses = new ArrayList<>();
    for (int i = 0; i < MEMBERS; i++) {
      addresses.add("127.0.0.1:" + StockHazelcastMember.freePort());
    }
    List<CompletableFuture<HazelcastSharedObjects>> starts = new ArrayList<>();
    for (String address : addresses) {
      int port = Integer.parseInt(address.substring(address.indexOf(':') + 1));
      starts.add(CompletableFuture.supplyAsync(() -> options.apply(HazelcastSharedObjects.builder())
          .clusterName(cluster).port(port).members(addresses.toArray(String[]::new)).embedded()));
    }
    List<HazelcastSharedObjects> members = new ArrayList<>();
    try {
      for (CompletableFuture<HazelcastSharedObjects> start : starts) {
        members.add(start.join());
      }
      awaitSafe(members.get(0).hazelcastInstance());
      HazelcastSharedObjects caller = switch (backend) {
        case "embedded" -> members.get(0);
        case "client" -> options.apply(HazelcastSharedObjects.builder()).clusterName(cluster)
            .client(addresses.toArray(String[]::new));
        default -> throw new IllegalArgumentException("Unknown backend: " + backend);
      };
      return new ThreeMemberCluster(members, caller);
    } catch (RuntimeException e) {
      // Members left running would keep the fork's JVM from exiting.
      starts.forEach(start -> start.thenAccept(HazelcastSharedObjects::close));
      throw e;
    }
  }

  /** Waits until the cluster has three members and every partition its owner and backup. */
  private static void awaitSafe(HazelcastInstance member) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (member.getCluster().getMembers().size() < MEMBERS
        // Asking for an owner assigns the partitions, the first time.
        || member.getPartitionService().getPartitions().stream().anyMatch(partition -> partition.getOwner() == null)
        || !member.getPartitionService().isClusterSafe()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("The three members did not form a safe cluster within 120 s");
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** The process measured: the first member, or a client. */
  HazelcastSharedObjects caller() {
    return caller;
  }

  /**
   * {@code count} keys from {@link Data#KEY} (a multiple of {@link #PLACEMENTS}), the i-th in placement
   * {@code i % PLACEMENTS}: each side of a comparison then writes to each pair of primary and backup
   * members, the caller's own among them, equally often.
   */
  Integer[] keysPlacedInTurn(int count) {
    List<List<Integer>> byPlacement = new ArrayList<>();
    for (int i = 0; i < PLACEMENTS; i++) {
      byPlacement.add(new ArrayList<>());
    }
    for (Integer key : Data.KEY) {
      List<Integer> placed = byPlacement.get(placement(key));
      if (placed.size() < count / PLACEMENTS) {
        placed.add(key);
      }
    }
    Integer[] keys = new Integer[count];
    for (int i = 0; i < count; i++) {
      keys[i] = byPlacement.get(i % PLACEMENTS).get(i / PLACEMENTS);
    }
    return keys;
  }

  /**
   * {@link #PLACEMENTS} names of lists or locks, the i-th in placement {@code i} (a list's partition
   * follows its name, a lock's its key).
   */
  String[] namesPlacedInTurn(String prefix) {
    String[] names = new String[PLACEMENTS];
    int found = 0;
    for (int n = 0; found < PLACEMENTS; n++) {
      String name = prefix + "-" + n;
      int placement = placement(name);
      if (names[placement] == null) {
        names[placement] = name;
        found++;
      }
    }
    return names;
  }

  /**
   * Which member holds the primary copy of {@code key}'s partition and which its backup, as one number from
   * 0 to 5: twice the primary's index plus the backup's rank among the other two (members numbered in start
   * order). Read from Hazelcast's internal partition table: the public API names the primary only.
   */
  private int placement(Object key) {
    HazelcastInstance first = members.get(0).hazelcastInstance();
    int partitionId = first.getPartitionService().getPartition(key).getPartitionId();
    InternalPartition partition = ((HazelcastInstanceProxy) first).getOriginal().node.getPartitionService()
        .getPartition(partitionId);
    int primary = memberIndex(partition.getReplica(0).address());
    int backup = memberIndex(partition.getReplica(1).address());
    return primary * (MEMBERS - 1) + (backup < primary ? backup : backup - 1);
  }

  private int memberIndex(Address address) {
    for (int i = 0; i < MEMBERS; i++) {
      if (members.get(i).hazelcastInstance().getCluster().getLocalMember().getAddress().equals(address)) {
        return i;
      }
    }
    throw new IllegalStateException("No member of this cluster is at " + address);
  }

  @Override
  public void close() {
    // Members closing one after another log each other's departure as warnings, between JMH's results.
    QUIET.forEach(logger -> logger.setLevel(Level.SEVERE));
    if (caller != members.get(0)) {
      caller.close();
    }
    members.forEach(HazelcastSharedObjects::close);
  }
}
