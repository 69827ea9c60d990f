package io.sharedobjects.hazelcast;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The options of one {@link HazelcastSharedObjects}, fixed at start.
 *
 * @param clusterSize the declared number of members, 0 when none is declared
 * @param observer told of calls, creations and lock times, for metrics; null for none
 */
record Settings(
    String clusterName,
    String bindAddress,
    int port,
    List<String> members,
    Duration connectTimeout,
    LockBackend lockBackend,
    Duration lockLease,
    Duration ownerCleanupTimeout,
    long maxValueSize,
    Consumer<? super Config> memberCustomizer,
    Consumer<? super ClientConfig> clientCustomizer,
    List<String> nearCachedDicts,
    int clusterSize,
    boolean majorityForData,
    boolean confirmedWrites,
    MergePolicy mergePolicy,
    SharedObjectsObserver observer) {

  static final String DEFAULT_CLUSTER_NAME = "shared-objects";
  static final String LOOPBACK = "127.0.0.1";
  static final int DEFAULT_PORT = 5701;
  static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration DEFAULT_OWNER_CLEANUP_TIMEOUT =
      Duration.ofMillis(Long.parseLong(MemberProperties.ALL.get(MemberProperties.CLIENT_CLEANUP_TIMEOUT)));

  /** These settings with another cluster name (that of a wrapped instance). */
  Settings withClusterName(String name) {
    return new Settings(name, bindAddress, port, members, connectTimeout, lockBackend, lockLease,
        ownerCleanupTimeout, maxValueSize, memberCustomizer, clientCustomizer, nearCachedDicts, clusterSize,
        majorityForData, confirmedWrites, mergePolicy, observer);
  }

  /** Whether a write must be confirmed by its backups to be reported done: asked for, or needed by a cluster size. */
  boolean writesMustBeConfirmed() {
    return confirmedWrites || clusterSize > 1;
  }
}
