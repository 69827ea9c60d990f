package io.sharedobjects.hazelcast;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import io.sharedobjects.NoQuorumException;
import java.util.List;
import java.util.Set;

/**
 * The majority rule of a declared cluster size ({@link HazelcastSharedObjectsBuilder#clusterSize}): a call
 * that needs it goes ahead only while this process sees at least {@code clusterSize / 2 + 1} members.
 *
 * <p>This check covers a split once Hazelcast has noticed it (the members' heartbeat timeout). Before that,
 * each side still sees every member, and what keeps the minority from granting is that a write must be
 * confirmed by a majority of the replicas of its partition (the internal maps hold {@code clusterSize / 2}
 * synchronous backups, and an unconfirmed write fails instead of being reported done), and that members
 * refuse the library's internal map once they have not heard from a majority for a few seconds; see
 * {@link HazelcastConfigs}. The last matters while the minority drops the others from its view one at a time:
 * this check then still counts a majority, and a write whose backup was on a member already dropped needs
 * no confirmation. Several checks for one rule, because none covers the whole of a partition alone.
 */
final class Quorum {

  /** No cluster size declared: every call goes ahead. */
  static final Quorum NONE = new Quorum(null, 0);

  private final HazelcastInstance instance;
  private final int clusterSize;
  private final int required;

  private Quorum(HazelcastInstance instance, int clusterSize) {
    this.instance = instance;
    this.clusterSize = clusterSize;
    this.required = clusterSize / 2 + 1;
  }

  /** The rule for {@code instance}: none when the cluster size is not declared or is 1. */
  static Quorum of(HazelcastInstance instance, int clusterSize) {
    return clusterSize > 1 ? new Quorum(instance, clusterSize) : NONE;
  }

  /** How many members a majority of a cluster of {@code clusterSize} is. */
  static int majority(int clusterSize) {
    return clusterSize / 2 + 1;
  }

  boolean declared() {
    return this != NONE;
  }

  /**
   * Returns if this process sees a majority of the declared cluster.
   *
   * @throws NoQuorumException naming {@code what}, the members seen and the number required, if not
   */
  void check(String what) {
    if (this == NONE) {
      return;
    }
    Set<Member> members = instance.getCluster().getMembers();
    if (members.size() < required) {
      throw refused(what, members, null);
    }
  }

  /** The refusal of {@code what}, for a check of this process or a member's split-brain protection. */
  NoQuorumException refused(String what, RuntimeException cause) {
    return refused(what, instance.getCluster().getMembers(), cause);
  }

  private NoQuorumException refused(String what, Set<Member> members, RuntimeException cause) {
    List<String> seen = members.stream()
        .map(member -> member.getAddress().getHost() + ":" + member.getAddress().getPort())
        .sorted()
        .toList();
    return new NoQuorumException(what, seen, required, clusterSize, cause);
  }
}
