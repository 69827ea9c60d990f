package io.sharedobjects.hazelcast;

import com.hazelcast.cp.ICountDownLatch;
import com.hazelcast.map.IMap;
import com.hazelcast.spi.exception.DistributedObjectDestroyedException;
import io.sharedobjects.SharedLatch;
import java.util.concurrent.TimeUnit;

/**
 * The latch where the cluster has the CP Subsystem: an {@code ICountDownLatch}, each operation one
 * linearizable Raft call.
 *
 * <p>Two things of the CP latch do not fit this contract, and the entry of the name in {@value #ARMED_MAP}
 * fixes both. A CP latch at zero accepts a new count ({@code trySetCount}), so a creator that comes after
 * the count ran out would start it again; and the CP Subsystem refuses every later use of a destroyed name,
 * so the name could not work again. The entry holds the generation of the CP latch in use (named {@code
 * name#generation}), set once by the first creator under the entry's key lock, together with the count;
 * {@link #destroy()} destroys that CP latch and marks the entry destroyed (negative), so the next creator
 * arms generation + 1. A proxy whose CP latch was destroyed looks the generation up again.
 *
 * <p>Waits are slices of at most {@link EntryWaiters#RECHECK_NANOS} on the CP latch, so a wait notices a
 * close of its SharedObjects, or a cluster gone (through {@link Calls}), within about a second.
 */
final class CpSharedLatch implements SharedLatch {

  /** The generation of each CP latch's name, negative once destroyed; user names cannot start with '_'. */
  static final String ARMED_MAP = "__shared-objects.cp-latches";

  /** How long the key lock that arms a latch is held at most, should its holder die meanwhile. */
  private static final long ARMING_LEASE_SECONDS = 30;

  private final ObjectContext context;
  private final String name;
  private final int count;
  private final QueueCalls calls;
  private final IMap<String, Long> armed;
  private volatile ICountDownLatch latch;

  CpSharedLatch(ObjectContext context, String name, int count) {
    this.context = context;
    this.name = name;
    this.count = count;
    String what = "latch '" + name + "'";
    this.calls = new QueueCalls(context.synchronizerCalls(what), what);
    this.armed = context.instance().getMap(ARMED_MAP);
    this.latch = arm();
  }

  /** The CP latch of the generation in use, arming a new generation with this count if there is none. */
  private ICountDownLatch arm() {
    return calls.call(() -> {
      armed.lock(name, ARMING_LEASE_SECONDS, TimeUnit.SECONDS);
      try {
        Long generation = armed.get(name);
        if (generation != null && generation > 0) {
          return cpLatch(generation);
        }
        long next = generation == null ? 1 : -generation + 1;
        ICountDownLatch fresh = cpLatch(next);
        if (count > 0) {
          fresh.trySetCount(count);
        }
        armed.set(name, next);
        return fresh;
      } finally {
        armed.unlock(name);
      }
    });
  }

  private ICountDownLatch cpLatch(long generation) {
    return context.instance().getCPSubsystem().getCountDownLatch(name + "#" + generation);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void countDown() {
    calls.run(() -> {
      try {
        latch.countDown();
      } catch (DistributedObjectDestroyedException destroyed) {
        latch = arm();
        latch.countDown();
      }
    });
  }

  @Override
  public long count() {
    return calls.call(() -> {
      try {
        return (long) latch.getCount();
      } catch (DistributedObjectDestroyedException destroyed) {
        latch = arm();
        return (long) latch.getCount();
      }
    });
  }

  @Override
  public void await() throws InterruptedException {
    awaitZero(-1);
  }

  @Override
  public boolean await(long time, TimeUnit unit) throws InterruptedException {
    return awaitZero(Math.max(0, unit.toNanos(time)));
  }

  private boolean awaitZero(long nanos) throws InterruptedException {
    long deadline = System.nanoTime() + nanos;
    while (true) {
      long slice = nanos < 0 ? EntryWaiters.RECHECK_NANOS
          : Math.min(EntryWaiters.RECHECK_NANOS, Math.max(0, deadline - System.nanoTime()));
      boolean zero;
      try {
        zero = calls.callWaiting(() -> {
          try {
            return latch.await(slice, TimeUnit.NANOSECONDS);
          } catch (DistributedObjectDestroyedException destroyed) {
            latch = arm();
            return false;
          }
        });
      } catch (RuntimeException e) {
        // A client closing under the wait fails it with its own exception.
        throw EntryWaiters.closedOr(context.open(), e);
      }
      if (zero) {
        return true;
      }
      if (nanos >= 0 && deadline - System.nanoTime() <= 0) {
        return false;
      }
    }
  }

  /** Destroys the CP latch and the fixed count: the name works again as a new latch. */
  @Override
  public void destroy() {
    calls.run(() -> {
      armed.lock(name, ARMING_LEASE_SECONDS, TimeUnit.SECONDS);
      try {
        Long generation = armed.get(name);
        if (generation != null && generation > 0) {
          try {
            cpLatch(generation).destroy();
          } catch (DistributedObjectDestroyedException alreadyGone) {
            // Destroyed by an earlier destroy() that did not get to mark the entry.
          }
          armed.set(name, -generation);
        }
      } finally {
        armed.unlock(name);
      }
    });
    SynchronizerParameters.forget(context, context.synchronizerCalls("latch '" + name + "'"), "latch", name);
  }

  @Override
  public String toString() {
    return "SharedLatch{" + name + ", count " + count + ", CP}";
  }
}
