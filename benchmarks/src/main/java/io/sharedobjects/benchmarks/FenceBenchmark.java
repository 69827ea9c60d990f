package io.sharedobjects.benchmarks;

import io.sharedobjects.SharedLock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * {@code SharedLock.acquire()}: lock, take a fencing token, unlock. Library only: raw Hazelcast open source
 * has no fencing tokens outside the CP Subsystem, so its nearest equivalent is {@link LockBenchmark}'s
 * lock and unlock.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class FenceBenchmark {

  @Param({"in-memory", "embedded", "client"})
  public String backend;

  Fixture fixture;

  @Setup(Level.Trial)
  public void setUp() {
    fixture = Fixture.start(backend);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    fixture.close();
  }

  /** Each benchmark thread's own lock. */
  @State(Scope.Thread)
  public static class OwnLock {
    private static final AtomicInteger THREADS = new AtomicInteger();
    SharedLock lock;

    @Setup(Level.Trial)
    public void setUp(FenceBenchmark benchmark) {
      lock = benchmark.fixture.sharedLock("bench-fenced-" + THREADS.getAndIncrement());
    }
  }

  @Benchmark
  public long acquireWithFence(OwnLock own) {
    try (SharedLock.Hold hold = own.lock.acquire()) {
      return hold.fence();
    }
  }
}
