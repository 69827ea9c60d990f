package io.sharedobjects.benchmarks;

import java.util.List;
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
import org.openjdk.jmh.infra.Blackhole;

/** {@code SharedList} operations beside the same {@code IList} operations, per backend. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class ListBenchmark {

  @Param({"in-memory", "embedded", "embedded-raw", "client", "client-raw"})
  public String backend;

  private Fixture fixture;
  private List<Object> appended;
  private List<Object> small;
  private List<Object> big;

  @Setup(Level.Trial)
  public void setUp() {
    fixture = Fixture.start(backend);
    appended = fixture.list("bench-list-append");
    small = fixture.list("bench-list");
    Data.fill(small, Data.KEYS);
    big = fixture.list("bench-list-10k");
    Data.fill(big, Data.BIG);
  }

  /** An IList keeps every element in one partition; emptying it per iteration keeps appends from piling up. */
  @Setup(Level.Iteration)
  public void emptyAppended() {
    appended.clear();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    fixture.destroy(List.of(), List.of("bench-list-append", "bench-list", "bench-list-10k"));
    fixture.close();
  }

  @Benchmark
  public boolean append() {
    return appended.add(Data.VALUE[0]);
  }

  @Benchmark
  public Object getByIndex(Cursor cursor) {
    return small.get(cursor.next(Data.KEYS));
  }

  /** Reads every element of a 10,000-element list: the library pages through it, raw {@code IList} copies it. */
  @Benchmark
  public void iterate10k(Blackhole blackhole) {
    for (Object element : big) {
      blackhole.consume(element);
    }
  }
}
