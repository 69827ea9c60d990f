package io.sharedobjects.benchmarks;

import io.sharedobjects.SharedSemaphore;
import java.util.UUID;
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
 * {@code acquire()} + {@code release()} of one {@link SharedSemaphore} of {@value #PERMITS} permits that every
 * benchmark thread shares, so at 4 threads two of them wait for a permit at any time. Python's counterpart
 * is a manager {@code BoundedSemaphore(2)} from 1 or 4 processes; the target compares the embedded figure at
 * 4 threads with Python's at 4 processes.
 *
 * <p>No raw variant: Hazelcast open source has no semaphore (its {@code ISemaphore} is CP, Enterprise-only
 * since 5.5), so there is nothing of the same kind to set beside it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class SemaphoreBenchmark {

  static final int PERMITS = 2;

  @Param({"in-memory", "embedded", "client"})
  public String backend;

  private Fixture fixture;
  private SharedSemaphore semaphore;

  @Setup(Level.Trial)
  public void setUp() {
    fixture = Fixture.start(backend);
    // A name of its own per fork: client forks share one member, and a semaphore's permit count is fixed by
    // its first creator.
    semaphore = fixture.library().semaphore("bench-semaphore-" + UUID.randomUUID(), PERMITS);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    try {
      semaphore.destroy();
    } finally {
      fixture.close();
    }
  }

  @Benchmark
  public void acquireRelease() throws InterruptedException {
    semaphore.acquire();
    semaphore.release();
  }
}
