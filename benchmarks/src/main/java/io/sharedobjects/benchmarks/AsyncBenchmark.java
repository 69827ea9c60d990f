package io.sharedobjects.benchmarks;

import com.hazelcast.map.IMap;
import io.sharedobjects.SharedDict;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
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

/**
 * {@code SharedDict.getAsync} beside {@code IMap.getAsync}: 100 reads in flight from one thread, then wait
 * for all; one operation is the batch of 100. What a single thread gains when it does not wait for each
 * answer before asking the next.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class AsyncBenchmark {

  @Param({"embedded", "embedded-raw", "client", "client-raw"})
  public String backend;

  private Fixture fixture;
  private Function<Object, CompletionStage<Object>> getAsync;

  @Setup(Level.Trial)
  public void setUp() {
    fixture = Fixture.start(backend);
    Data.fill(fixture.dict("bench-dict"), Data.KEYS);
    if (fixture.raw()) {
      IMap<Object, Object> map = (IMap<Object, Object>) fixture.dict("bench-dict");
      getAsync = map::getAsync;
    } else {
      SharedDict<Object, Object> dict = (SharedDict<Object, Object>) fixture.dict("bench-dict");
      getAsync = dict::getAsync;
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    fixture.destroy(List.of("bench-dict"), List.of());
    fixture.close();
  }

  @Benchmark
  public Object getAsync100(Cursor cursor) {
    CompletableFuture<?>[] reads = new CompletableFuture<?>[Data.BATCH];
    for (int i = 0; i < reads.length; i++) {
      reads[i] = getAsync.apply(Data.KEY[cursor.next(Data.KEYS)]).toCompletableFuture();
    }
    return CompletableFuture.allOf(reads).join();
  }
}
