package io.sharedobjects.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
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
 * What {@code clusterSize(3)} costs a lock: {@code lock()} + {@code unlock()} of the library, and raw
 * {@code IMap.lock}/{@code unlock} on the same instance, on a three-member cluster started with
 * {@code clusterSize(3)} and on one started without it, all four in one fork, one call of each in turn
 * ({@link Turns}), each call timed. Both clusters are in this JVM ({@link ThreeMemberCluster}), three
 * members each, the size declared; each round takes the next of six locks, one for each pair of primary
 * and backup member, in every variant alike. The score counts rounds; the secondary results are nanoseconds spent
 * per iteration in {@code library} and {@code raw} (no cluster size) and in {@code declaredLibrary} and
 * {@code declaredRaw} (clusterSize(3)), and each one's median call per iteration ({@code ...Median}).
 * Meant for 1 thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class ClusterSizeLockBenchmark {

  @Param({"embedded", "client"})
  public String backend;

  private ThreeMemberCluster undeclared;
  private ThreeMemberCluster declared;
  /** Per variant, a lock in each placement of {@link ThreeMemberCluster#namesPlacedInTurn}. */
  private final Lock[] library = new Lock[ThreeMemberCluster.PLACEMENTS];
  private final Lock[] raw = new Lock[ThreeMemberCluster.PLACEMENTS];
  private final Lock[] declaredLibrary = new Lock[ThreeMemberCluster.PLACEMENTS];
  private final Lock[] declaredRaw = new Lock[ThreeMemberCluster.PLACEMENTS];

  /** Per iteration: nanoseconds spent in each variant, and each variant's median call in nanoseconds. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Nanos {
    public long library;
    public long raw;
    public long declaredLibrary;
    public long declaredRaw;
    public long libraryMedian;
    public long rawMedian;
    public long declaredLibraryMedian;
    public long declaredRawMedian;
    private final Turns turns = new Turns(4);

    @Setup(Level.Iteration)
    public void reset() {
      turns.reset();
    }

    @TearDown(Level.Iteration)
    public void summarize() {
      library = turns.total(0);
      raw = turns.total(1);
      declaredLibrary = turns.total(2);
      declaredRaw = turns.total(3);
      libraryMedian = turns.median(0);
      rawMedian = turns.median(1);
      declaredLibraryMedian = turns.median(2);
      declaredRawMedian = turns.median(3);
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    try {
      undeclared = ThreeMemberCluster.start(backend, builder -> builder);
      declared = ThreeMemberCluster.start(backend, builder -> builder.clusterSize(ThreeMemberCluster.MEMBERS));
    } catch (RuntimeException e) {
      tearDown();
      throw e;
    }
    locks(undeclared, library, raw);
    locks(declared, declaredLibrary, declaredRaw);
  }

  /** The library's and raw locks of {@code cluster}, one of each per placement; the same name, so the same partition. */
  private static void locks(ThreeMemberCluster cluster, Lock[] library, Lock[] raw) {
    String[] names = cluster.namesPlacedInTurn("paired-lock");
    for (int i = 0; i < names.length; i++) {
      library[i] = cluster.caller().lock(names[i]);
      raw[i] = new Fixture.MapKeyLock(cluster.caller().hazelcastInstance().getMap("bench-raw-locks"), names[i]);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (declared != null) {
      declared.close();
    }
    if (undeclared != null) {
      undeclared.close();
    }
  }

  @Benchmark
  public void lockUnlock(Cursor cursor, Nanos nanos, Blackhole blackhole) {
    int i = cursor.next(ThreeMemberCluster.PLACEMENTS);
    nanos.turns.round(blackhole, () -> lockAndUnlock(library[i]), () -> lockAndUnlock(raw[i]),
        () -> lockAndUnlock(declaredLibrary[i]), () -> lockAndUnlock(declaredRaw[i]));
  }

  private static Object lockAndUnlock(Lock lock) {
    lock.lock();
    lock.unlock();
    return lock;
  }
}
