package io.sharedobjects.hazelcast;

import com.hazelcast.core.HazelcastInstance;

/**
 * What one {@link HazelcastSharedObjects} sees at one moment, for health checks ({@link
 * HazelcastSharedObjects#status()}). Read from what the instance already holds (its member list, its
 * client's connection state, its lifecycle): no remote call, so reading it never waits. The member list is
 * this process's view: after a split, Hazelcast drops the unreachable members from it only once its
 * heartbeat timeout has passed. Immutable.
 *
 * @param client whether the instance is a Hazelcast client rather than a member
 * @param wrapped whether it wraps an instance the application started (and will shut down itself)
 * @param clusterName the cluster name in use
 * @param reachable whether the cluster can be reached now: the instance is open and running, and a client
 *     is connected (a member reaches at least itself)
 * @param membersSeen how many members this process sees, including itself if it is one; 0 when not reachable
 * @param clusterSize the declared cluster size ({@link HazelcastSharedObjectsBuilder#clusterSize}), 0 if none
 * @param lockBackend the lock backend chosen, or {@link LockBackend#AUTO} while no lock has probed it yet
 */
public record SharedObjectsStatus(
    boolean client,
    boolean wrapped,
    String clusterName,
    boolean reachable,
    int membersSeen,
    int clusterSize,
    LockBackend lockBackend) {

  /** The members a majority of the declared cluster is, {@code clusterSize / 2 + 1}; 1 when none is declared. */
  public int majority() {
    return clusterSize > 1 ? Quorum.majority(clusterSize) : 1;
  }

  /** Whether this process sees a majority of the declared cluster (always, with none declared, once reachable). */
  public boolean hasQuorum() {
    return reachable && membersSeen >= majority();
  }

  /** Reads the status of an instance; {@code chosen} is the lock backend chosen so far, or null. */
  static SharedObjectsStatus read(ObjectContext context, ConnectionState connection, boolean owned,
      LockBackend chosen) {
    HazelcastInstance instance = context.instance();
    boolean reachable = !context.open().isClosed() && instance.getLifecycleService().isRunning()
        && (!context.client() || connection.isConnected());
    int members = reachable ? instance.getCluster().getMembers().size() : 0;
    LockBackend backend = chosen != null ? chosen : context.settings().lockBackend();
    return new SharedObjectsStatus(context.client(), !owned, context.settings().clusterName(), reachable,
        members, context.settings().clusterSize(), backend);
  }
}
