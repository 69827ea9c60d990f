package io.sharedobjects.benchmarks;

import com.hazelcast.map.IMap;
import io.sharedobjects.SharedDict;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
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
 * The library and raw Hazelcast in the same fork, on the same instance, one call of each in turn (the order
 * alternating), timed call by call: the ratio of their total times is the library's cost over raw Hazelcast
 * with the machine's moment-to-moment and fork-to-fork swings cancelled out, which separate forks (the
 * other benchmarks) cannot do on a noisy machine. The score counts pairs; the {@code library} and
 * {@code raw} secondary results are nanoseconds spent in each side per iteration. Meant for 1 thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class PairedBenchmark {

  @Param({"embedded", "client"})
  public String backend;

  private Fixture fixture;
  private SharedDict<Object, Object> libraryDict;
  private IMap<Object, Object> rawDict;
  private Map<Object, Object> libraryBig;
  private Map<Object, Object> rawBig;
  private List<Object> libraryList;
  private List<Object> rawList;
  private Lock libraryLock;
  private Lock rawLock;

  /** Nanoseconds spent in each side during one iteration. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Nanos {
    public long library;
    public long raw;
    boolean libraryFirst; // not public: JMH reports only public fields

    @Setup(Level.Iteration)
    public void reset() {
      library = 0;
      raw = 0;
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    fixture = Fixture.start(backend);
    libraryDict = fixture.library().dict("paired-dict");
    rawDict = fixture.hazelcast().getMap("paired-dict-raw");
    Data.fill(libraryDict, Data.KEYS);
    Data.fill(rawDict, Data.KEYS);
    libraryBig = fixture.library().dict("paired-dict-10k");
    rawBig = fixture.hazelcast().getMap("paired-dict-10k-raw");
    Data.fill(libraryBig, Data.BIG);
    Data.fill(rawBig, Data.BIG);
    libraryList = fixture.library().list("paired-list");
    rawList = fixture.hazelcast().getList("paired-list-raw");
    libraryLock = fixture.library().lock("paired-lock");
    rawLock = fixture.rawLock("paired-lock");
  }

  /** Appends pile up in one partition; both lists start each iteration empty. */
  @Setup(Level.Iteration)
  public void emptyLists() {
    libraryList.clear();
    rawList.clear();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    fixture.destroy(List.of("paired-dict", "paired-dict-10k"), List.of("paired-list"));
    fixture.hazelcast().getMap("paired-dict-raw").destroy();
    fixture.hazelcast().getMap("paired-dict-10k-raw").destroy();
    fixture.hazelcast().getList("paired-list-raw").destroy();
    fixture.close();
  }

  @Benchmark
  public void put(Cursor cursor, Nanos nanos, Blackhole blackhole) {
    int i = cursor.next(Data.KEYS);
    pair(nanos, blackhole, () -> libraryDict.put(Data.KEY[i], Data.VALUE[i]), () -> rawDict.put(Data.KEY[i], Data.VALUE[i]));
  }

  /** A put that returns nothing: the library's {@code set} beside {@code IMap.set}. */
  @Benchmark
  public void set(Cursor cursor, Nanos nanos, Blackhole blackhole) {
    int i = cursor.next(Data.KEYS);
    pair(nanos, blackhole, () -> {
      libraryDict.set(Data.KEY[i], Data.VALUE[i]);
      return null;
    }, () -> {
      rawDict.set(Data.KEY[i], Data.VALUE[i]);
      return null;
    });
  }

  @Benchmark
  public void get(Cursor cursor, Nanos nanos, Blackhole blackhole) {
    int i = cursor.next(Data.KEYS);
    pair(nanos, blackhole, () -> libraryDict.get(Data.KEY[i]), () -> rawDict.get(Data.KEY[i]));
  }

  @Benchmark
  public void append(Nanos nanos, Blackhole blackhole) {
    pair(nanos, blackhole, () -> libraryList.add(Data.VALUE[0]), () -> rawList.add(Data.VALUE[0]));
  }

  @Benchmark
  public void lockUnlock(Nanos nanos, Blackhole blackhole) {
    pair(nanos, blackhole, () -> lockAndUnlock(libraryLock), () -> lockAndUnlock(rawLock));
  }

  @Benchmark
  public void iterate10k(Nanos nanos, Blackhole blackhole) {
    pair(nanos, blackhole, () -> readValues(libraryBig, blackhole), () -> readValues(rawBig, blackhole));
  }

  private static Object lockAndUnlock(Lock lock) {
    lock.lock();
    lock.unlock();
    return lock;
  }

  private static Object readValues(Map<Object, Object> map, Blackhole blackhole) {
    for (Map.Entry<Object, Object> entry : map.entrySet()) {
      blackhole.consume(entry.getValue());
    }
    return map;
  }

  private static void pair(Nanos nanos, Blackhole blackhole, Supplier<?> library, Supplier<?> raw) {
    if (nanos.libraryFirst) {
      nanos.library += timed(library, blackhole);
      nanos.raw += timed(raw, blackhole);
    } else {
      nanos.raw += timed(raw, blackhole);
      nanos.library += timed(library, blackhole);
    }
    nanos.libraryFirst = !nanos.libraryFirst;
  }

  private static long timed(Supplier<?> op, Blackhole blackhole) {
    long start = System.nanoTime();
    Object result = op.get();
    long took = System.nanoTime() - start;
    blackhole.consume(result);
    return took;
  }
}
