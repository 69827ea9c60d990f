package io.sharedobjects.hazelcast;

/**
 * What becomes of the dicts and lists written on both sides of a network partition when it heals and the
 * smaller side's members rejoin the larger side's cluster (Hazelcast's split-brain merge). Applies to
 * members this library starts; a member started elsewhere uses its own configuration.
 *
 * <p>The library's own state (lock fencing counters, shared values and counters) always keeps the larger
 * side's entries whatever is chosen here, so fencing tokens and counters never go back after a merge.
 */
public enum MergePolicy {

  /**
   * The larger side's entries win; a dict key or a whole list that exists only on the smaller side is
   * added. A write made on the smaller side to a key the larger side also has is lost at the merge,
   * silently. Hazelcast's default ({@code PutIfAbsentMergePolicy}).
   */
  LARGER_SIDE_WINS("com.hazelcast.spi.merge.PutIfAbsentMergePolicy"),

  /**
   * The smaller side's entries win: every dict key and list the smaller side has replaces the larger
   * side's ({@code PassThroughMergePolicy}). Writes made on the larger side during the split to those keys
   * are lost.
   */
  SMALLER_SIDE_WINS("com.hazelcast.spi.merge.PassThroughMergePolicy"),

  /**
   * Everything the smaller side has is dropped at the merge, keys only it has included
   * ({@code DiscardMergePolicy}): the cluster continues with the larger side's data alone.
   */
  DISCARD_SMALLER_SIDE("com.hazelcast.spi.merge.DiscardMergePolicy");

  private final String hazelcastPolicy;

  MergePolicy(String hazelcastPolicy) {
    this.hazelcastPolicy = hazelcastPolicy;
  }

  /** The class name of Hazelcast's merge policy this stands for. */
  public String hazelcastPolicy() {
    return hazelcastPolicy;
  }
}
