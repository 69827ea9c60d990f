package io.sharedobjects.hazelcast;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.impl.clientside.HazelcastClientProxy;
import com.hazelcast.cluster.Address;
import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.config.ListenerConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.logging.ILogger;
import com.hazelcast.logging.Logger;
import com.hazelcast.nio.serialization.HazelcastSerializationException;
import com.hazelcast.partition.PartitionService;
import com.hazelcast.spi.impl.SerializationServiceSupport;
import io.sharedobjects.ClusterUnavailableException;
import io.sharedobjects.NotStorableException;
import io.sharedobjects.SharedDict;
import io.sharedobjects.SharedList;
import io.sharedobjects.SharedLock;
import io.sharedobjects.SharedNames;
import io.sharedobjects.SharedObjects;
import io.sharedobjects.ValueTooLargeException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@link SharedObjects} on Hazelcast: dicts on {@code IMap}, lists on {@code IList}, locks on {@code IMap}
 * key locks or the CP Subsystem's {@code FencedLock} (see {@link LockBackend}).
 *
 * <p>Start it as an embedded member ({@link #embedded()}: this JVM joins or forms a cluster on 127.0.0.1),
 * as a client of members elsewhere ({@link #client(String...)}), or over an instance you manage
 * ({@link #wrap(HazelcastInstance)}). Embedded members and clients started here share one default cluster
 * name, so a client given a member's {@link #address()} connects with no further settings.
 *
 * <p>Clients work against stock Hazelcast members: no class of this library is needed on the members.
 * A client that cannot reach the cluster fails each call with {@link ClusterUnavailableException} after the
 * connect timeout (10 s by default) and recovers by itself when the cluster is back.
 *
 * <p>Keys, values and elements are serialized here, once, before they are sent: one that cannot be
 * serialized fails with {@link NotStorableException}, and one whose serialized form is larger than
 * {@link Builder#maxValueSize(long)} (16 MiB by default) with {@link ValueTooLargeException}, before
 * anything reaches the cluster.
 *
 * <p><b>Thread safety:</b> thread-safe; share one instance per process. {@link #close()} shuts down only an
 * embedded member or client this instance started, never a wrapped instance.
 */
public final class HazelcastSharedObjects implements SharedObjects {

  /** The cluster name {@link #embedded()} and {@link #client(String...)} use unless told otherwise. */
  public static final String DEFAULT_CLUSTER_NAME = Settings.DEFAULT_CLUSTER_NAME;

  /** The first port an embedded member tries unless told otherwise. */
  public static final int DEFAULT_PORT = Settings.DEFAULT_PORT;

  /** How long a client waits to connect, to reconnect and for each answer, unless told otherwise. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Settings.DEFAULT_CONNECT_TIMEOUT;

  private static final ILogger LOG = Logger.getLogger(HazelcastSharedObjects.class);

  private final HazelcastInstance hazelcast;
  private final SerializationService serialization;
  private final boolean ownsInstance;
  private final Settings settings;
  private final ConnectionState connection;
  private final Calls calls = new Calls(this);
  /** Chosen on first use: probing the cluster costs a round trip that programs without locks never need. */
  private volatile LockBackend lockBackend;
  private final ConcurrentMap<String, HazelcastSharedDict<?, ?>> dicts = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, HazelcastSharedList<?>> lists = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, HazelcastSharedLock> locks = new ConcurrentHashMap<>();
  private final UUID connectionListener;
  /** For each partition id, a key in that partition; found once, on the first paged iteration. */
  private volatile Object[] partitionKeys;
  private volatile boolean closed;

  private HazelcastSharedObjects(HazelcastInstance hazelcast, boolean ownsInstance, Settings settings,
      ConnectionState connection, UUID connectionListener) {
    this.hazelcast = hazelcast;
    this.serialization = ((SerializationServiceSupport) hazelcast).getSerializationService();
    this.ownsInstance = ownsInstance;
    this.settings = settings;
    this.connection = connection;
    this.connectionListener = connectionListener;
  }

  /** Starts an embedded member with the safe defaults: cluster "shared-objects", 127.0.0.1, port 5701 up. */
  public static HazelcastSharedObjects embedded() {
    return builder().embedded();
  }

  /** Connects as a client to the default cluster at these addresses ({@code "host"} or {@code "host:port"}). */
  public static HazelcastSharedObjects client(String... addresses) {
    return builder().client(addresses);
  }

  /**
   * Uses an instance (member or client) that the caller started and will shut down; {@link #close()} leaves
   * it running. Configure it as this library's defaults do: TCP-IP join, multicast, auto-detection and
   * phone-home off.
   */
  public static HazelcastSharedObjects wrap(HazelcastInstance hazelcast) {
    return builder().wrap(hazelcast);
  }

  /** Options for embedded members and clients: cluster name, port, members, timeouts, lock backend. */
  public static Builder builder() {
    return new Builder();
  }

  /** The Hazelcast instance underneath, for anything this API does not cover; do not shut it down. */
  public HazelcastInstance hazelcastInstance() {
    ensureOpen();
    return hazelcast;
  }

  /**
   * The lock backend: the configured one, or for {@link LockBackend#AUTO} the one the cluster offers,
   * probed at the first call of this method or of {@link #lock(String)}.
   */
  public LockBackend lockBackend() {
    LockBackend chosen = lockBackend;
    if (chosen == null) {
      synchronized (this) {
        chosen = lockBackend;
        if (chosen == null) {
          chosen = chooseLockBackend(settings.lockBackend());
          lockBackend = chosen;
        }
      }
    }
    return chosen;
  }

  /** The cluster name in use. */
  public String clusterName() {
    return settings.clusterName();
  }

  /** The largest serialized size, in bytes, of a key, value or element this instance sends. */
  public long maxValueSize() {
    return settings.maxValueSize();
  }

  /**
   * Where a client can connect, as {@code "host:port"}: this member's address, or for a client, the address
   * of a member of its cluster.
   */
  public String address() {
    ensureOpen();
    Member member = isClient() ? hazelcast.getCluster().getMembers().iterator().next() : hazelcast.getCluster().getLocalMember();
    Address address = member.getAddress();
    return address.getHost() + ":" + address.getPort();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <K, V> SharedDict<K, V> dict(String name) {
    SharedNames.validate(name);
    ensureOpen();
    return (SharedDict<K, V>) proxy(dicts, name, () -> new HazelcastSharedDict<>(this, name));
  }

  @Override
  @SuppressWarnings("unchecked")
  public <E> SharedList<E> list(String name) {
    SharedNames.validate(name);
    ensureOpen();
    return (SharedList<E>) proxy(lists, name, () -> new HazelcastSharedList<>(this, name));
  }

  @Override
  public SharedLock lock(String name) {
    SharedNames.validate(name);
    ensureOpen();
    return proxy(locks, name,
        () -> lockBackend() == LockBackend.CP ? new CpSharedLock(this, name) : new MapSharedLock(this, name));
  }

  /**
   * The cached object of this name, or a new one. A client creates Hazelcast proxies on the cluster, so
   * creation is a remote call: it runs through {@link Calls} (bounded wait for a reconnect, typed errors),
   * and outside the cache's {@code computeIfAbsent}, which must not block. Two threads may both create one;
   * Hazelcast hands both the same proxy, and the first cached wins.
   */
  private <T> T proxy(ConcurrentMap<String, T> cache, String name, Supplier<T> create) {
    T cached = cache.get(name);
    if (cached != null) {
      return cached;
    }
    T created = calls.call(create);
    T raced = cache.putIfAbsent(name, created);
    return raced != null ? raced : created;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (HazelcastSharedLock lock : locks.values()) {
      lock.releaseOnClose();
    }
    if (ownsInstance) {
      hazelcast.shutdown();
    } else if (connectionListener != null) {
      hazelcast.getLifecycleService().removeLifecycleListener(connectionListener);
    }
  }

  @Override
  public String toString() {
    return "HazelcastSharedObjects{cluster=" + settings.clusterName() + ", "
        + (isClient() ? "client" : "member") + (ownsInstance ? "" : ", wrapped")
        + ", locks=" + (lockBackend == null ? "not chosen yet" : lockBackend)
        + (closed ? ", closed" : "") + "}";
  }

  // --- shared by the proxies of this package ---------------------------------------------------------

  HazelcastInstance instance() {
    return hazelcast;
  }

  Calls calls() {
    return calls;
  }

  Settings settings() {
    return settings;
  }

  ConnectionState connection() {
    return connection;
  }

  void ensureOpen() {
    if (closed) {
      throw Calls.closed();
    }
  }

  /**
   * Serializes a key, value or element (null as {@link NullMarker}) for the cluster. Hazelcast's proxies
   * send a {@code Data} as it is, so each value is serialized once, here, where its size can be checked
   * and a failure can name its class, before anything is sent.
   *
   * @throws NotStorableException if it cannot be serialized
   * @throws ValueTooLargeException if its serialized form is over {@link #maxValueSize()}
   */
  Data toStored(Object value) {
    Object marked = NullMarker.wrap(value);
    ensureOpen();
    Data data;
    try {
      // Most values serialize locally; Calls (a clock read, a lambda) only when that fails.
      data = serialization.toData(marked);
    } catch (HazelcastSerializationException e) {
      throw NotStorableException.forClass(marked.getClass(), Calls.rootMessage(e), e);
    } catch (RuntimeException remote) {
      // A client serializing a Compact class sends its schema to the cluster first, and that can fail like
      // any call (offline, no answer); sending a schema again is harmless, so retry through calls.
      data = calls.call(() -> {
        try {
          return serialization.toData(marked);
        } catch (HazelcastSerializationException e) {
          throw NotStorableException.forClass(marked.getClass(), Calls.rootMessage(e), e);
        }
      });
    }
    if (data.totalSize() > settings.maxValueSize()) {
      throw new ValueTooLargeException(marked.getClass(), data.totalSize(), settings.maxValueSize(),
          "HazelcastSharedObjects.builder().maxValueSize(bytes) in every process that writes");
    }
    return data;
  }

  /**
   * Partition keys in groups for paging through a map of {@code size} entries spread over the partitions,
   * each group holding about {@code perGroup} entries. Null when the partition table is not known yet.
   */
  List<Set<Object>> partitionGroups(int size, int perGroup) {
    Object[] keys = partitionKeys();
    if (keys == null) {
      return null;
    }
    int partitions = keys.length;
    int count = (int) Math.max(1, Math.floor(perGroup / (Math.max(1, size) / (double) partitions)));
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
    PartitionService partitionService = hazelcast.getPartitionService();
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

  /** Whether this instance works through a Hazelcast client rather than a member. */
  public boolean isClient() {
    return hazelcast instanceof HazelcastClientProxy;
  }

  private LockBackend chooseLockBackend(LockBackend wanted) {
    if (wanted != LockBackend.AUTO) {
      LOG.info("shared-objects uses " + wanted + " locks (configured)");
      return wanted;
    }
    LockBackend chosen;
    try {
      // Every process of a cluster gets the same answer here, so all agree on one backend.
      calls.call(() -> hazelcast.getCPSubsystem().getLock(SharedNames.unique("probe")).isLocked());
      chosen = LockBackend.CP;
    } catch (UnsupportedOperationException e) {
      chosen = LockBackend.MAP;
    }
    LOG.info("shared-objects uses " + chosen + " locks ("
        + (chosen == LockBackend.CP ? "the cluster offers the CP Subsystem" : "no CP Subsystem in this cluster") + ")");
    return chosen;
  }

  /**
   * Options for {@link HazelcastSharedObjects}; each setter returns this builder, and {@link #embedded()} or
   * {@link #client(String...)} starts the instance. Not thread-safe.
   */
  public static final class Builder {
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

    private Builder() {}

    /** The cluster to form or join; default {@code "shared-objects"}. Use distinct names to keep clusters apart. */
    public Builder clusterName(String clusterName) {
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
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0 to 65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Embedded only: the address to listen on; default 127.0.0.1, which keeps the member unreachable from
     * other machines. Any other address exposes an unauthenticated member to that network: see the
     * README's Security section first.
     */
    public Builder bindAddress(String bindAddress) {
      this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
      return this;
    }

    /** Embedded only: other members to join ({@code "host:port"}); default: the bind address on the next ports. */
    public Builder members(String... members) {
      this.members = List.of(members); // List.of rejects null elements
      return this;
    }

    /**
     * How long a client waits to connect at start, to reconnect before a call, and for each call's answer,
     * before failing with {@link ClusterUnavailableException}; default 10 s.
     */
    public Builder connectTimeout(Duration connectTimeout) {
      if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) {
        throw new IllegalArgumentException("connectTimeout must be positive");
      }
      this.connectTimeout = connectTimeout;
      return this;
    }

    /** Which structure backs locks; default {@link LockBackend#AUTO}. */
    public Builder lockBackend(LockBackend lockBackend) {
      this.lockBackend = Objects.requireNonNull(lockBackend, "lockBackend");
      return this;
    }

    /**
     * {@link LockBackend#MAP} only: release a lock automatically this long after it was taken, even if its
     * owner is alive and still working. Off by default, because a lease can expire under a slow holder; use
     * fencing tokens if you turn it on.
     */
    public Builder lockLease(Duration lockLease) {
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
     * that version the locks go at the first check, within about a second, whatever is set here: do not
     * count on it as a grace period for a client to reconnect.
     */
    public Builder ownerCleanupTimeout(Duration timeout) {
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
     * its backup and transient copies, and a few values of a hundred megabytes can exhaust a member (as
     * measured: the third 100 MB value put from a client ran a 256 MB member out of memory). Raise it only
     * with members sized for it; every process checks its own setting when it writes.
     */
    public Builder maxValueSize(long bytes) {
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
    public Builder configureMember(Consumer<? super Config> customizer) {
      this.memberCustomizer = Objects.requireNonNull(customizer, "customizer");
      return this;
    }

    /**
     * Client only: changes the client configuration after this builder has filled it in, just before the
     * client starts; for example to add Enterprise credentials and TLS settings. Default: no change.
     */
    public Builder configureClient(Consumer<? super ClientConfig> customizer) {
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
     * this near cache as an invalidation event, so a read may return the previous value until then: a few
     * milliseconds on members this library starts (which send invalidations at once), up to 10 s on members
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
    public Builder nearCache(String... dictNamePatterns) {
      List<String> patterns = List.of(dictNamePatterns);
      patterns.forEach(DictNamePatterns::validate);
      this.nearCachedDicts = patterns;
      return this;
    }

    /**
     * Uses an instance the caller started and will shut down, with this builder's lock backend, lock lease,
     * connect timeout and value size limit; the member-only and client-only options do not apply.
     */
    public HazelcastSharedObjects wrap(HazelcastInstance hazelcast) {
      Objects.requireNonNull(hazelcast, "hazelcast");
      AsyncExecutor.install();
      String wrappedClusterName = hazelcast instanceof HazelcastClientProxy client
          ? client.getClientConfig().getClusterName()
          : hazelcast.getConfig().getClusterName();
      ConnectionState connection = new ConnectionState(hazelcast.getLifecycleService().isRunning());
      UUID listener = hazelcast instanceof HazelcastClientProxy
          ? hazelcast.getLifecycleService().addLifecycleListener(connection)
          : null;
      Settings settings = settings().withClusterName(wrappedClusterName);
      return new HazelcastSharedObjects(hazelcast, false, settings, connection, listener);
    }

    private Settings settings() {
      return new Settings(clusterName, bindAddress, port, members, connectTimeout, lockBackend, lockLease,
          ownerCleanupTimeout, maxValueSize, memberCustomizer, clientCustomizer, nearCachedDicts);
    }

    /**
     * Starts an embedded member with these options; it forms a cluster or joins one on the member list.
     * A bind address other than a loopback one, or a customizer that opens the member further, is logged
     * as a warning.
     *
     * @throws IllegalArgumentException if the bind address is not an address of this machine
     */
    public HazelcastSharedObjects embedded() {
      Settings settings = settings();
      Config config = HazelcastConfigs.member(settings);
      List<String> openings = HazelcastConfigs.openings(config);
      if (!openings.isEmpty()) {
        LOG.warning("shared-objects member on " + settings.bindAddress() + " is open beyond this machine: "
            + String.join("; ", openings) + ". Open-source Hazelcast has no authentication or TLS: anyone who"
            + " reaches the member can read and change all data, and can make it deserialize what they send."
            + " Keep it on a private network behind a firewall (see Security in the reliability docs).");
      }
      checkLocalAddress(settings.bindAddress());
      AsyncExecutor.install();
      HazelcastInstance member = EmbeddedStart.start(settings, config);
      try {
        return new HazelcastSharedObjects(member, true, settings, new ConnectionState(true), null);
      } catch (RuntimeException e) {
        member.shutdown();
        throw e;
      }
    }

    /**
     * Fails clearly for a bind address that no interface of this machine has; Hazelcast would report it as
     * "port already in use". Any loopback address is local: the whole of 127.0.0.0/8 is.
     */
    private static void checkLocalAddress(String bindAddress) {
      InetAddress address;
      try {
        address = InetAddress.getByName(bindAddress);
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("bindAddress '" + bindAddress + "' is not a known host name or IP address", e);
      }
      try {
        if (address.isLoopbackAddress() || NetworkInterface.getByInetAddress(address) != null) {
          return;
        }
      } catch (SocketException e) {
        return; // cannot tell; Hazelcast will report it if it cannot bind
      }
      throw new IllegalArgumentException("bindAddress " + bindAddress + " is not an address of this machine, so"
          + " a member cannot listen on it. Use 127.0.0.1 (the default) to stay on this machine, or one of this"
          + " machine's addresses on a private network.");
    }

    /**
     * Connects a client to members at these addresses ({@code "host"} or {@code "host:port"}), waiting at
     * most the connect timeout.
     *
     * @throws ClusterUnavailableException if no member of the cluster answers in time (wrong address,
     *     wrong cluster name, cluster down)
     */
    public HazelcastSharedObjects client(String... addresses) {
      if (addresses == null || addresses.length == 0) {
        throw new IllegalArgumentException("client(...) needs at least one member address, such as \"127.0.0.1:5701\"");
      }
      Settings settings = settings();
      ConnectionState connection = new ConnectionState(false);
      AsyncExecutor.install();
      ClientConfig config = HazelcastConfigs.client(settings, Arrays.asList(addresses));
      config.addListenerConfig(new ListenerConfig(connection));
      HazelcastInstance client = HazelcastClient.newHazelcastClient(config);
      long deadline = System.nanoTime() + settings.connectTimeout().toNanos();
      if (!connection.awaitConnected(deadline)) {
        client.shutdown();
        throw new ClusterUnavailableException(
            "Could not connect to Hazelcast cluster '" + settings.clusterName() + "' at " + Arrays.toString(addresses)
                + " within " + settings.connectTimeout().toMillis() + " ms. Check that a member runs there and"
                + " that its cluster name is '" + settings.clusterName() + "'.",
            null);
      }
      try {
        return new HazelcastSharedObjects(client, true, settings, connection, null);
      } catch (RuntimeException e) {
        client.shutdown();
        throw e;
      }
    }
  }
}
