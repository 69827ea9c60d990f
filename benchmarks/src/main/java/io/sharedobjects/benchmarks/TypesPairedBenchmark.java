package io.sharedobjects.benchmarks;

import com.hazelcast.collection.IQueue;
import com.hazelcast.collection.ISet;
import com.hazelcast.map.IMap;
import io.sharedobjects.SharedCounter;
import io.sharedobjects.SharedQueue;
import io.sharedobjects.SharedSet;
import io.sharedobjects.SharedValue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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
 * Queue, set, value and counter beside raw Hazelcast in one fork, a call of each in turn, timed call by call
 * as {@link PairedBenchmark} does (its {@link PairedBenchmark.Nanos} counters hold each side's time). Raw
 * counterparts: {@code IQueue} offer + poll, {@code ISet}, an {@code IMap} get/set of one key for the value,
 * and a compare-and-set loop on an {@code IMap} key for the counter. Meant for 1 thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class TypesPairedBenchmark {

  private static final String VALUE_KEY = "value";
  private static final String COUNTER_KEY = "counter";

  @Param({"embedded", "client"})
  public String backend;

  private Fixture fixture;
  private SharedQueue<Object> libraryQueue;
  private IQueue<Object> rawQueue;
  private SharedSet<Object> librarySet;
  private ISet<Object> rawSet;
  private SharedValue<Object> libraryValue;
  private SharedCounter libraryCounter;
  private IMap<String, Object> rawValues;

  @Setup(Level.Trial)
  public void setUp() {
    fixture = Fixture.start(backend);
    libraryQueue = fixture.library().queue("paired-queue");
    rawQueue = fixture.hazelcast().getQueue("paired-queue-raw");
    librarySet = fixture.library().set("paired-set");
    rawSet = fixture.hazelcast().getSet("paired-set-raw");
    for (int i = 0; i < Data.KEYS; i += 2) { // half the keys present, so contains answers both ways
      librarySet.add(Data.KEY[i]);
      rawSet.add(Data.KEY[i]);
    }
    libraryValue = fixture.library().value("paired-value");
    libraryValue.set(Data.VALUE[0]);
    libraryCounter = fixture.library().counter("paired-counter");
    rawValues = fixture.hazelcast().getMap("paired-values-raw");
    rawValues.set(VALUE_KEY, Data.VALUE[0]);
    rawValues.set(COUNTER_KEY, 0L);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    libraryQueue.destroy();
    librarySet.destroy();
    libraryValue.destroy();
    libraryCounter.destroy();
    rawQueue.destroy();
    rawSet.destroy();
    rawValues.destroy();
    fixture.close();
  }

  /** A put and a take: the library's put also counts the item as unfinished (JoinableQueue). */
  @Benchmark
  public void queuePutTake(PairedBenchmark.Nanos nanos, Blackhole blackhole) {
    pair(nanos, blackhole, () -> {
      try {
        libraryQueue.put(Data.VALUE[0]);
        return libraryQueue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }, () -> {
      rawQueue.offer(Data.VALUE[0]);
      return rawQueue.poll();
    });
  }

  /** Adds one of 1,000 keys, half of which are there already. */
  @Benchmark
  public void setAdd(Cursor cursor, PairedBenchmark.Nanos nanos, Blackhole blackhole) {
    int i = cursor.next(Data.KEYS);
    pair(nanos, blackhole, () -> librarySet.add(Data.KEY[i]), () -> rawSet.add(Data.KEY[i]));
  }

  @Benchmark
  public void setContains(Cursor cursor, PairedBenchmark.Nanos nanos, Blackhole blackhole) {
    int i = cursor.next(Data.KEYS);
    pair(nanos, blackhole, () -> librarySet.contains(Data.KEY[i]), () -> rawSet.contains(Data.KEY[i]));
  }

  @Benchmark
  public void valueGet(PairedBenchmark.Nanos nanos, Blackhole blackhole) {
    pair(nanos, blackhole, libraryValue::get, () -> rawValues.get(VALUE_KEY));
  }

  @Benchmark
  public void valueSet(Cursor cursor, PairedBenchmark.Nanos nanos, Blackhole blackhole) {
    int i = cursor.next(Data.KEYS);
    pair(nanos, blackhole, () -> {
      libraryValue.set(Data.VALUE[i]);
      return null;
    }, () -> {
      rawValues.set(VALUE_KEY, Data.VALUE[i]);
      return null;
    });
  }

  @Benchmark
  public void counterIncrement(PairedBenchmark.Nanos nanos, Blackhole blackhole) {
    pair(nanos, blackhole, libraryCounter::incrementAndGet,
        () -> CounterBenchmark.rawIncrement(rawValues, COUNTER_KEY));
  }

  private static void pair(PairedBenchmark.Nanos nanos, Blackhole blackhole, Supplier<?> library, Supplier<?> raw) {
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
