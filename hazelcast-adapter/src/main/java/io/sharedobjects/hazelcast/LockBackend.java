package io.sharedobjects.hazelcast;

/**
 * Which Hazelcast structures back {@link io.sharedobjects.SharedLock}s, and with them {@link
 * io.sharedobjects.SharedValue}s and {@link io.sharedobjects.SharedCounter}s; every process of one cluster must
 * use the same backend, which {@link #AUTO} guarantees by probing the cluster rather than reading local
 * settings.
 */
public enum LockBackend {
  /**
   * {@link #CP} where the cluster offers the CP Subsystem with CP members, else {@link #MAP} (also on 5.4
   * without CP members, whose CP objects would run in unsafe mode); the choice is logged.
   */
  AUTO,
  /**
   * Locks on keys of an internal {@code IMap} ({@code IMap.lock}), with a fencing counter kept beside each
   * lock; values and counters in internal maps too, updated by compare-and-set. Works on every open-source cluster. Partition-based: released when the owning member leaves, or
   * {@code hazelcast.client.cleanup.timeout.millis} after the owning client disconnects.
   */
  MAP,
  /**
   * Hazelcast's {@code FencedLock} in the CP Subsystem (Raft-based, linearizable, with native fencing
   * tokens); values on its {@code IAtomicReference}, counters on its {@code IAtomicLong}. Needs Hazelcast Enterprise, or open source up to 5.4; released when the owner's CP session
   * expires ({@code session-time-to-live-seconds}).
   */
  CP
}
