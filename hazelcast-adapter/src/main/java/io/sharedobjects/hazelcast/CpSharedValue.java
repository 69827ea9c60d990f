package io.sharedobjects.hazelcast;

import com.hazelcast.cp.IAtomicReference;

/**
 * The value where the cluster has the CP Subsystem: the {@code IAtomicReference} of the same name, holding
 * the value's stored bytes (null for null), linearizable through Raft. {@link #destroy()} sets it to null
 * rather than destroying it: the CP Subsystem refuses every later use of a destroyed name, and this name
 * must start again as a new value.
 */
final class CpSharedValue<T> extends HazelcastSharedValue<T> {

  private final IAtomicReference<byte[]> reference;

  CpSharedValue(ObjectContext context, String name) {
    super(context, name);
    this.reference = context.instance().getCPSubsystem().getAtomicReference(name);
  }

  @Override
  byte[] current() {
    return reference.get();
  }

  @Override
  boolean swap(byte[] expected, byte[] next) {
    return reference.compareAndSet(expected, next);
  }

  @Override
  byte[] exchange(byte[] next) {
    return reference.getAndSet(next);
  }

  @Override
  void write(byte[] next) {
    reference.set(next);
  }
}
