package io.sharedobjects.hazelcast;

import io.sharedobjects.SharedCounter;

/**
 * What both counter backends share: the name, the calls, and the operations that are another's in
 * disguise. {@link MapSharedCounter} runs on stock members, {@link CpSharedCounter} where the cluster has the
 * CP Subsystem.
 *
 * <p>Every call, a plain {@link #get()} included, needs a majority of a declared cluster size ({@link
 * ObjectContext#synchronizerCalls}): members refuse the internal maps to a minority, reads included, so the
 * refusal is this library's typed one, at once, rather than Hazelcast's once it notices.
 */
abstract class HazelcastSharedCounter implements SharedCounter {

  final String name;
  final Calls calls;

  HazelcastSharedCounter(ObjectContext context, String name) {
    this.name = name;
    this.calls = context.synchronizerCalls("counter '" + name + "'");
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final long incrementAndGet() {
    return addAndGet(1);
  }

  @Override
  public final long decrementAndGet() {
    return addAndGet(-1);
  }

  @Override
  public final long getAndAdd(long delta) {
    return addAndGet(delta) - delta;
  }

  /** As {@code AtomicLong}: the current value in decimal. */
  @Override
  public String toString() {
    return Long.toString(get());
  }
}
