package io.sharedobjects.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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

/** Reads of a near-cached dict (builder option {@code nearCache(...)}), beside raw {@code IMap} with the same near cache. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class NearCacheBenchmark {

  private static final String NAME = Fixture.NEAR_CACHED_PREFIX + "bench-dict";

  @Param({"embedded-near-cache", "embedded-near-cache-raw", "client-near-cache", "client-near-cache-raw"})
  public String backend;

  private Fixture fixture;
  private Map<Object, Object> dict;

  @Setup(Level.Trial)
  public void setUp() {
    fixture = Fixture.start(backend);
    dict = fixture.dict(NAME);
    Data.fill(dict, Data.KEYS);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    fixture.destroy(List.of(NAME), List.of());
    fixture.close();
  }

  @Benchmark
  public Object get(Cursor cursor) {
    return dict.get(Data.KEY[cursor.next(Data.KEYS)]);
  }
}
