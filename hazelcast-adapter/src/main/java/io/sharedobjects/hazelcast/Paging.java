package io.sharedobjects.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.PartitionService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How the iterators of dicts and lists page: at most {@link #PAGE_SIZE} entries or elements per round trip,
 * and for a dict, the groups of partitions that each hold about a page. One per {@link ObjectContext}.
 */
final class Paging {

  /**
   * The most entries or elements one round trip of an iteration fetches: a dict or list of at most this many
   * is read in one round trip (after one to read its size), as raw Hazelcast iteration reads any; a larger
   * one in pages of about this many, so memory stays bounded for any size. A dict's page is a query on the
   * members, which costs far more than a plain round trip, so pages are large.
   */
  static final int PAGE_SIZE = 16_384;

  private final HazelcastInstance instance;
  /** For each partition id, a key in that partition; found once, on the first paged iteration. */
  private volatile Object[] partitionKeys;

  Paging(HazelcastInstance instance) {
    this.instance = instance;
  }

  /**
   * Partition keys in groups for paging through a map of {@code size} entries spread over the partitions,
   * each group holding about {@link #PAGE_SIZE} entries. Null when the partition table is not known yet.
   */
  List<Set<Object>> partitionGroups(int size) {
    Object[] keys = partitionKeys();
    if (keys == null) {
      return null;
    }
    int partitions = keys.length;
    int count = (int) Math.max(1, Math.floor(PAGE_SIZE / (Math.max(1, size) / (double) partitions)));
    List<Set<Object>> groups = new ArrayList<>();
    for (int start = 0; start < partitions; start += count) {
      groups.add(new HashSet<>(Arrays.asList(keys).subList(start, Math.min(partitions, start + count))));
    }
    return groups;
  }

  private Object[] partitionKeys() {
    Object[] keys = partitionKeys;
    if (keys != null) {
      return keys;
    }
    PartitionService partitionService = instance.getPartitionService();
    int count = partitionService.getPartitions().size();
    if (count == 0) {
      return null;
    }
    keys = new Object[count];
    int found = 0;
    // Integers spread evenly over the partitions: a few times the partition count covers them all.
    for (int candidate = 0; found < count && candidate < count * 1_000; candidate++) {
      int partition = partitionService.getPartition(candidate).getPartitionId();
      if (partition < count && keys[partition] == null) {
        keys[partition] = candidate;
        found++;
      }
    }
    if (found < count) {
      return null;
    }
    partitionKeys = keys;
    return keys;
  }
}
