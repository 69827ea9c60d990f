package io.sharedobjects.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Lock;
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
 * {@code SharedLock} beside {@code IMap.lock} (what the library's MAP lock backend uses), per backend:
 * lock and unlock of a lock of one's own, and tryLock and unlock of one lock all threads share.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class LockBenchmark {

  @Param({"in-memory", "embedded", "embedded-raw", "client", "client-raw"})
  public String backend;

  Fixture fixture;
  private Lock shared;

  @Setup(Level.Trial)
  public void setUp() {
    fixture = Fixture.start(backend);
    shared = fixture.lock("bench-lock-shared");
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    fixture.close();
  }

  /** Each benchmark thread's own lock, so lockUnlock measures the calls, not waiting for other threads. */
  @State(Scope.Thread)
  public static class OwnLock {
    private static final AtomicInteger THREADS = new AtomicInteger();
    Lock lock;

    @Setup(Level.Trial)
    public void setUp(LockBenchmark benchmark) {
      lock = benchmark.fixture.lock("bench-lock-" + THREADS.getAndIncrement());
    }
  }

  @Benchmark
  public void lockUnlock(OwnLock own) {
    own.lock.lock();
    own.lock.unlock();
  }

  /** tryLock on the lock every thread shares, and unlock if it was free; at 4 threads they contend. */
  @Benchmark
  public boolean tryLockContended() {
    if (shared.tryLock()) {
      shared.unlock();
      return true;
    }
    return false;
  }

}
