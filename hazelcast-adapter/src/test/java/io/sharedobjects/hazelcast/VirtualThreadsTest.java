package io.sharedobjects.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sharedobjects.SharedLock;
import io.sharedobjects.SharedSemaphore;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * 1,000 virtual threads on one lock and on one semaphore, through an embedded member and through a client:
 * exact counts, never more holders than allowed, and no deadlock (a virtual thread pinned to its carrier
 * while it waits would starve the others; the bound below would catch it). Virtual threads need Java 21;
 * the library is built for 17, so they are made by reflection, and on an older JVM the test is skipped,
 * unless {@value #REQUIRED} is set, as the JDK 25 leg of {@code .ci/run} sets it.
 */
class VirtualThreadsTest {

  static final String REQUIRED = "shared-objects.require-virtual-threads";
  private static final int THREADS = 1000;
  private static final int PERMITS = 3;

  private static HazelcastSharedObjects member;
  private static HazelcastSharedObjects client;

  @BeforeAll
  static void start() {
    member = HazelcastSharedObjects.builder().clusterName("virtual-" + UUID.randomUUID()).port(0).embedded();
    client = HazelcastSharedObjects.builder().clusterName(member.clusterName()).client(member.address());
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (member != null) {
      member.close();
    }
  }

  @Test
  @DisplayName("1,000 virtual threads take one lock, half through the member and half through the client: every increment counted, one holder at a time")
  void lock() throws Exception {
    SharedLock[] locks = {member.lock("virtual"), client.lock("virtual")};
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    int[] count = {0};
    runOnVirtualThreads(i -> {
      SharedLock lock = locks[i % 2];
      lock.lock();
      try {
        if (inside.incrementAndGet() > 1) {
          overlaps.incrementAndGet();
        }
        count[0]++; // guarded by the shared lock only
        inside.decrementAndGet();
      } finally {
        lock.unlock();
      }
    });
    assertThat(overlaps).hasValue(0);
    assertThat(count[0]).isEqualTo(THREADS);
    assertThat(locks[0].isLocked()).isFalse();
  }

  @Test
  @DisplayName("1,000 virtual threads share a semaphore of 3 permits, through the member and the client: never more than 3 holders, every permit back")
  void semaphore() throws Exception {
    SharedSemaphore[] semaphores = {member.semaphore("virtual", PERMITS), client.semaphore("virtual", PERMITS)};
    AtomicInteger holders = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    runOnVirtualThreads(i -> {
      SharedSemaphore semaphore = semaphores[i % 2];
      semaphore.acquire();
      try {
        most.accumulateAndGet(holders.incrementAndGet(), Math::max);
        done.incrementAndGet();
        holders.decrementAndGet();
      } finally {
        semaphore.release();
      }
    });
    assertThat(done).hasValue(THREADS);
    assertThat(most.get()).isBetween(1, PERMITS);
    assertThat(semaphores[0].availablePermits()).isEqualTo(PERMITS);
  }

  private interface Work {
    void run(int index) throws Exception;
  }

  /** Runs {@code work} once on each of {@value #THREADS} virtual threads, started together; fails on any error or after 2 minutes. */
  private static void runOnVirtualThreads(Work work) throws Exception {
    ExecutorService executor = virtualThreadPerTask();
    List<Future<?>> futures = new ArrayList<>();
    try {
      for (int i = 0; i < THREADS; i++) {
        int index = i;
        futures.add(executor.submit(() -> {
          work.run(index);
          return null;
        }));
      }
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      for (Future<?> future : futures) {
        future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } finally {
      executor.shutdownNow();
    }
  }

  private static ExecutorService virtualThreadPerTask() {
    try {
      return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    } catch (NoSuchMethodException e) {
      assumeTrue(Boolean.getBoolean(REQUIRED) ? fail() : false, "virtual threads need Java 21 or later; this is " + Runtime.version());
      throw new AssertionError(e);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static boolean fail() {
    throw new AssertionError(REQUIRED + " is set, but this JVM (" + Runtime.version() + ") has no virtual threads");
  }
}
