package io.sharedobjects;

/**
 * A 64-bit counter shared by every process that asks for it by the same name: an {@link
 * java.util.concurrent.atomic.AtomicLong} across processes.
 *
 * <p>A new counter is 0. Every operation is atomic across all processes, so increments from any number of
 * threads and processes are counted exactly and each returns a value no other increment returned.
 * Arithmetic wraps around at {@link Long#MAX_VALUE}, as {@code AtomicLong}'s does.
 *
 * <p><b>Partitions:</b> where a cluster size is declared, only a process that sees a majority of it may use
 * the counter, reads included; others fail with {@link NoQuorumException}. An update that fails with
 * {@link ClusterUnavailableException} may or may not have been applied.
 *
 * <p><b>Thread safety:</b> thread-safe.
 */
public interface SharedCounter extends SharedObject {

  /** The current value. */
  long get();

  /** Sets the value. */
  void set(long value);

  /** Adds one and returns the new value. */
  long incrementAndGet();

  /** Subtracts one and returns the new value. */
  long decrementAndGet();

  /** Adds {@code delta} and returns the new value. */
  long addAndGet(long delta);

  /** Adds {@code delta} and returns the value before. */
  long getAndAdd(long delta);

  /**
   * Sets the value to {@code update} if it is {@code expected}.
   *
   * @return whether the value was set
   */
  boolean compareAndSet(long expected, long update);
}
