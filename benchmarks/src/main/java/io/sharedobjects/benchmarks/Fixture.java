package io.sharedobjects.benchmarks;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.sharedobjects.SharedLock;
import io.sharedobjects.SharedObjects;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import io.sharedobjects.hazelcast.HazelcastSharedObjectsBuilder;
import io.sharedobjects.inmemory.InMemorySharedObjects;
import io.sharedobjects.testing.StockHazelcastMember;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The backend one benchmark fork runs against, named by a JMH {@code @Param}: the library's in-memory,
 * embedded or client backend, or raw Hazelcast ({@code IMap}, {@code IList}, {@code IMap.lock}) on the very
 * instance the library backend of the same name would use, so library and raw differ only in the layer
 * measured.
 *
 * <ul>
 *   <li>{@code in-memory}: {@link InMemorySharedObjects}.
 *   <li>{@code embedded}, {@code embedded-raw}: this JVM is the only member of a fresh cluster.
 *   <li>{@code client}, {@code client-raw}: a client of a stock member in another JVM. {@code run.sh} starts
 *       one member for the whole run and passes its address in {@value #MEMBER_PROPERTY} and its cluster in
 *       {@value #CLUSTER_PROPERTY}; without them the fork starts a member of its own.
 *   <li>a {@code -near-cache} suffix (before {@code -raw}) turns on the library's near cache for dicts whose
 *       name starts with {@value #NEAR_CACHED_PREFIX}.
 * </ul>
 */
final class Fixture implements AutoCloseable {

  /** System property: {@code host:port} of the member client benchmarks connect to. */
  static final String MEMBER_PROPERTY = "sharedobjects.bench.member";

  /** System property: the cluster name of that member. */
  static final String CLUSTER_PROPERTY = "sharedobjects.bench.cluster";

  /** Dicts whose name starts with this are near cached by the {@code -near-cache} backends. */
  static final String NEAR_CACHED_PREFIX = "near-";

  /** Hazelcast logs every step at INFO, which JMH would print between results. Held so the level stays set. */
  private static final List<Logger> QUIET =
      List.of(Logger.getLogger("com.hazelcast"), Logger.getLogger("io.sharedobjects"));

  private final boolean raw;
  private final SharedObjects shared;
  private final HazelcastInstance hazelcast;
  private final StockHazelcastMember ownMember;

  private Fixture(boolean raw, SharedObjects shared, HazelcastInstance hazelcast, StockHazelcastMember ownMember) {
    this.raw = raw;
    this.shared = shared;
    this.hazelcast = hazelcast;
    this.ownMember = ownMember;
  }

  static Fixture start(String backend) {
    QUIET.forEach(logger -> logger.setLevel(Level.WARNING));
    boolean raw = backend.endsWith("-raw");
    String base = raw ? backend.substring(0, backend.length() - "-raw".length()) : backend;
    boolean nearCache = base.endsWith("-near-cache");
    if (nearCache) {
      base = base.substring(0, base.length() - "-near-cache".length());
    }
    if (base.equals("in-memory")) {
      if (raw || nearCache) {
        throw new IllegalArgumentException("in-memory has no raw or near-cache variant: " + backend);
      }
      return new Fixture(false, new InMemorySharedObjects(), null, null);
    }
    HazelcastSharedObjectsBuilder builder = HazelcastSharedObjects.builder();
    if (nearCache) {
      builder.nearCache(NEAR_CACHED_PREFIX + "*");
    }
    switch (base) {
      case "embedded" -> {
        HazelcastSharedObjects shared =
            builder.clusterName("bench-" + UUID.randomUUID()).port(0).embedded();
        return new Fixture(raw, shared, shared.hazelcastInstance(), null);
      }
      case "client" -> {
        String address = System.getProperty(MEMBER_PROPERTY);
        StockHazelcastMember member = null;
        String cluster = System.getProperty(CLUSTER_PROPERTY);
        if (address == null) {
          cluster = "bench-" + UUID.randomUUID();
          member = BenchmarkMember.start(cluster);
          address = member.address();
        }
        HazelcastSharedObjects shared = builder.clusterName(cluster).client(address);
        return new Fixture(raw, shared, shared.hazelcastInstance(), member);
      }
      default -> throw new IllegalArgumentException("Unknown backend: " + backend);
    }
  }

  /** Whether this fork measures raw Hazelcast rather than the library. */
  boolean raw() {
    return raw;
  }

  /** The dict (library) or {@code IMap} (raw) of this name, as a {@code Map}. */
  Map<Object, Object> dict(String name) {
    return raw ? hazelcast.getMap(name) : shared.dict(name);
  }

  /** The bulk read of {@link #dict(String)}: {@code SharedDict.getAll} or {@code IMap.getAll}. */
  Function<Set<Object>, Map<Object, Object>> getAll(String name) {
    if (raw) {
      IMap<Object, Object> map = hazelcast.getMap(name);
      return map::getAll;
    }
    return shared.<Object, Object>dict(name)::getAll;
  }

  /** The list (library) or {@code IList} (raw) of this name. */
  List<Object> list(String name) {
    return raw ? hazelcast.getList(name) : shared.list(name);
  }

  /** The lock (library) or a key lock of an {@code IMap} (raw, as the library's MAP backend uses). */
  Lock lock(String name) {
    return raw ? new MapKeyLock(hazelcast.getMap("bench-raw-locks"), name) : shared.lock(name);
  }

  /** The library's objects, for benchmarks that measure library and raw side by side in one fork. */
  SharedObjects library() {
    return shared;
  }

  /** The Hazelcast instance under {@link #library()}: raw Hazelcast, configured identically. */
  HazelcastInstance hazelcast() {
    return hazelcast;
  }

  /** A raw {@code IMap} key lock, as {@link #lock(String)} gives in a raw fork. */
  Lock rawLock(String name) {
    return new MapKeyLock(hazelcast.getMap("bench-raw-locks"), name);
  }

  /** The library's lock; raw Hazelcast has no fencing tokens. */
  SharedLock sharedLock(String name) {
    if (raw) {
      throw new IllegalStateException("raw Hazelcast has no SharedLock");
    }
    return shared.lock(name);
  }

  /** Removes the named objects, so a member shared by many forks does not fill up. */
  void destroy(Collection<String> dicts, Collection<String> lists) {
    for (String name : new HashSet<>(dicts)) {
      if (raw) {
        hazelcast.getMap(name).destroy();
      } else {
        shared.dict(name).destroy();
      }
    }
    for (String name : new HashSet<>(lists)) {
      if (raw) {
        hazelcast.getList(name).destroy();
      } else {
        shared.list(name).destroy();
      }
    }
  }

  @Override
  public void close() {
    try {
      shared.close();
    } finally {
      if (ownMember != null) {
        ownMember.close();
      }
    }
  }

  /** {@code IMap.lock}/{@code unlock} on one key, behind {@link Lock} so library and raw share benchmark code. */
  record MapKeyLock(IMap<Object, Object> map, String key) implements Lock {
    @Override
    public void lock() {
      map.lock(key);
    }

    @Override
    public void lockInterruptibly() {
      map.lock(key);
    }

    @Override
    public boolean tryLock() {
      return map.tryLock(key);
    }

    @Override
    public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
      return map.tryLock(key, time, unit);
    }

    @Override
    public void unlock() {
      map.unlock(key);
    }

    @Override
    public Condition newCondition() {
      throw new UnsupportedOperationException();
    }
  }
}
