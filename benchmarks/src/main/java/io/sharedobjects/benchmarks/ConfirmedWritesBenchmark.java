package io.sharedobjects.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * What {@code confirmedWrites(true)} costs: a put and an append on a three-member cluster started with it,
 * and the same on one started without it, in one fork, one call of each in turn ({@link Turns}), each call
 * timed. Both clusters are in this JVM ({@link ThreeMemberCluster}); each side writes keys and lists placed
 * on its members the same way (each pair of primary and backup member equally often). The score counts rounds; the {@code confirmed}
 * and {@code unconfirmed} secondary results are nanoseconds spent in each side per iteration, the
 * {@code ...Median} ones each side's median call per iteration. Meant for 1 thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class ConfirmedWritesBenchmark {

  private static final int KEYS = 996;

  @Param({"embedded", "client"})
  public String backend;

  private final Side confirmed = new Side();
  private final Side unconfirmed = new Side();

  /** One cluster and what the benchmark writes to it. */
  private static final class Side {
    ThreeMemberCluster cluster;
    Map<Object, Object> dict;
    Integer[] keys;
    List<List<Object>> lists = new ArrayList<>();

    void start(String backend, boolean confirmedWrites) {
      cluster = ThreeMemberCluster.start(backend, builder -> builder.confirmedWrites(confirmedWrites));
      dict = cluster.caller().dict("confirmed-writes");
      keys = cluster.keysPlacedInTurn(KEYS);
      for (Integer key : keys) {
        dict.put(key, Data.VALUE[0]);
      }
      for (String name : cluster.namesPlacedInTurn("confirmed-writes")) {
        lists.add(cluster.caller().list(name));
      }
    }

    Object put(int i) {
      return dict.put(keys[i], Data.VALUE[i]);
    }

    Object append(int i) {
      return lists.get(i % lists.size()).add(Data.VALUE[i]);
    }
  }

  /** Per iteration: nanoseconds spent in each side, and each side's median call in nanoseconds. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Nanos {
    public long confirmed;
    public long unconfirmed;
    public long confirmedMedian;
    public long unconfirmedMedian;
    private final Turns turns = new Turns(2);

    @Setup(Level.Iteration)
    public void reset() {
      turns.reset();
    }

    @TearDown(Level.Iteration)
    public void summarize() {
      confirmed = turns.total(0);
      unconfirmed = turns.total(1);
      confirmedMedian = turns.median(0);
      unconfirmedMedian = turns.median(1);
    }

    void round(Blackhole blackhole, Supplier<?> confirmedCall, Supplier<?> unconfirmedCall) {
      turns.round(blackhole, confirmedCall, unconfirmedCall);
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    try {
      confirmed.start(backend, true);
      unconfirmed.start(backend, false);
    } catch (RuntimeException e) {
      tearDown();
      throw e;
    }
  }

  /** Appends pile up in one partition each; every list starts each iteration empty. */
  @Setup(Level.Iteration)
  public void emptyLists() {
    confirmed.lists.forEach(List::clear);
    unconfirmed.lists.forEach(List::clear);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    for (Side side : List.of(confirmed, unconfirmed)) {
      if (side.cluster != null) {
        side.cluster.close();
      }
    }
  }

  @Benchmark
  public void put(Cursor cursor, Nanos nanos, Blackhole blackhole) {
    int i = cursor.next(KEYS);
    nanos.round(blackhole, () -> confirmed.put(i), () -> unconfirmed.put(i));
  }

  @Benchmark
  public void append(Cursor cursor, Nanos nanos, Blackhole blackhole) {
    int i = cursor.next(KEYS);
    nanos.round(blackhole, () -> confirmed.append(i), () -> unconfirmed.append(i));
  }
}
