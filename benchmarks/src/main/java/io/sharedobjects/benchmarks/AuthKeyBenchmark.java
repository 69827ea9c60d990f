package io.sharedobjects.benchmarks;

import io.sharedobjects.SharedLock;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import io.sharedobjects.testing.StockHazelcastMember;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What an authKey costs: dict put, dict get, and lock plus unlock, sealed and not, in one fork, one call of
 * each side in turn ({@link Turns}), each call timed. Embedded: two single-member clusters in this JVM, one
 * started with a key. Client: two clients of one stock member in another JVM, one with a key. The score
 * counts rounds; the {@code sealed} and {@code plain} secondary results are nanoseconds spent in each side
 * per iteration, the {@code ...Median} ones each side's median call. Meant for 1 thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class AuthKeyBenchmark {

  static final String KEY = "the benchmark's authKey, a passphrase of some length";

  @Param({"embedded", "client"})
  public String backend;

  private final List<AutoCloseable> started = new ArrayList<>();
  private Side sealed;
  private Side plain;

  /** One SharedObjects and what the benchmark uses of it. */
  private record Side(Map<Object, Object> dict, SharedLock lock) {
    /**
     * The side of {@code shared}, on objects of its own ({@code name}): in client mode both sides share one
     * cluster, and a lock's fencing counter sealed by one side is, rightly, unreadable by the other.
     */
    static Side of(HazelcastSharedObjects shared, String name) {
      Map<Object, Object> dict = shared.dict(name);
      for (int i = 0; i < Data.KEYS; i++) {
        dict.put(Data.KEY[i], Data.VALUE[i]);
      }
      return new Side(dict, shared.lock(name));
    }

    Object put(int i) {
      return dict.put(Data.KEY[i], Data.VALUE[i]);
    }

    Object get(int i) {
      return dict.get(Data.KEY[i]);
    }

    Object lockUnlock() {
      lock.lock();
      lock.unlock();
      return lock;
    }
  }

  /** Per iteration: nanoseconds spent in each side, and each side's median call in nanoseconds. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Nanos {
    public long sealed;
    public long plain;
    public long sealedMedian;
    public long plainMedian;
    private final Turns turns = new Turns(2);

    @Setup(Level.Iteration)
    public void reset() {
      turns.reset();
    }

    @TearDown(Level.Iteration)
    public void summarize() {
      sealed = turns.total(0);
      plain = turns.total(1);
      sealedMedian = turns.median(0);
      plainMedian = turns.median(1);
    }

    void round(Blackhole blackhole, Supplier<?> sealedCall, Supplier<?> plainCall) {
      turns.round(blackhole, sealedCall, plainCall);
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    try {
      HazelcastSharedObjects withKey;
      HazelcastSharedObjects withoutKey;
      if (backend.equals("embedded")) {
        withKey = HazelcastSharedObjects.builder().clusterName("bench-sealed-" + UUID.randomUUID()).port(0)
            .authKey(KEY).embedded();
        started.add(withKey);
        withoutKey = HazelcastSharedObjects.builder().clusterName("bench-plain-" + UUID.randomUUID()).port(0)
            .embedded();
        started.add(withoutKey);
      } else {
        String cluster = "bench-" + UUID.randomUUID();
        StockHazelcastMember member = BenchmarkMember.start(cluster);
        started.add(member);
        withKey = HazelcastSharedObjects.builder().clusterName(cluster).authKey(KEY).client(member.address());
        started.add(0, withKey);
        withoutKey = HazelcastSharedObjects.builder().clusterName(cluster).client(member.address());
        started.add(0, withoutKey);
      }
      sealed = Side.of(withKey, "auth-key-bench-sealed");
      plain = Side.of(withoutKey, "auth-key-bench-plain");
    } catch (RuntimeException e) {
      tearDown();
      throw e;
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    for (AutoCloseable closeable : started) {
      try {
        closeable.close();
      } catch (Exception e) {
        // keep closing the rest
      }
    }
    started.clear();
  }

  @Benchmark
  public void put(Cursor cursor, Nanos nanos, Blackhole blackhole) {
    int i = cursor.next(Data.KEYS);
    nanos.round(blackhole, () -> sealed.put(i), () -> plain.put(i));
  }

  @Benchmark
  public void get(Cursor cursor, Nanos nanos, Blackhole blackhole) {
    int i = cursor.next(Data.KEYS);
    nanos.round(blackhole, () -> sealed.get(i), () -> plain.get(i));
  }

  @Benchmark
  public void lockUnlock(Nanos nanos, Blackhole blackhole) {
    nanos.round(blackhole, sealed::lockUnlock, plain::lockUnlock);
  }
}
