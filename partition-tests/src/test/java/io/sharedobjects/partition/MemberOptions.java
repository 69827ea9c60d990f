package io.sharedobjects.partition;

import io.sharedobjects.hazelcast.HazelcastSharedObjectsBuilder;
import io.sharedobjects.hazelcast.MergePolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The partition settings of the builder that a {@link PartitionMember} is started with, passed from the test
 * to the member JVM as {@code key=value} arguments: {@link #NONE} is the library's defaults, the "no cluster
 * size declared" case.
 *
 * @param clusterSize {@link HazelcastSharedObjectsBuilder#clusterSize}, 0 for none declared
 * @param majorityForData {@link HazelcastSharedObjectsBuilder#majorityForData}
 * @param confirmedWrites {@link HazelcastSharedObjectsBuilder#confirmedWrites}
 * @param mergePolicy {@link HazelcastSharedObjectsBuilder#mergePolicy}
 */
record MemberOptions(int clusterSize, boolean majorityForData, boolean confirmedWrites, MergePolicy mergePolicy) {

  /** The builder's defaults: no cluster size, data without a majority, Hazelcast's write acknowledgement. */
  static final MemberOptions NONE = new MemberOptions(0, false, false, MergePolicy.LARGER_SIDE_WINS);

  MemberOptions {
    Objects.requireNonNull(mergePolicy, "mergePolicy");
  }

  /** These options with a declared cluster size. */
  MemberOptions withClusterSize(int size) {
    return new MemberOptions(size, majorityForData, confirmedWrites, mergePolicy);
  }

  /** These options with dicts and lists needing a majority too. */
  MemberOptions withMajorityForData() {
    return new MemberOptions(clusterSize, true, confirmedWrites, mergePolicy);
  }

  /** These options with writes failed rather than reported done when their backup did not confirm them. */
  MemberOptions withConfirmedWrites() {
    return new MemberOptions(clusterSize, majorityForData, true, mergePolicy);
  }

  /** The member JVM's arguments for these options. */
  List<String> arguments() {
    return List.of("clusterSize=" + clusterSize, "majorityForData=" + majorityForData,
        "confirmedWrites=" + confirmedWrites, "mergePolicy=" + mergePolicy.name());
  }

  /** The options of {@link #arguments()}; an option left out keeps its value of {@link #NONE}. */
  static MemberOptions parse(List<String> arguments) {
    int clusterSize = NONE.clusterSize();
    boolean majorityForData = NONE.majorityForData();
    boolean confirmedWrites = NONE.confirmedWrites();
    MergePolicy mergePolicy = NONE.mergePolicy();
    for (String argument : arguments) {
      int equals = argument.indexOf('=');
      String value = argument.substring(equals + 1);
      switch (equals < 0 ? argument : argument.substring(0, equals)) {
        case "clusterSize" -> clusterSize = Integer.parseInt(value);
        case "majorityForData" -> majorityForData = Boolean.parseBoolean(value);
        case "confirmedWrites" -> confirmedWrites = Boolean.parseBoolean(value);
        case "mergePolicy" -> mergePolicy = MergePolicy.valueOf(value);
        default -> throw new IllegalArgumentException("unknown member option '" + argument + "'; known: "
            + new ArrayList<>(NONE.arguments()));
      }
    }
    return new MemberOptions(clusterSize, majorityForData, confirmedWrites, mergePolicy);
  }

  /** Sets these options on a builder. */
  HazelcastSharedObjectsBuilder applyTo(HazelcastSharedObjectsBuilder builder) {
    return builder.clusterSize(clusterSize).majorityForData(majorityForData).confirmedWrites(confirmedWrites)
        .mergePolicy(mergePolicy);
  }

  @Override
  public String toString() {
    return String.join(" ", arguments());
  }
}
