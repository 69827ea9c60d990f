package io.sharedobjects.partition;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition, checking it every 100 ms, for at most a given time: never an open-ended wait. */
final class Await {

  private Await() {}

  /**
   * Returns how long it took {@code condition} to hold; a condition that throws counts as not holding yet.
   *
   * @throws AssertionError naming {@code what}, with the last exception if any, if it does not hold within
   *     {@code timeout}
   */
  static Duration until(String what, Duration timeout, BooleanSupplier condition) {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    RuntimeException last = null;
    while (true) {
      try {
        if (condition.getAsBoolean()) {
          return Duration.ofNanos(System.nanoTime() - start);
        }
      } catch (RuntimeException e) {
        last = e;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Not true within " + timeout + ": " + what, last);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
    }
  }
}
