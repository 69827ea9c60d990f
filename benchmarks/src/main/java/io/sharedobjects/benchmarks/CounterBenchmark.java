package io.sharedobjects.benchmarks;

import com.hazelcast.map.IMap;
import io.sharedobjects.SharedCounter;
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

/**
 * {@code incrementAndGet} of one counter all benchmark threads share, so at 4 threads they contend: the
 * library's {@link SharedCounter}, or raw Hazelcast's nearest open-source equivalent, a compare-and-set loop
 * on an {@code IMap} key. The target compares the embedded figure at 4 threads with Python's increment
 * of a manager {@code Value} under a manager {@code Lock} from 4 processes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class CounterBenchmark {

  private static final String KEY = "counter";

  @Param({"embedded", "embedded-raw"})
  public String backend;

  private Fixture fixture;
  private SharedCounter counter;
  private IMap<String, Object> rawMap;

  @Setup(Level.Trial)
  public void setUp() {
    fixture = Fixture.start(backend);
    if (fixture.raw()) {
      rawMap = fixture.hazelcast().getMap("bench-counter-raw");
      rawMap.set(KEY, 0L);
    } else {
      counter = fixture.library().counter("bench-counter");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (fixture.raw()) {
      rawMap.destroy();
    } else {
      counter.destroy();
    }
    fixture.close();
  }

  @Benchmark
  public long incrementAndGet() {
    return fixture.raw() ? rawIncrement(rawMap, KEY) : counter.incrementAndGet();
  }

  /** Raw Hazelcast's increment without CP: read, then replace if unchanged, until it wins. */
  static long rawIncrement(IMap<String, Object> map, String key) {
    while (true) {
      Long current = (Long) map.get(key);
      if (current == null) {
        if (map.putIfAbsent(key, 1L) == null) {
          return 1L;
        }
      } else if (map.replace(key, current, current + 1)) {
        return current + 1;
      }
    }
  }
}
