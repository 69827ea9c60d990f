package io.sharedobjects.hazelcast;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastException;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.sharedobjects.LockLostException;
import io.sharedobjects.SharedObjectsClosedException;
import io.sharedobjects.hazelcast.SealedState.Known;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * The {@link LockBackend#MAP} lock: a Hazelcast key lock on {@value #LOCKS_MAP}, whose entry for the same
 * key holds the last fencing token issued. Only the lock's holder writes that entry, and Hazelcast blocks
 * writes to a locked key from anyone else, so incrementing it needs no further coordination.
 *
 * <p>Each fresh (non-reentrant) acquisition draws its token at once, while it certainly holds the lock. When
 * this process drew the last token, that is one more round trip: a compare-and-set from the token it
 * knows to the next. Otherwise (another process drew since, or the first time) the compare-and-set fails and
 * the counter is read and written: three. Drawing the token later, only when asked, would
 * save them for holders that never look at it, but a holder that lost the lock meanwhile (lease expired, or
 * taken for dead during a long pause) could then draw a token larger than its successor's — and
 * {@code IMap} cannot tell a reentrant {@code tryLock} from a fresh one, so the hold cannot be proven first.
 *
 * <p>A hold that lived through a member's departure is released with {@link RepeatedLocks#unlockRest}, as
 * the departure may have made the cluster count it twice.
 *
 * <p>Conditions are {@link MapCondition}s (see {@link HazelcastSharedLock}).
 */
final class MapSharedLock extends HazelcastSharedLock {

  /** The internal map holding every map-backed lock; user names cannot start with '_', so none collides. */
  static final String LOCKS_MAP = "__shared-objects.locks";

  /** The longest single wait of a timed acquisition between two looks at the interrupt flag. */
  static final long SLICE_MILLIS = 1000;

  private final HazelcastInstance instance;
  private final IMap<String, Object> locks;
  /** The form of the fencing counter in {@link #locks}: sealed with an authKey. */
  private final SealedState state;
  private final String what;
  private final Duration lease;
  /**
   * This process's holds by thread id: reentrancy count, the fence of the outermost acquisition, and the
   * members the cluster had when it started ({@link RepeatedLocks}).
   */
  private final ConcurrentMap<Long, Holding> holdings = new ConcurrentHashMap<>();

  private record Holding(int count, long fence, Set<Member> membersAtStart) {}

  /**
   * Threads whose release failed, by thread id, with the most holds the cluster may still have for them: a
   * failed unlock (or a failed acquisition whose undoing failed too) ends the hold here, but the cluster may
   * keep it, for every other process, and would take the thread's next lock for a reentrant one ({@link
   * #leftHeld}).
   */
  private final ConcurrentMap<Long, Integer> unreleased = new ConcurrentHashMap<>();
  /** Releases {@link #unreleased} in the background, in case no thread of this process tries the lock again. */
  private final LateReleases releaseLater;

  /**
   * The last token this process drew for this lock, with the form it was stored as, or null: the expected
   * value of the next compare-and-set.
   */
  private volatile Known lastDrawn;

  /**
   * Held while a hold is recorded or given back, and while close releases the process's holds: close
   * releases by force, which would take the lock from another process if it ran between a thread's
   * unlock at the cluster and the removal of that thread's record (seen once in the kit: a waiter of
   * another process lost the lock it had just been granted).
   */
  private final Object releasing = new Object();
  private final OpenState open;

  /** Tests only: runs right after a thread's unlock reached the cluster, before its record is removed. */
  volatile Runnable afterClusterUnlock = () -> {};

  MapSharedLock(ObjectContext context, String name) {
    super(context, name);
    this.instance = context.instance();
    this.locks = instance.getMap(LOCKS_MAP);
    this.state = SealedState.of(context, LOCKS_MAP);
    this.what = "lock '" + name + "'";
    this.lease = context.settings().lockLease();
    this.open = context.open();
    this.releaseLater = new LateReleases(open, () -> calls.runUninterrupted(this::releaseUnreleased),
        () -> !unreleased.isEmpty());
  }

  @Override
  public void lock() {
    boolean fresh = !isHeldByCurrentThread();
    Set<Member> before = membersIf(fresh);
    try {
      calls.runUninterrupted(() -> {
        releaseUnreleased();
        if (lease == null) {
          locks.lock(name);
        } else {
          locks.lock(name, lease.toMillis(), TimeUnit.MILLISECONDS);
        }
      });
    } catch (RuntimeException e) {
      throw undoFailedAcquisition(before, e);
    }
    acquired(before);
  }

  @Override
  public void lockInterruptibly() throws InterruptedException {
    while (!tryLock(1, TimeUnit.DAYS)) {
      // Waited a day; keep waiting, as lock() would.
    }
  }

  @Override
  public boolean tryLock() {
    Set<Member> before = membersIf(!isHeldByCurrentThread());
    boolean got;
    try {
      got = calls.callUninterrupted(() -> {
        releaseUnreleased();
        return lease == null ? locks.tryLock(name) : tryLockUninterrupted();
      });
    } catch (RuntimeException e) {
      throw undoFailedAcquisition(before, e);
    }
    if (got) {
      acquired(before);
    }
    return got;
  }

  @Override
  public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
    long millis = Math.max(0, unit.toMillis(time));
    Set<Member> before = membersIf(!isHeldByCurrentThread());
    boolean got;
    try {
      got = calls.callInterruptibly(() -> {
        releaseUnreleased();
        return tryLockInSlices(millis);
      });
    } catch (RuntimeException e) {
      throw undoFailedAcquisition(before, e);
    } catch (InterruptedException e) {
      // A client's wait interrupted during its round trip may still be granted on the member.
      throw undoInterruptedAcquisition(before, e);
    }
    if (got) {
      acquired(before);
    }
    return got;
  }

  /** For a fresh acquisition (not a reentrant one), the members the cluster has as it starts; else null. */
  private Set<Member> membersIf(boolean fresh) {
    return fresh ? RepeatedLocks.members(instance) : null;
  }

  /**
   * {@code IMap.tryLock} waiting at most {@code millis}, in slices of at most {@value #SLICE_MILLIS} ms with
   * a look at the interrupt flag between them: a member's lock wait does not notice an interrupt (checked on
   * 5.7.0: interrupted after 0.3 s, it returned true 5.6 s later, when the holder let go), so an interrupt is
   * noticed within a slice.
   */
  private boolean tryLockInSlices(long millis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (true) {
      if (Thread.interrupted()) {
        throw new InterruptedException("interrupted while waiting for lock '" + name + "'");
      }
      long left = Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
      long slice = Math.min(left, SLICE_MILLIS);
      long sliceEnd = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(slice);
      boolean got;
      try {
        got = tryLockWaiting(slice);
      } catch (HazelcastException e) {
        // A client's wait interrupted during its round trip fails with the interrupt as its cause, and its
        // request stays with the member until the slice ends: it may still be granted until then.
        if (e.getCause() instanceof InterruptedException) {
          throw new SliceInterrupted(name, sliceEnd);
        }
        throw e;
      }
      if (got) {
        return true;
      }
      if (left <= SLICE_MILLIS) {
        return false;
      }
    }
  }

  /** A client's lock wait interrupted during its round trip, whose request the member keeps until {@code sliceEnd}. */
  private static final class SliceInterrupted extends InterruptedException {
    final transient long sliceEnd;

    SliceInterrupted(String name, long sliceEnd) {
      super("interrupted while waiting for lock '" + name + "'");
      this.sliceEnd = sliceEnd;
    }
  }

  /**
   * As {@link #undoFailedAcquisition}, for an interrupted one; the unlock runs with the flag cleared. A
   * client's request interrupted on its way may be granted until its slice ends, so the unlock waits for
   * that (at most {@value #SLICE_MILLIS} ms) rather than leave the lock stranded with this thread.
   */
  private InterruptedException undoInterruptedAcquisition(Set<Member> before, InterruptedException interrupted) {
    if (before != null) {
      if (interrupted instanceof SliceInterrupted pending) {
        long wait = pending.sliceEnd + TimeUnit.MILLISECONDS.toNanos(100) - System.nanoTime();
        if (wait > 0) {
          java.util.concurrent.locks.LockSupport.parkNanos(wait);
          while (System.nanoTime() - pending.sliceEnd < TimeUnit.MILLISECONDS.toNanos(100)) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
          }
        }
      }
      try {
        calls.runUninterrupted(() -> undo(before));
      } catch (IllegalMonitorStateException notHeld) {
        interrupted.addSuppressed(notHeld);
      } catch (RuntimeException unknown) {
        // Not undone, and perhaps held.
        interrupted.addSuppressed(unknown);
        leftHeld(Thread.currentThread().getId(), RepeatedLocks.MAX_EXTRA_UNLOCKS);
      }
    }
    return interrupted;
  }

  /** {@code IMap.tryLock} waiting at most {@code millis}, with the lease if one is set. */
  private boolean tryLockWaiting(long millis) throws InterruptedException {
    return lease == null
        ? locks.tryLock(name, millis, TimeUnit.MILLISECONDS)
        : locks.tryLock(name, millis, TimeUnit.MILLISECONDS, lease.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** A leased {@code tryLock} that does not wait; an interrupt is kept for the caller, and the lock not taken. */
  private boolean tryLockUninterrupted() {
    try {
      return tryLockWaiting(0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * A fresh acquisition that failed may still have been applied on the lock's primary (an indeterminate
   * failure: its backup did not confirm it, or the answer was lost), which would leave the lock held by a
   * thread that believes it failed. Give it back, in case; when it was not applied, the unlock is refused
   * and that refusal is kept as a suppressed exception. A reentrant one ({@code before} null) is left
   * alone: undoing it could release the outer hold.
   */
  private RuntimeException undoFailedAcquisition(Set<Member> before, RuntimeException failure) {
    if (before != null) {
      try {
        undo(before);
      } catch (IllegalMonitorStateException notHeld) {
        failure.addSuppressed(notHeld);
      } catch (RuntimeException unknown) {
        // Not undone, and perhaps held.
        failure.addSuppressed(unknown);
        leftHeld(Thread.currentThread().getId(), RepeatedLocks.MAX_EXTRA_UNLOCKS);
      }
    }
    return failure;
  }

  /** Gives back a fresh acquisition that failed: once, or, if a member left since it started, every hold. */
  private void undo(Set<Member> before) {
    locks.unlock(name);
    if (RepeatedLocks.memberLeftSince(instance, before)) {
      RepeatedLocks.unlockRest(() -> locks.unlock(name));
    }
  }

  /**
   * Before an acquisition by any thread of this process, in the background ({@link #releaseLater}) and at
   * close: releases what the cluster may still hold for threads whose release failed, as each of those
   * threads, until the cluster says it holds nothing for it (it may have released it meanwhile, as for a
   * dead owner). Not only the calling thread's: a pool thread
   * whose unlock failed may never lock again, and the lock would stay held for every other process as long
   * as this one lives. Under {@link #releasing}, which a thread's unlock takes to record a failure, so the
   * thread's own next acquisition (which settles first, here) never overlaps another thread settling for it.
   * Before an acquisition it runs inside the acquisition's call, so it needs what the acquisition needs, a
   * majority included; if it fails, the record stays and the acquisition fails.
   */
  private void releaseUnreleased() {
    if (unreleased.isEmpty()) {
      return;
    }
    synchronized (releasing) {
      for (Long thread : Set.copyOf(unreleased.keySet())) {
        Integer count = unreleased.get(thread);
        if (count == null || holdings.containsKey(thread)) {
          continue;
        }
        HazelcastInternals.asLockOwner(thread, () -> {
          try {
            for (int i = 0; i < count; i++) {
              locks.unlock(name);
            }
          } catch (IllegalMonitorStateException nothingLeft) {
            // released already
          }
          return null;
        });
        unreleased.remove(thread);
      }
    }
  }

  /**
   * Records that the cluster may still hold the lock for {@code thread}, at most {@code holds} times (a
   * failed release, or a failed acquisition whose undoing failed too), and starts giving it back in the
   * background; the next acquisition attempt in this process gives it back first.
   */
  private void leftHeld(long thread, int holds) {
    unreleased.merge(thread, holds, Math::max);
    releaseLater.start();
  }

  /**
   * Records a successful Hazelcast acquisition; a fresh one, which started when the cluster had the members
   * {@code before}, draws the next fencing token.
   */
  private void acquired(Set<Member> before) {
    long thread = Thread.currentThread().getId();
    Holding held = holdings.get(thread);
    if (held != null) {
      record(thread, new Holding(held.count() + 1, held.fence(), held.membersAtStart()));
      return;
    }
    try {
      Known drawn = calls.callUninterrupted(() -> {
        // Hazelcast refuses writes to a locked key from anyone but the holder, so while this thread holds the
        // lock only it can move the counter; the compare-and-set still checks that nobody moved it before.
        Known expected = lastDrawn;
        if (expected != null) {
          Object next = state.seal(name, expected.value() + 1);
          if (locks.replace(name, expected.stored(), next)) {
            return new Known(expected.value() + 1, next);
          }
        }
        Long last = state.readLong(name, locks.get(name), what);
        long token = last == null ? 1 : last + 1;
        Object next = state.seal(name, token);
        locks.set(name, next);
        return new Known(token, next);
      });
      lastDrawn = drawn;
      long fence = drawn.value();
      record(thread, new Holding(1, fence, before));
    } catch (RuntimeException e) {
      // Without a token the hold is useless to the caller; give the lock back rather than leak it.
      try {
        locks.unlock(name);
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /**
   * Records {@code thread}'s hold, unless this SharedObjects closed meanwhile: its close has released (or
   * will find nothing to release for) this process, so the acquisition fails as closed.
   */
  private void record(long thread, Holding holding) {
    synchronized (releasing) {
      open.ensureOpen();
      holdings.put(thread, holding);
    }
  }

  @Override
  public void unlock() {
    long thread = Thread.currentThread().getId();
    synchronized (releasing) {
      Holding held = holdings.get(thread);
      if (held == null) {
        open.ensureOpen();
        throw new IllegalMonitorStateException(
            "The current thread does not hold lock '" + name + "'; only the thread that locked it may unlock it.");
      }
      try {
        calls.runUninterrupted(() -> locks.unlock(name));
        afterClusterUnlock.run();
      } catch (IllegalMonitorStateException lost) {
        // The cluster released it meanwhile (lease expired, or this process was taken for dead).
        holdings.remove(thread);
        throw new IllegalMonitorStateException(
            "Lock '" + name + "' was released by the cluster before this unlock (lease expired or owner"
                + " considered dead); whatever it protected may have been changed by another holder since.");
      } catch (SharedObjectsClosedException closed) {
        // Closed, and not released yet: the record stays for the close, which releases it.
        throw closed;
      } catch (RuntimeException failed) {
        // Unreachable, refused or unanswered: whether the cluster still holds it for this thread is unknown,
        // and keeping the local hold would make the next lock() a reentrant one with the stale token.
        holdings.remove(thread);
        leftHeld(thread, held.count() + extraHolds(held));
        throw new LockLostException(name, failed);
      }
      if (held.count() == 1) {
        holdings.remove(thread);
        if (extraHolds(held) > 0) {
          releaseRepeated(thread);
        }
      } else {
        holdings.put(thread, new Holding(held.count() - 1, held.fence(), held.membersAtStart()));
      }
    }
  }

  /** How many more holds than its count the cluster may have for {@code held}: none unless a member left meanwhile. */
  private int extraHolds(Holding held) {
    return RepeatedLocks.memberLeftSince(instance, held.membersAtStart())
        ? RepeatedLocks.MAX_EXTRA_UNLOCKS
        : 0;
  }

  /**
   * After the last unlock of a hold that lived through a member's departure: releases the holds the cluster
   * may have counted twice. If that fails, the thread's next acquisition tries again first.
   */
  private void releaseRepeated(long thread) {
    try {
      calls.runUninterrupted(() -> RepeatedLocks.unlockRest(() -> locks.unlock(name)));
    } catch (RuntimeException unknown) {
      leftHeld(thread, RepeatedLocks.MAX_EXTRA_UNLOCKS);
    }
  }

  @Override
  public long fence() {
    Holding held = holdings.get(Thread.currentThread().getId());
    if (held == null) {
      throw new IllegalMonitorStateException("The current thread does not hold lock '" + name + "'; no fence.");
    }
    return held.fence();
  }

  @Override
  public boolean isLocked() {
    return calls.callUninterrupted(() -> locks.isLocked(name));
  }

  @Override
  public boolean isHeldByCurrentThread() {
    return holdings.containsKey(Thread.currentThread().getId());
  }

  @Override
  public int holdCount() {
    Holding held = holdings.get(Thread.currentThread().getId());
    return held == null ? 0 : held.count();
  }

  @Override
  void releaseHolds() {
    synchronized (releasing) {
      try {
        // Directly, not through calls (closed by now): as each thread whose release went unanswered. Not by
        // force, as another process may hold the lock by now.
        releaseUnreleased();
      } catch (RuntimeException e) {
        // The cluster is gone or going: the owner-death rules release them.
      }
      if (holdings.isEmpty()) {
        return;
      }
      holdings.clear();
      try {
        // Only this process's threads hold it (Hazelcast ties the lock to the thread, which may still be
        // running), so force is the only way to release it from here; under the guard, no thread of this
        // process can have given it up at the cluster without its record being gone.
        locks.forceUnlock(name);
      } catch (RuntimeException e) {
        // The cluster is gone or going: the owner-death rules release it.
      }
    }
  }

  /** Releases the lock whoever holds it; the fencing counter is kept, so tokens never go backwards. */
  @Override
  public void destroy() {
    calls.run(() -> locks.forceUnlock(name));
    holdings.clear();
  }
}
