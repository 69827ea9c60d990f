package io.sharedobjects.hazelcast;

import com.hazelcast.map.IMap;
import io.sharedobjects.SharedLatch;
import java.util.concurrent.TimeUnit;

/**
 * The latch on stock members: the entry of its name in {@value #LATCHES_MAP}, holding the count left; no
 * entry means the count it was created with (fixed by its first creator in {@link SynchronizerParameters}).
 * {@link #countDown()} is a compare-and-set loop ({@code putIfAbsent} from the full count, {@code replace}
 * after), so no server-side code is needed and no count is lost or counted twice.
 *
 * <p>Waiters wait in this process ({@link EntryWaiters}): one entry listener per proxy, fanned out to every
 * waiting thread, which return once an event shows the count at zero; a look at the cluster at least every
 * second is the safety net.
 *
 * <p>Every call needs a majority of a declared cluster size ({@link ObjectContext#synchronizerCalls}).
 */
final class MapSharedLatch implements SharedLatch, ReleasedOnClose {

  /** The internal map of every map-backed latch's count; user names cannot start with '_', so none collides. */
  static final String LATCHES_MAP = "__shared-objects.latches";

  private final ObjectContext context;
  private final String name;
  private final int count;
  private final QueueCalls calls;
  private final IMap<String, Long> latches;
  private final EntryWaiters<Long> waiters;
  /** How many events showed the count at zero; a wait returns once it changes. */
  private long zeros;
  /** The count last seen, a guess that saves the read before a compare-and-set when right. */
  private volatile long hint;

  MapSharedLatch(ObjectContext context, String name, int count) {
    this.context = context;
    this.name = name;
    this.count = count;
    String what = "latch '" + name + "'";
    this.calls = new QueueCalls(context.synchronizerCalls(what), what);
    this.latches = context.instance().getMap(LATCHES_MAP);
    this.waiters = new EntryWaiters<>(context, calls, latches, name, this::seen);
    this.hint = count;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void countDown() {
    long left = hint;
    while (left > 0) {
      long from = left;
      if (from == count) {
        // No entry yet, as far as this process knows: create it; if there is one, its count comes back.
        Long there = calls.call(() -> latches.putIfAbsent(name, from - 1));
        if (there == null) {
          hint = from - 1;
          return;
        }
        left = there;
      } else if (calls.call(() -> latches.replace(name, from, from - 1))) {
        hint = from - 1;
        return;
      } else {
        left = read();
      }
    }
    // At zero: stays there. A zero guessed from an earlier look is confirmed, as the latch may have been
    // destroyed since.
    if (hint == 0 && read() > 0) {
      countDown();
    }
  }

  @Override
  public long count() {
    return read();
  }

  private long read() {
    long left = stored(calls.call(() -> latches.get(name)));
    hint = left;
    return left;
  }

  private long stored(Long left) {
    return left == null ? count : left;
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
    long zerosBefore = zeros();
    return waiters.await(new EntryWaiters.Wanted() {
      @Override
      public boolean seen() {
        return zeros() != zerosBefore;
      }

      @Override
      public boolean look() throws InterruptedException {
        long left = stored(calls.callWaiting(() -> latches.get(name)));
        hint = left;
        return left == 0;
      }
    }, nanos);
  }

  private synchronized long zeros() {
    return zeros;
  }

  private synchronized void seen(Long left) {
    if (left != null && left == 0) {
      zeros++;
    }
  }

  /**
   * Removes the count and the fixed number: the name works again as a new latch, whose count its next
   * creator fixes (a proxy used afterwards starts again from its own count).
   */
  @Override
  public void destroy() {
    calls.run(() -> latches.delete(name));
    SynchronizerParameters.forget(context, context.synchronizerCalls("latch '" + name + "'"), "latch", name);
    hint = count;
  }

  @Override
  public void releaseOnClose() {
    waiters.close();
  }

  @Override
  public String toString() {
    return "SharedLatch{" + name + ", count " + count + "}";
  }
}
