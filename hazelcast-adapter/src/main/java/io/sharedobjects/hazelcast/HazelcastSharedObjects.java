package io.sharedobjects.hazelcast;

import com.hazelcast.cluster.Address;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import io.sharedobjects.ClusterUnavailableException;
import io.sharedobjects.SharedBarrier;
import io.sharedobjects.SharedCounter;
import io.sharedobjects.SharedDict;
import io.sharedobjects.SharedEvent;
import io.sharedobjects.SharedLatch;
import io.sharedobjects.SharedList;
import io.sharedobjects.SharedLock;
import io.sharedobjects.SharedObjects;
import io.sharedobjects.SharedQueue;
import io.sharedobjects.SharedSemaphore;
import io.sharedobjects.SharedSet;
import io.sharedobjects.SharedValue;
import java.time.Duration;
import java.util.UUID;

/**
 * {@link SharedObjects} on Hazelcast: dicts on {@code IMap}, lists on {@code IList}, sets on {@code ISet},
 * queues on {@code IQueue}; locks, values and counters on {@code IMap} or the CP Subsystem (see {@link
 * LockBackend}).
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
 * <p>A key, value or element that cannot be stored fails at the call, before anything is sent.
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

  private final ObjectContext context;
  private final boolean ownsInstance;
  /** The listener this instance added to a wrapped client, removed on close; null if none. */
  private final UUID connectionListener;
  private final ConnectionState connection;
  private final LockBackendProbe lockBackends;
  private final ProxyCache proxies;
  /** Queues have a capacity to fix in the cluster first: created and cached there. */
  private final HazelcastQueues queues;

  /** For the builder: an instance over a running member or client; one it owns is shut down if this fails. */
  static HazelcastSharedObjects over(StartedInstance started) {
    try {
      return new HazelcastSharedObjects(started);
    } catch (RuntimeException e) {
      if (started.owned()) {
        started.instance().shutdown();
      }
      throw e;
    }
  }

  private HazelcastSharedObjects(StartedInstance started) {
    this.context = ObjectContext.create(started.instance(), started.settings(), started.connection(),
        (kind, name) -> kind.open(this, name)); // references read back are this instance's objects
    this.ownsInstance = started.owned();
    this.connectionListener = started.connectionListener();
    this.connection = started.connection();
    this.lockBackends = new LockBackendProbe(context);
    this.queues = new HazelcastQueues(context);
    this.proxies = new ProxyCache(context);
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

  /** What this SharedObjects's objects are built on; for tests that build one over a changed instance. */
  ObjectContext context() {
    return context;
  }

  /** The Hazelcast instance underneath, for anything this API does not cover; do not shut it down. */
  public HazelcastInstance hazelcastInstance() {
    context.open().ensureOpen();
    return context.instance();
  }

  /**
   * The lock backend: the configured one, or for {@link LockBackend#AUTO} the one the cluster offers,
   * probed at the first call of this method or of {@link #lock(String)}.
   */
  public LockBackend lockBackend() {
    return lockBackends.backend();
  }

  /** What this instance sees now (reachable, members, quorum), read without a remote call: never waits. */
  public SharedObjectsStatus status() {
    return SharedObjectsStatus.read(context, connection, ownsInstance, lockBackends.chosenSoFar());
  }

  /** The cluster name in use. */
  public String clusterName() {
    return context.settings().clusterName();
  }

  /** The largest serialized size, in bytes, of a key, value or element this instance sends. */
  public long maxValueSize() {
    return context.settings().maxValueSize();
  }

  /**
   * Where a client can connect, as {@code "host:port"}: this member's address, or for a client, the address
   * of a member of its cluster.
   */
  public String address() {
    context.open().ensureOpen();
    HazelcastInstance hazelcast = context.instance();
    Member member = isClient() ? hazelcast.getCluster().getMembers().iterator().next() : hazelcast.getCluster().getLocalMember();
    Address address = member.getAddress();
    return address.getHost() + ":" + address.getPort();
  }

  /** The settings, for {@link SharedProcess}: how its child connects to this cluster. */
  Settings settings() {
    return context.settings();
  }

  /** Whether this instance works through a Hazelcast client rather than a member. */
  public boolean isClient() {
    return context.client();
  }

  @Override
  public <K, V> SharedDict<K, V> dict(String name) {
    return proxies.get("dict", name, () -> new HazelcastSharedDict<>(context, name));
  }

  @Override
  public <E> SharedList<E> list(String name) {
    return proxies.get("list", name, () -> new HazelcastSharedList<>(context, name));
  }

  @Override
  public <E> SharedSet<E> set(String name) {
    return proxies.get("set", name, () -> new HazelcastSharedSet<>(context, name));
  }

  @Override
  public <E> SharedQueue<E> queue(String name) {
    return queues.asCreated(name);
  }

  @Override
  public <E> SharedQueue<E> queue(String name, int capacity) {
    return queues.withCapacity(name, capacity);
  }

  @Override
  public SharedLock lock(String name) {
    return proxies.get("lock", name, () -> cp() ? new CpSharedLock(context, name) : new MapSharedLock(context, name));
  }

  @Override
  public <T> SharedValue<T> value(String name) {
    return proxies.get("value", name, () -> cp() ? new CpSharedValue<T>(context, name) : new MapSharedValue<T>(context, name));
  }

  @Override
  public SharedCounter counter(String name) {
    return proxies.get("counter", name, () -> cp() ? new CpSharedCounter(context, name) : new MapSharedCounter(context, name));
  }

  @Override
  public SharedEvent event(String name) {
    return proxies.get("event", name, () -> new MapSharedEvent(context, name));
  }

  @Override
  public SharedSemaphore semaphore(String name, int permits) {
    return proxies.numbered("semaphore", name, "permits", permits, 1,
        fixed -> cp() ? new CpSharedSemaphore(context, name, fixed) : new MapSharedSemaphore(context, name, fixed));
  }

  @Override
  public SharedLatch latch(String name, int count) {
    return proxies.numbered("latch", name, "count", count, 0,
        fixed -> cp() ? new CpSharedLatch(context, name, fixed) : new MapSharedLatch(context, name, fixed));
  }

  @Override
  public SharedBarrier barrier(String name, int parties) {
    return proxies.numbered("barrier", name, "parties", parties, 1, fixed -> new MapSharedBarrier(context, name, fixed));
  }

  /** Whether synchronizers (locks, values, counters, semaphores, latches) use the CP Subsystem: probed once, at the first. */
  private boolean cp() {
    return lockBackend() == LockBackend.CP;
  }

  /**
   * The Java deserialization filter an instance started by the caller needs before {@link
   * HazelcastSharedObjectsBuilder#wrap} with an authKey: only the JDK's and Hazelcast's own classes, minus
   * Hazelcast's list of known gadget classes, so no class of the user's (or of a library on the class path)
   * is deserialized from what a process without the key writes. This library's sealed items never need it.
   */
  public static com.hazelcast.config.JavaSerializationFilterConfig authKeyDeserializationFilter() {
    return HazelcastConfigs.authKeyFilter();
  }

  /**
   * The sweep of step 2 of a key rotation (docs/security.md#rotating-the-key), once every process runs with
   * {@code authKey(new)} and {@code previousAuthKey(old)}: seals again with the new key every dict entry, set
   * element and shared value in the cluster that the old key sealed, and returns the lists and queues that
   * still hold items sealed with it (they cannot be rewritten in place without risking a concurrent write),
   * by object ({@code "list 'jobs'"}) with their counts. Drop {@code previousAuthKey} once this returns an
   * empty map (rewrite or drain what it names first). Items are compared and swapped one by one, so writes by
   * other processes meanwhile are not lost; it reads every object whole, so it costs a pass over the data.
   *
   * @throws IllegalStateException unless this instance is at step 2 of a rotation
   */
  public java.util.Map<String, Integer> resealWithCurrentKey() {
    context.open().ensureOpen();
    return KeyRotation.reseal(context.instance(), context.settings().sealing(), context.calls());
  }

  @Override
  public void close() {
    if (!context.open().close()) {
      return;
    }
    HazelcastInstance hazelcast = context.instance();
    proxies.releaseOnClose();
    queues.close();
    if (ownsInstance) {
      hazelcast.shutdown();
    } else if (connectionListener != null) {
      hazelcast.getLifecycleService().removeLifecycleListener(connectionListener);
    }
  }

  @Override
  public String toString() {
    LockBackend chosen = lockBackends.chosenSoFar();
    return "HazelcastSharedObjects{cluster=" + clusterName() + ", "
        + (isClient() ? "client" : "member") + (ownsInstance ? "" : ", wrapped")
        + ", locks=" + (chosen == null ? "not chosen yet" : chosen)
        + (context.open().isClosed() ? ", closed" : "") + "}";
  }
}
