package io.sharedobjects.spring.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sharedobjects.SharedLock;
import io.sharedobjects.SharedObjects;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.integration.support.locks.ExpirableLockRegistry;
import org.springframework.integration.support.locks.LockRegistry;
import org.springframework.integration.support.locks.RenewableLockRegistry;

/**
 * The {@link LockRegistry} contract of {@link SharedObjectsLockRegistry} between two processes of one backend:
 * {@link #here()} and {@link #there()} are two {@code SharedObjects} peers. What "there" does runs on a thread
 * of its own, as another process would. Each test uses a prefix of its own, so no two tests share a lock.
 */
abstract class LockRegistryContract {

  /** Bound of every wait on another thread; long only to survive a loaded machine. */
  private static final long BOUND_SECONDS = 30;

  /** The first process's {@code SharedObjects}. */
  protected abstract SharedObjects here();

  /** A second process's {@code SharedObjects}, a peer of {@link #here()}. */
  protected abstract SharedObjects there();

  /** A new {@code SharedObjects} in the first process that the test may close without stopping {@link #here()}. */
  protected abstract SharedObjects closableHere();

  private final ExecutorService otherProcess = Executors.newSingleThreadExecutor();
  protected SharedObjectsLockRegistry registryHere;
  protected SharedObjectsLockRegistry registryThere;
  protected String key;

  @BeforeEach
  void registries() {
    String prefix = "test-" + UUID.randomUUID();
    registryHere = new SharedObjectsLockRegistry(here(), prefix);
    registryThere = new SharedObjectsLockRegistry(there(), prefix);
    key = "job-" + UUID.randomUUID();
  }

  @AfterEach
  void stopOtherProcess() throws InterruptedException {
    otherProcess.shutdownNow();
    assertThat(otherProcess.awaitTermination(BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();
  }

  /** Runs {@code action} on the other process's thread and waits for its result, bounded. */
  protected <T> T inOtherProcess(java.util.concurrent.Callable<T> action) throws Exception {
    return otherProcess.submit(action).get(BOUND_SECONDS, TimeUnit.SECONDS);
  }

  /** Whether the other process can take the key's lock now; if it can, it gives it back at once. */
  protected boolean otherProcessCanTake(Object lockKey) throws Exception {
    return inOtherProcess(() -> {
      SharedLock lock = registryThere.obtain(lockKey);
      if (!lock.tryLock()) {
        return false;
      }
      lock.unlock();
      return true;
    });
  }

  /** Whether the holder started by a test is still holding (it has not finished). */
  private static boolean otherProcessHolds(Future<?> holder) {
    return !holder.isDone();
  }

  @Test
  @DisplayName("obtain returns locks that exclude each other across processes, and the lock is free again after unlock")
  void excludesAcrossProcesses() throws Exception {
    SharedLock lock = registryHere.obtain(key);
    lock.lock();
    try {
      assertThat(otherProcessCanTake(key)).isFalse();
      assertThat(inOtherProcess(() -> registryThere.obtain(key).isLocked())).isTrue();
    } finally {
      lock.unlock();
    }
    assertThat(otherProcessCanTake(key)).isTrue();
  }

  @Test
  @DisplayName("a holder in the other process keeps this process out until it unlocks")
  void otherProcessHolderExcludesThisOne() throws Exception {
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Future<Object> holder = otherProcess.submit(() -> {
      SharedLock lock = registryThere.obtain(key);
      lock.lock();
      held.countDown();
      try {
        return release.await(BOUND_SECONDS, TimeUnit.SECONDS);
      } finally {
        lock.unlock();
      }
    });
    assertThat(held.await(BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();
    SharedLock lock = registryHere.obtain(key);
    assertThat(lock.tryLock()).isFalse();
    release.countDown();
    holder.get(BOUND_SECONDS, TimeUnit.SECONDS);
    assertThat(lock.tryLock(BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();
    lock.unlock();
  }

  @Test
  @DisplayName("different keys are different locks")
  void differentKeysAreIndependent() throws Exception {
    SharedLock lock = registryHere.obtain(key);
    lock.lock();
    try {
      assertThat(otherProcessCanTake(key + "-other")).isTrue();
    } finally {
      lock.unlock();
    }
  }

  @Test
  @DisplayName("keys with the same text are one lock (42 and \"42\"), reached by shared.lock(lockName(key)) too")
  void sameTextSameLock() throws Exception {
    SharedLock lock = registryHere.obtain(42);
    lock.lock();
    try {
      assertThat(otherProcessCanTake("42")).isFalse();
      assertThat(inOtherProcess(() -> there().lock(registryThere.lockName(42)).tryLock())).isFalse();
      assertThat(registryHere.obtain("42").isHeldByCurrentThread()).isTrue();
    } finally {
      lock.unlock();
    }
  }

  @Test
  @DisplayName("a key that is not a valid name (spaces, non-ASCII, empty) still excludes across processes, by its hashed name")
  void hashedKeysExclude() throws Exception {
    for (String odd : new String[] {"order #17 (EU)", "Zürich", ""}) {
      SharedLock lock = registryHere.obtain(odd);
      assertThat(lock.name()).contains("/_sha256/");
      lock.lock();
      try {
        assertThat(otherProcessCanTake(odd)).as(odd).isFalse();
        assertThat(otherProcessCanTake(odd + " ")).as(odd + " and another key").isTrue();
      } finally {
        lock.unlock();
      }
    }
  }

  @Test
  @DisplayName("locks are reentrant: the holder may lock again, across obtain calls, and must unlock as many times")
  void reentrant() throws Exception {
    registryHere.obtain(key).lock();
    registryHere.obtain(key).lock();
    assertThat(registryHere.obtain(key).holdCount()).isEqualTo(2);
    registryHere.obtain(key).unlock();
    assertThat(registryHere.obtain(key).holdCount()).isEqualTo(1);
    assertThat(otherProcessCanTake(key)).isFalse();
    registryHere.obtain(key).unlock();
    assertThat(registryHere.obtain(key).holdCount()).isZero();
    assertThat(otherProcessCanTake(key)).isTrue();
  }

  @Test
  @DisplayName("executeLocked runs the task holding the lock, excluding the other process, and releases it after")
  void executeLockedHoldsDuringTask() throws Exception {
    AtomicBoolean heldInside = new AtomicBoolean();
    AtomicBoolean otherExcludedInside = new AtomicBoolean();
    registryHere.executeLocked(key, () -> {
      heldInside.set(registryHere.obtain(key).isHeldByCurrentThread());
      try {
        otherExcludedInside.set(!otherProcessCanTake(key));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(heldInside).isTrue();
    assertThat(otherExcludedInside).isTrue();
    assertThat(registryHere.obtain(key).holdCount()).isZero();
    assertThat(otherProcessCanTake(key)).isTrue();
  }

  @Test
  @DisplayName("executeLocked returns what the callable returns, and releases the lock")
  void executeLockedCallable() throws Exception {
    String result = registryHere.executeLocked(key, () -> registryHere.obtain(key).fence() > 0 ? "done" : "no fence");
    assertThat(result).isEqualTo("done");
    assertThat(otherProcessCanTake(key)).isTrue();
  }

  @Test
  @DisplayName("executeLocked releases the lock when the task throws, and rethrows the task's own exception")
  void executeLockedReleasesOnException() throws Exception {
    IOException failure = new IOException("task failed");
    assertThatThrownBy(() -> registryHere.executeLocked(key, () -> {
      throw failure;
    })).isSameAs(failure);
    assertThat(registryHere.obtain(key).holdCount()).isZero();
    assertThat(otherProcessCanTake(key)).isTrue();

    IllegalStateException unchecked = new IllegalStateException("callable failed");
    assertThatThrownBy(() -> registryHere.executeLocked(key, Duration.ofSeconds(BOUND_SECONDS), () -> {
      throw unchecked;
    })).isSameAs(unchecked);
    assertThat(otherProcessCanTake(key)).isTrue();
  }

  @Test
  @DisplayName("executeLocked waits for the other process's holder and runs the task only after it unlocked")
  void executeLockedWaitsForHolder() throws Exception {
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean released = new AtomicBoolean();
    Future<Object> holder = otherProcess.submit(() -> {
      SharedLock lock = registryThere.obtain(key);
      lock.lock();
      held.countDown();
      try {
        return release.await(BOUND_SECONDS, TimeUnit.SECONDS);
      } finally {
        released.set(true);
        lock.unlock();
      }
    });
    assertThat(held.await(BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Boolean> ranAfterRelease = CompletableFuture.supplyAsync(() -> {
      try {
        return registryHere.executeLocked(key, released::get);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    release.countDown();
    assertThat(ranAfterRelease.get(BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();
    holder.get(BOUND_SECONDS, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("executeLocked, without a wait and with one, gets a lock held longer than its interrupt-check slice once the holder unlocks")
  void executeLockedWaitsAcrossSlices() throws Exception {
    for (boolean timed : new boolean[] {false, true}) {
      CountDownLatch held = new CountDownLatch(1);
      AtomicBoolean released = new AtomicBoolean();
      Future<Object> holder = otherProcess.submit(() -> {
        SharedLock lock = registryThere.obtain(key);
        lock.lock();
        held.countDown();
        try {
          Thread.sleep(SharedObjectsLockRegistry.INTERRUPT_CHECK_MILLIS + 500); // the holder's work, past one slice
          return null;
        } finally {
          released.set(true);
          lock.unlock();
        }
      });
      assertThat(held.await(BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();
      boolean ranAfterRelease = timed
          ? registryHere.executeLocked(key, Duration.ofSeconds(BOUND_SECONDS), released::get)
          : registryHere.executeLocked(key, released::get);
      assertThat(ranAfterRelease).as(timed ? "with a wait" : "without a wait").isTrue();
      holder.get(BOUND_SECONDS, TimeUnit.SECONDS);
    }
  }

  @Test
  @DisplayName("executeLocked with a wait fails with TimeoutException, without running the task, while another process holds the lock")
  void executeLockedTimesOut() throws Exception {
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Future<Object> holder = otherProcess.submit(() -> {
      SharedLock lock = registryThere.obtain(key);
      lock.lock();
      held.countDown();
      try {
        return release.await(BOUND_SECONDS, TimeUnit.SECONDS);
      } finally {
        lock.unlock();
      }
    });
    assertThat(held.await(BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();
    AtomicBoolean ran = new AtomicBoolean();
    long start = System.nanoTime();
    assertThatThrownBy(() -> registryHere.executeLocked(key, Duration.ofMillis(200), () -> ran.set(true)))
        .isInstanceOf(TimeoutException.class)
        .hasMessageContaining(key)
        .hasMessageContaining(registryHere.lockName(key));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    assertThat(ran).isFalse();
    assertThatThrownBy(() -> registryHere.executeLocked(key, Duration.ZERO, () -> ran.set(true)))
        .isInstanceOf(TimeoutException.class);
    assertThat(ran).isFalse();

    release.countDown();
    holder.get(BOUND_SECONDS, TimeUnit.SECONDS);
    registryHere.executeLocked(key, Duration.ofSeconds(BOUND_SECONDS), () -> ran.set(true));
    assertThat(ran).isTrue();
  }

  @Test
  @DisplayName("executeLocked waiting for a held lock throws InterruptedException when interrupted, without running the task")
  void executeLockedInterrupted() throws Exception {
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Future<Object> holder = otherProcess.submit(() -> {
      SharedLock lock = registryThere.obtain(key);
      lock.lock();
      held.countDown();
      try {
        return release.await(BOUND_SECONDS, TimeUnit.SECONDS);
      } finally {
        lock.unlock();
      }
    });
    assertThat(held.await(BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();
    AtomicBoolean ran = new AtomicBoolean();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread waiter = new Thread(() -> {
      try {
        registryHere.executeLocked(key, () -> ran.set(true));
      } catch (Throwable e) {
        thrown.set(e);
      }
    });
    waiter.start();
    // Interrupt it while it waits for the lock (an interrupt before the wait is the easy case).
    Awaitility.await().atMost(Duration.ofSeconds(BOUND_SECONDS)).pollInterval(Duration.ofMillis(10))
        .until(() -> waiter.getState() == Thread.State.WAITING || waiter.getState() == Thread.State.TIMED_WAITING);
    long interrupted = System.nanoTime();
    waiter.interrupt();
    // The holder keeps the lock for up to BOUND_SECONDS: the waiter must end on the interrupt, not on a release.
    waiter.join(TimeUnit.SECONDS.toMillis(BOUND_SECONDS / 2));
    assertThat(waiter.isAlive()).as("the waiter ended on the interrupt").isFalse();
    assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    System.out.printf("executeLocked ended %d ms after the interrupt%n",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - interrupted));
    assertThat(ran).isFalse();
    assertThat(otherProcessHolds(holder)).isTrue();
    release.countDown();
    holder.get(BOUND_SECONDS, TimeUnit.SECONDS);
    assertThat(otherProcessCanTake(key)).isTrue();
  }

  @Test
  @DisplayName("when the task throws and the release fails too, executeLocked throws the task's exception with the release failure suppressed")
  void releaseFailureDoesNotHideTaskFailure() {
    SharedObjects closable = closableHere();
    SharedObjectsLockRegistry registry = new SharedObjectsLockRegistry(closable, registryHere.prefix());
    IOException failure = new IOException("task failed");
    assertThatThrownBy(() -> registry.executeLocked(key, () -> {
      closable.close(); // the release that follows cannot be made through a closed SharedObjects
      throw failure;
    })).isSameAs(failure);
    assertThat(failure.getSuppressed()).hasSize(1);
    assertThat(failure.getSuppressed()[0]).isInstanceOf(RuntimeException.class);
  }

  @Test
  @DisplayName("a hold has no time to live: the registry is neither expirable nor renewable, and a hold outlasts a wait")
  void noExpiry() throws Exception {
    assertThat(registryHere).isNotInstanceOf(ExpirableLockRegistry.class).isNotInstanceOf(RenewableLockRegistry.class);
    SharedLock lock = registryHere.obtain(key);
    lock.lock();
    try {
      assertThat(inOtherProcess(() -> {
        SharedLock theirs = registryThere.obtain(key);
        boolean got = theirs.tryLock(1500, TimeUnit.MILLISECONDS);
        if (got) {
          theirs.unlock();
        }
        return got;
      })).isFalse();
      assertThat(lock.isHeldByCurrentThread()).isTrue();
    } finally {
      lock.unlock();
    }
  }
}
