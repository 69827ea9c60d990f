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
 * @param sealing the authKey's sealing of every item written, null for none
 * @param unauthenticated whether the program opted out of needing an authKey across machines
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
    SharedObjectsObserver observer,
    Sealing sealing,
    boolean unauthenticated) {

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
        majorityForData, confirmedWrites, mergePolicy, observer, sealing, unauthenticated);
  }

  /**
   * Fails unless this process may reach beyond this machine ({@code where}: "a member bound to 10.0.0.5"):
   * with an authKey, or after an explicit {@link HazelcastSharedObjectsBuilder#unauthenticated()}.
   *
   * @throws IllegalArgumentException without either
   */
  void requireAuthKeyFor(String where) {
    if (sealing == null && !unauthenticated) {
      throw new IllegalArgumentException("shared-objects: " + where + " can be reached from other machines, and"
          + " open-source Hazelcast authenticates no one: without an authKey anyone who reaches it reads and"
          + " changes everything. Give every process the same key (authKey(...) on the builder,"
          + " shared-objects.auth-key, or SHARED_OBJECTS_AUTH_KEY), or, on a network you trust, opt out with"
          + " unauthenticated() (shared-objects.unauthenticated=true). See docs/security.md.");
    }
  }

  /** Whether a write must be confirmed by its backups to be reported done: asked for, or needed by a cluster size. */
  boolean writesMustBeConfirmed() {
    return confirmedWrites || clusterSize > 1;
  }
}
