package io.sharedobjects.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
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
import java.util.concurrent.TimeUnit;

/** {@code SharedDict} operations beside the same {@code IMap} operations, per backend. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class DictBenchmark {

  @Param({"in-memory", "embedded", "embedded-raw", "client", "client-raw"})
  public String backend;

  private Fixture fixture;
  private Map<Object, Object> dict;
  private Function<Set<Object>, Map<Object, Object>> getAll;
  private Map<Object, Object> big;

  @Setup(Level.Trial)
  public void setUp() {
    fixture = Fixture.start(backend);
    dict = fixture.dict("bench-dict");
    getAll = fixture.getAll("bench-dict");
    Data.fill(dict, Data.KEYS);
    big = fixture.dict("bench-dict-10k");
    Data.fill(big, Data.BIG);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    fixture.destroy(List.of("bench-dict", "bench-dict-10k"), List.of());
    fixture.close();
  }

  @Benchmark
  public Object put(Cursor cursor) {
    int i = cursor.next(Data.KEYS);
    return dict.put(Data.KEY[i], Data.VALUE[i]);
  }

  @Benchmark
  public Object get(Cursor cursor) {
    return dict.get(Data.KEY[cursor.next(Data.KEYS)]);
  }

  @Benchmark
  public void putAll100(Cursor cursor) {
    dict.putAll(Data.BATCHES.get(cursor.next(Data.BATCHES.size())));
  }

  @Benchmark
  public Map<Object, Object> getAll100(Cursor cursor) {
    return getAll.apply(Data.BATCH_KEYS.get(cursor.next(Data.BATCH_KEYS.size())));
  }

  /** Reads every entry of a 10,000-entry dict: the library pages through it, raw {@code entrySet()} copies it. */
  @Benchmark
  public void iterate10k(Blackhole blackhole) {
    for (Map.Entry<Object, Object> entry : big.entrySet()) {
      blackhole.consume(entry.getValue());
    }
  }
}
