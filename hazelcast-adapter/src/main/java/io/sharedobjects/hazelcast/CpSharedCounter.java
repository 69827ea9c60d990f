package io.sharedobjects.hazelcast;

import com.hazelcast.cp.IAtomicLong;

/**
 * The counter where the cluster has the CP Subsystem: the {@code IAtomicLong} of the same name, each
 * operation one linearizable Raft call. {@link #destroy()} sets it to 0 rather than destroying it: the CP
 * Subsystem refuses every later use of a destroyed name, and this name must start again as a new counter.
 */
final class CpSharedCounter extends HazelcastSharedCounter {

  private final IAtomicLong atomic;

  CpSharedCounter(ObjectContext context, String name) {
    super(context, name);
    this.atomic = context.instance().getCPSubsystem().getAtomicLong(name);
  }

  @Override
  public long get() {
    return calls.call(atomic::get);
  }

  @Override
  public void set(long value) {
    calls.run(() -> atomic.set(value));
  }

  @Override
  public long addAndGet(long delta) {
    return calls.call(() -> atomic.addAndGet(delta));
  }

  @Override
  public boolean compareAndSet(long expected, long update) {
    return calls.call(() -> atomic.compareAndSet(expected, update));
  }

  @Override
  public void destroy() {
    calls.run(() -> atomic.set(0));
  }
}
