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
 * {@link HazelcastSharedObjectsBuilder#maxValueSize(long)} (16 MiB by default) with {@link ValueTooLargeException}, before
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

  /** For the builder: an instance over a member or client that is running. */
  static HazelcastSharedObjects started(HazelcastInstance hazelcast, boolean ownsInstance, Settings settings,
      ConnectionState connection, UUID connectionListener) {
    return new HazelcastSharedObjects(hazelcast, ownsInstance, settings, connection, connectionListener);
  }

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
  public static HazelcastSharedObjectsBuilder builder() {
    return new HazelcastSharedObjectsBuilder();
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
}
