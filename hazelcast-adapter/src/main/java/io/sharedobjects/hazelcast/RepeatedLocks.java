package io.sharedobjects.hazelcast;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import java.util.Set;

/**
 * Key locks that a member's departure may have taken twice. A lock request sent to a member that then
 * leaves is sent again, by Hazelcast, to the partition's new owner; when the first one had been applied
 * and copied to that owner's backup already, the second is taken for a reentrant lock of the same owner
 * and the cluster counts two holds. One unlock then leaves the key locked by its owner, which alone can
 * lock it again, with nobody else granted it while the owner lives (seen once in a partition test: the
 * majority's other member was never granted the lock again). Mutual exclusion holds; progress does not.
 *
 * <p>So each acquisition keeps the members the cluster had when it started ({@link #members}), and its
 * release, when one of them has left since ({@link #memberLeftSince}), unlocks again until the cluster
 * answers that the owner holds nothing ({@link #unlockRest}). On a member the member list changes before
 * the requests to the departed member are sent again, so the release always sees the departure. A client
 * sends nothing again (Hazelcast's client retries only with its "redo operation" setting, which this
 * library leaves off), so its locks are never taken twice this way. The cost: reading the member list at
 * each fresh acquisition, and one more {@code unlock} only for holds that lived through a departure.
 */
final class RepeatedLocks {

  /**
   * The most holds one acquisition can have become: one per time it was sent, and Hazelcast sends an
   * invocation at most a few times before failing it; more unlocks than this are never tried.
   */
  static final int MAX_EXTRA_UNLOCKS = 8;

  private RepeatedLocks() {}

  /**
   * The members of the cluster now, as this process sees them: kept by an acquisition when it starts. None
   * once the instance is shut down (the acquisition then fails as closed, by its own call).
   */
  static Set<Member> members(HazelcastInstance instance) {
    try {
      return instance.getCluster().getMembers();
    } catch (RuntimeException notActive) {
      return Set.of();
    }
  }

  /**
   * Whether a member of {@code before} has left the cluster since, so a lock request may have been applied
   * twice; false once the instance is shut down, as nothing can be unlocked through it any more.
   */
  static boolean memberLeftSince(HazelcastInstance instance, Set<Member> before) {
    if (before == null) {
      return false;
    }
    try {
      return !instance.getCluster().getMembers().containsAll(before);
    } catch (RuntimeException notActive) {
      return false;
    }
  }

  /**
   * Unlocks until the cluster refuses ({@link IllegalMonitorStateException}: this owner holds nothing),
   * at most {@value #MAX_EXTRA_UNLOCKS} times, and returns how many unlocks released something. Any other
   * failure is thrown: whether holds remain is then unknown.
   */
  static int unlockRest(Runnable unlock) {
    for (int released = 0; released < MAX_EXTRA_UNLOCKS; released++) {
      try {
        unlock.run();
      } catch (IllegalMonitorStateException nothingLeft) {
        return released;
      }
    }
    return MAX_EXTRA_UNLOCKS;
  }
}
