package io.sharedobjects.hazelcast;

import com.hazelcast.map.IMap;
import io.sharedobjects.SharedLatch;
import io.sharedobjects.hazelcast.SealedState.Known;
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
  private final IMap<String, Object> latches;
  private final SealedState state;
  private final String what;
  private final EntryWaiters<Object> waiters;
  /** How many events showed the count at zero; a wait returns once it changes. */
  private long zeros;
  /**
   * The count last seen, a guess that saves the read before a compare-and-set when right, with the form it
   * was read or written as (null for none): the expected value of that compare-and-set.
   */
  private volatile Known hint;

  MapSharedLatch(ObjectContext context, String name, int count) {
    this.context = context;
    this.name = name;
    this.count = count;
    String what = "latch '" + name + "'";
    this.calls = new QueueCalls(context.synchronizerCalls(what), what);
    this.latches = context.instance().getMap(LATCHES_MAP);
    this.state = SealedState.of(context, LATCHES_MAP);
    this.what = what;
    this.waiters = new EntryWaiters<>(context, calls, latches, name, this::seenInEvent);
    this.hint = new Known(count, null);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void countDown() {
    Known known = hint;
    long left = known.value();
    Object leftStored = known.stored();
    while (left > 0) {
      long from = left;
      Object next = state.seal(name, from - 1);
      if (from == count) {
        // No entry yet, as far as this process knows: create it; if there is one, its count comes back.
        Object thereStored = calls.call(() -> latches.putIfAbsent(name, next));
        if (thereStored == null) {
          seen(from - 1, next);
          return;
        }
        left = state.readLong(name, thereStored, what);
        leftStored = thereStored;
      } else {
        Object expected = state.expected(name, leftStored, from);
        if (calls.call(() -> latches.replace(name, expected, next))) {
          seen(from - 1, next);
          return;
        }
        known = hint(calls.call(() -> latches.get(name)));
        left = known.value();
        leftStored = known.stored();
      }
    }
    // At zero: stays there. A zero guessed from an earlier look is confirmed, as the latch may have been
    // destroyed since.
    if (hint.value() == 0 && read() > 0) {
      countDown();
    }
  }

  @Override
  public long count() {
    return read();
  }

  private long read() {
    return hint(calls.call(() -> latches.get(name))).value();
  }

  /** The count stored as {@code stored} (the full count for none), verified, kept as the hint. */
  private Known hint(Object stored) {
    Long left = state.readLong(name, stored, what);
    Known known = new Known(left == null ? count : left, stored);
    hint = known;
    return known;
  }

  private void seen(long left, Object stored) {
    hint = new Known(left, stored);
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
        return hint(calls.callWaiting(() -> latches.get(name))).value() == 0;
      }
    }, nanos);
  }

  private synchronized long zeros() {
    return zeros;
  }

  /** An event's count; one that fails verification is left to the next look, which reports it. */
  private synchronized void seenInEvent(Object stored) {
    Long left;
    try {
      left = state.readLong(name, stored, what);
    } catch (RuntimeException unverified) {
      return;
    }
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
    seen(count, null);
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
