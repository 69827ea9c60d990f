package io.sharedobjects.hazelcast;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import io.sharedobjects.ClusterUnavailableException;
import io.sharedobjects.SharedObjects;
import io.sharedobjects.ValueTooLargeException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Options for {@link HazelcastSharedObjects}; each setter returns this builder, and {@link #embedded()} or
 * {@link #client(String...)} starts the instance. Not thread-safe.
 */
public final class HazelcastSharedObjectsBuilder {
  private String clusterName = Settings.DEFAULT_CLUSTER_NAME;
  private String bindAddress = Settings.LOOPBACK;
  private int port = Settings.DEFAULT_PORT;
  private List<String> members = List.of();
  private Duration connectTimeout = Settings.DEFAULT_CONNECT_TIMEOUT;
  private LockBackend lockBackend = LockBackend.AUTO;
  private Duration lockLease;
  private List<String> nearCachedDicts = List.of();
  private Duration ownerCleanupTimeout = Settings.DEFAULT_OWNER_CLEANUP_TIMEOUT;
  private long maxValueSize = SharedObjects.DEFAULT_MAX_VALUE_SIZE;
  private Consumer<? super Config> memberCustomizer = config -> {};
  private Consumer<? super ClientConfig> clientCustomizer = config -> {};
  private int clusterSize;
  private boolean majorityForData;
  private boolean confirmedWrites;
  private MergePolicy mergePolicy = MergePolicy.LARGER_SIDE_WINS;
  private SharedObjectsObserver observer;
  private Sealing sealing;
  private Sealing previousSealing;
  private Sealing nextSealing;
  private boolean unauthenticated;

  HazelcastSharedObjectsBuilder() {}

  /** The cluster to form or join; default {@code "shared-objects"}. Use distinct names to keep clusters apart. */
  public HazelcastSharedObjectsBuilder clusterName(String clusterName) {
    if (clusterName == null || clusterName.isBlank()) {
      throw new IllegalArgumentException("clusterName must not be blank");
    }
    this.clusterName = clusterName;
    return this;
  }

  /**
   * Embedded only: the first port to try (default 5701; the next 19 are tried if taken). {@code 0} lets
   * the system pick a free port; such a member finds others only through {@link #members(String...)}.
   */
  public HazelcastSharedObjectsBuilder port(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0 to 65535, was " + port);
    }
    this.port = port;
    return this;
  }

  /**
   * Embedded only: the address to listen on; default 127.0.0.1, which keeps the member unreachable from
   * other machines. Any other address exposes an unauthenticated member to that network: read
   * docs/security.md first.
   */
  public HazelcastSharedObjectsBuilder bindAddress(String bindAddress) {
    this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
    return this;
  }

  /** Embedded only: other members to join ({@code "host:port"}); default: the bind address on the next ports. */
  public HazelcastSharedObjectsBuilder members(String... members) {
    this.members = List.of(members); // List.of rejects null elements
    return this;
  }

  /**
   * How long a client waits to connect at start, to reconnect before a call, and for each call's answer,
   * before failing with {@link ClusterUnavailableException}; default 10 s.
   */
  public HazelcastSharedObjectsBuilder connectTimeout(Duration connectTimeout) {
    if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("connectTimeout must be positive");
    }
    this.connectTimeout = connectTimeout;
    return this;
  }

  /** Which structure backs locks; default {@link LockBackend#AUTO}. */
  public HazelcastSharedObjectsBuilder lockBackend(LockBackend lockBackend) {
    this.lockBackend = Objects.requireNonNull(lockBackend, "lockBackend");
    return this;
  }

  /**
   * {@link LockBackend#MAP} only: release a lock automatically this long after it was taken, even if its
   * owner is alive and still working. Off by default, because a lease can expire under a slow holder; use
   * fencing tokens if you turn it on.
   */
  public HazelcastSharedObjectsBuilder lockLease(Duration lockLease) {
    if (lockLease != null && (lockLease.isNegative() || lockLease.isZero())) {
      throw new IllegalArgumentException("lockLease must be positive, or null for no lease; was " + lockLease);
    }
    this.lockLease = lockLease;
    return this;
  }

  /**
   * Embedded only: how long a dead client's locks outlive the closing of its connection ({@code
   * hazelcast.client.cleanup.timeout.millis}, checked every second); default 5 s, so they are released
   * within 6 s. Hazelcast 5.7.0 reads this value 1000 times too short (hazelcast/hazelcast#26616), so on
   * that version the locks go at the first check after the disconnection, whatever is set here: do not
   * count on it as a grace period for a client to reconnect.
   */
  public HazelcastSharedObjectsBuilder ownerCleanupTimeout(Duration timeout) {
    if (timeout == null || timeout.isNegative()) {
      throw new IllegalArgumentException("ownerCleanupTimeout must be zero or positive; was " + timeout);
    }
    this.ownerCleanupTimeout = timeout;
    return this;
  }

  /**
   * The largest serialized size, in bytes, of one key, value or element; a larger one fails with {@link
   * ValueTooLargeException} before it is sent. Default {@link SharedObjects#DEFAULT_MAX_VALUE_SIZE}
   * (16 MiB). Hazelcast itself has no such limit, but each value is held whole in a member's heap, with
   * its backup and transient copies, so a few values of a hundred megabytes can exhaust a member. Raise it
   * only with members sized for it; every process checks its own setting when it writes.
   */
  public HazelcastSharedObjectsBuilder maxValueSize(long bytes) {
    if (bytes <= 0) {
      throw new IllegalArgumentException("maxValueSize must be positive, was " + bytes);
    }
    this.maxValueSize = bytes;
    return this;
  }

  /**
   * Embedded only: changes the member configuration after this builder has filled it in, just before the
   * member starts; for what the builder does not cover, such as Hazelcast Enterprise security and TLS,
   * map settings, or other network settings. Whatever it opens (multicast, other interfaces, ...) is
   * logged as a warning at start. Default: no change.
   */
  public HazelcastSharedObjectsBuilder configureMember(Consumer<? super Config> customizer) {
    this.memberCustomizer = Objects.requireNonNull(customizer, "customizer");
    return this;
  }

  /**
   * Client only: changes the client configuration after this builder has filled it in, just before the
   * client starts; for example to add Enterprise credentials and TLS settings. Default: no change.
   */
  public HazelcastSharedObjectsBuilder configureClient(Consumer<? super ClientConfig> customizer) {
    this.clientCustomizer = Objects.requireNonNull(customizer, "customizer");
    return this;
  }

  /**
   * Serves reads of the dicts whose names match these patterns from a near cache in this process: a
   * read-mostly dict is then read at memory speed instead of one round trip per read. A pattern is a dict
   * name in which one {@code *} may stand for any characters ({@code "prices"}, {@code "config.*"},
   * {@code "*"}); each call replaces the previous patterns; none by default.
   *
   * <p><b>Consistency:</b> near-cached reads ({@code get}, {@code getOrDefault}, {@code containsKey},
   * {@code getAll}, {@code getAsync}) are eventually consistent. A write through this instance invalidates
   * its own near cache at once, so this process reads its own writes; a write by another process reaches
   * this near cache as an invalidation event, so a read may return the previous value until then: until the
   * event arrives on members this library starts (which send invalidations at once), up to 10 s on members
   * with Hazelcast's default batching ({@code hazelcast.map.invalidation.batchfrequency.seconds}), and if
   * an event is lost, until Hazelcast's reconciliation (every 60 s) notices. Everything else on the dict
   * (writes, the {@code ConcurrentMap} methods such as {@code putIfAbsent}, {@code compute} and
   * {@code merge}, iteration and {@code size}) goes to the cluster and stays atomic and current.
   *
   * <p>Values read are still copies: the near cache keeps serialized bytes (Hazelcast's BINARY format)
   * and every read deserializes a new object. It holds at most 10,000 entries per dict (least recently
   * used go first). Applies to embedded members and clients started by this builder; for
   * {@link #wrap(HazelcastInstance)}, configure Hazelcast's {@code NearCacheConfig} yourself.
   *
   * @throws IllegalArgumentException if a pattern is not a valid name with at most one {@code *}
   */
  public HazelcastSharedObjectsBuilder nearCache(String... dictNamePatterns) {
    List<String> patterns = List.of(dictNamePatterns);
    patterns.forEach(DictNamePatterns::validate);
    this.nearCachedDicts = patterns;
    return this;
  }

  /**
   * How many members the cluster is meant to have; makes it safe under network partitions. With a size of
   * 2 or more, every lock acquisition, unlock and fencing-token draw (and every call of the synchronizers)
   * needs a majority, {@code members / 2 + 1}: a process that sees fewer members fails the call with
   * {@link io.sharedobjects.NoQuorumException}, and a write the majority of its partition's replicas did not
   * confirm fails instead of being reported done ({@link #confirmedWrites} is implied). So at most one side
   * of a split grants a lock, and fencing tokens never repeat or go back. Members this library starts keep
   * {@code members / 2} synchronous backups of its internal state and refuse such calls themselves once they
   * see the split. Set the same size in every process. Default: none declared (0), and each side of a
   * partition may grant the same lock: see docs/guarantees.md.
   *
   * @throws IllegalArgumentException unless 0 (none declared) or 1 to 13 (Hazelcast keeps at most 6 backups)
   */
  public HazelcastSharedObjectsBuilder clusterSize(int members) {
    if (members < 0 || members > 13) {
      throw new IllegalArgumentException("clusterSize must be 1 to 13 members (or 0 for none declared), was " + members);
    }
    this.clusterSize = members;
    return this;
  }

  /**
   * With {@link #clusterSize}: dicts and lists need a majority too, for reads and writes, so the smaller
   * side of a partition refuses them ({@link io.sharedobjects.NoQuorumException}) instead of serving data
   * that the merge will overwrite. Default false: data stays available on both sides.
   */
  public HazelcastSharedObjectsBuilder majorityForData(boolean required) {
    this.majorityForData = required;
    return this;
  }

  /**
   * Whether a write is reported done only once its backup confirmed it. Hazelcast's default (false) reports
   * a write done when its backup has not answered within 5 s, and such a write is lost if its primary dies
   * next; true fails it with {@link ClusterUnavailableException} instead (it may or may not have been
   * applied). Set on members this library starts and on its clients; members started elsewhere need
   * {@code hazelcast.operation.fail.on.indeterminate.state=true} themselves for their own writes. A client
   * collects the backups' confirmations itself, as by default, so a write costs the same either way; but a
   * member drops the confirmation for a client not connected to it, so with true a client's start waits
   * (within the connect timeout) until it is connected to every member, and its writes backed up on a member
   * that joined less than about a second before may fail. Always on with a {@link #clusterSize}. Default
   * false: docs/guarantees.md weighs the two.
   */
  public HazelcastSharedObjectsBuilder confirmedWrites(boolean confirmed) {
    this.confirmedWrites = confirmed;
    return this;
  }

  /**
   * What becomes of dicts and lists written on both sides of a partition when it heals; default
   * {@link MergePolicy#LARGER_SIDE_WINS}. Applies to members this library starts.
   */
  public HazelcastSharedObjectsBuilder mergePolicy(MergePolicy policy) {
    this.mergePolicy = Objects.requireNonNull(policy, "policy");
    return this;
  }

  /**
   * Tells {@code observer} of every call of this instance's objects, of their creation and of lock and
   * semaphore wait and hold times, for metrics (the Spring Boot starter sets a Micrometer one). With one,
   * locks and semaphores are handed out wrapped, to time them. Default: none, and nothing is timed.
   */
  public HazelcastSharedObjectsBuilder observer(SharedObjectsObserver observer) {
    this.observer = Objects.requireNonNull(observer, "observer");
    return this;
  }

  /**
   * Seals every key, value, element and queue item this process writes with authenticated encryption under
   * keys derived from {@code passphrase}, and verifies every item it reads before deserializing anything,
   * as Python's manager {@code authkey} keeps out processes without it. Every process that shares objects
   * needs the same key; a read of an item sealed with another key, with none, or altered in the cluster
   * fails with {@link io.sharedobjects.AuthKeyMismatchException}. The passphrase is stretched once per JVM
   * (PBKDF2, a fraction of a second) and never logged. See {@code docs/security.md}.
   *
   * @throws IllegalArgumentException if it is null or blank
   */
  public HazelcastSharedObjectsBuilder authKey(String passphrase) {
    this.sealing = Sealing.ofPassphrase(passphrase);
    return this;
  }

  /**
   * As {@link #authKey(String)}, with a raw key of at least 16 bytes (32 random bytes recommended), such as
   * one read from a secrets store; the array is copied.
   *
   * @throws IllegalArgumentException if it is null or shorter than 16 bytes
   */
  public HazelcastSharedObjectsBuilder authKey(byte[] key) {
    this.sealing = Sealing.ofKey(key);
    return this;
  }

  /**
   * Step 2 of rotating the authKey: {@code passphrase} is the key this process's {@link #authKey} replaces.
   * Items sealed with it are still read and found by key or element; everything this process writes is
   * sealed with the new key, and a dict entry or set element it reaches by key that the old key sealed is
   * moved to the new one. The steps, their costs and their limits are in {@code docs/security.md}.
   *
   * @throws IllegalArgumentException if it is null or blank
   */
  public HazelcastSharedObjectsBuilder previousAuthKey(String passphrase) {
    return previousSealing(Sealing.ofPassphrase(passphrase));
  }

  /**
   * As {@link #previousAuthKey(String)}, with a raw key of at least 16 bytes; the array is copied.
   *
   * @throws IllegalArgumentException if it is null or shorter than 16 bytes
   */
  public HazelcastSharedObjectsBuilder previousAuthKey(byte[] key) {
    return previousSealing(Sealing.ofKey(key));
  }

  /**
   * Step 1 of rotating the authKey: {@code passphrase} is the key that will replace this process's {@link
   * #authKey}. Items sealed with it, by processes already at step 2, are read and found by key or element;
   * everything this process writes is still sealed with its {@code authKey}. The steps are in {@code
   * docs/security.md}.
   *
   * @throws IllegalArgumentException if it is null or blank
   */
  public HazelcastSharedObjectsBuilder nextAuthKey(String passphrase) {
    return nextSealing(Sealing.ofPassphrase(passphrase));
  }

  /**
   * As {@link #nextAuthKey(String)}, with a raw key of at least 16 bytes; the array is copied.
   *
   * @throws IllegalArgumentException if it is null or shorter than 16 bytes
   */
  public HazelcastSharedObjectsBuilder nextAuthKey(byte[] key) {
    return nextSealing(Sealing.ofKey(key));
  }

  /** The sealing of a previous authKey already parsed ({@link SharedObjectsSpec}'s {@code previous-auth-key}). */
  HazelcastSharedObjectsBuilder previousSealing(Sealing previous) {
    this.previousSealing = Objects.requireNonNull(previous, "previous");
    return this;
  }

  /** The sealing of a next authKey already parsed ({@link SharedObjectsSpec}'s {@code next-auth-key}). */
  HazelcastSharedObjectsBuilder nextSealing(Sealing next) {
    this.nextSealing = Objects.requireNonNull(next, "next");
    return this;
  }

  /**
   * Lets a member bound to an address other than a loopback one, or a client of members at such addresses,
   * start without an authKey: anyone who reaches the members can then read, change and delete everything,
   * and make readers deserialize what they write. Only for a network you trust entirely; without this call
   * (or a key) such a start fails. Loopback-only programs need neither.
   */
  public HazelcastSharedObjectsBuilder unauthenticated() {
    return unauthenticated(true);
  }

  /** As {@link #unauthenticated()} when {@code optOut}, as not calling it when not (for settings parsed from text). */
  HazelcastSharedObjectsBuilder unauthenticated(boolean optOut) {
    this.unauthenticated = optOut;
    return this;
  }

  /** The sealing of an authKey already parsed ({@link SharedObjectsSpec}'s {@code auth-key}). */
  HazelcastSharedObjectsBuilder sealing(Sealing sealing) {
    this.sealing = Objects.requireNonNull(sealing, "sealing");
    return this;
  }

  /**
   * Uses an instance the caller started and will shut down, with this builder's lock backend, lock lease,
   * connect timeout and value size limit; the member-only and client-only options do not apply. With an
   * authKey, the instance must have been started with {@link
   * HazelcastSharedObjects#authKeyDeserializationFilter()}.
   *
   * @throws IllegalArgumentException with an authKey, if the instance does not have that filter
   * @throws HazelcastVersionException if the Hazelcast on the class path is not a supported version
   */
  public HazelcastSharedObjects wrap(HazelcastInstance hazelcast) {
    HazelcastVersion.check();
    Objects.requireNonNull(hazelcast, "hazelcast");
    if (sealing != null && !HazelcastConfigs.isAuthKeyFilter(HazelcastInternals.javaFilter(hazelcast))) {
      throw new IllegalArgumentException("With an authKey, a wrapped instance must refuse to deserialize classes"
          + " other than the JDK's and Hazelcast's, so that nothing a process without the key writes can run"
          + " code here: start it with config.getSerializationConfig().setJavaSerializationFilterConfig("
          + "HazelcastSharedObjects.authKeyDeserializationFilter()), or let this builder start it (embedded()"
          + " or client(...)). See docs/security.md.");
    }
    return HazelcastSharedObjects.over(StartedInstance.wrapping(hazelcast, settings()));
  }

  /**
   * Starts an embedded member with these options; it forms a cluster or joins one on the member list.
   * A bind address other than a loopback one, or a customizer that opens the member further, is logged
   * as a warning.
   *
   * @throws IllegalArgumentException if the bind address is not an address of this machine
   * @throws HazelcastVersionException if the Hazelcast on the class path is not a supported version, or
   *     the cluster's members run another minor version than this member
   */
  public HazelcastSharedObjects embedded() {
    HazelcastVersion.check();
    return HazelcastSharedObjects.over(EmbeddedStart.start(settings()));
  }

  /**
   * Connects a client to members at these addresses ({@code "host"} or {@code "host:port"}), waiting at
   * most the connect timeout.
   *
   * @throws ClusterUnavailableException if no member of the cluster answers in time (wrong address,
   *     wrong cluster name, cluster down)
   * @throws HazelcastVersionException if the Hazelcast on the class path is not a supported version
   */
  public HazelcastSharedObjects client(String... addresses) {
    if (addresses == null) {
      throw new IllegalArgumentException("client(...) needs at least one member address, such as \"127.0.0.1:5701\"");
    }
    HazelcastVersion.check();
    return HazelcastSharedObjects.over(ClientStart.connect(settings(), Arrays.asList(addresses)));
  }

  /**
   * The options set so far, as the instances started by this builder use them.
   *
   * @throws IllegalArgumentException for a previous authKey without a current one
   */
  Settings settings() {
    if ((previousSealing != null || nextSealing != null) && sealing == null) {
      throw new IllegalArgumentException((previousSealing != null ? "previousAuthKey" : "nextAuthKey")
          + "(...) names the other key of a rotation, so it needs this process's own as well: set authKey(...)"
          + " (shared-objects.auth-key, SHARED_OBJECTS_AUTH_KEY). See docs/security.md#rotating-the-key.");
    }
    if (previousSealing != null && nextSealing != null) {
      throw new IllegalArgumentException("previousAuthKey(...) and nextAuthKey(...) are steps 2 and 1 of a"
          + " rotation: set one of them, with authKey(...). See docs/security.md#rotating-the-key.");
    }
    return new Settings(clusterName, bindAddress, port, members, connectTimeout, lockBackend, lockLease,
        ownerCleanupTimeout, maxValueSize, memberCustomizer, clientCustomizer, nearCachedDicts, clusterSize,
        majorityForData, confirmedWrites, mergePolicy, observer,
        sealing == null ? null
            : nextSealing != null ? sealing.rotatingWith(nextSealing, true) : sealing.rotatingWith(previousSealing, false),
        unauthenticated);
  }
}
