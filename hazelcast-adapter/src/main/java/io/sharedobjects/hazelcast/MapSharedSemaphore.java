package io.sharedobjects.hazelcast;

import com.hazelcast.cluster.Member;
import com.hazelcast.map.IMap;
import io.sharedobjects.NoQuorumException;
import io.sharedobjects.SharedObjectsClosedException;
import io.sharedobjects.SharedSemaphore;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * The {@link LockBackend#MAP} semaphore: one Hazelcast key lock per permit, on keys {@code name#0} to
 * {@code name#(permits-1)} of {@value #SEMAPHORES_MAP}. Taking a permit is locking a free key; releasing it
 * is unlocking one this process holds.
 *
 * <p><b>Why key locks:</b> a key lock is released by the cluster when its owner dies: a client's when its
 * connection closes or goes silent, a member's when it is removed. The permits therefore come back within
 * exactly the lock's owner-death bounds, from stock members, with nothing to run on them. The other way, a
 * record of holders plus listeners that free a dead holder's permits, needs someone to notice every death:
 * a client cannot see another client die on a stock member, so it would take server-side code or leases
 * renewed by every holder (a frozen holder's permits then come back only at the lease's end, and a live
 * but slow one loses them). Its one gain, {@link #availablePermits()} in one call rather than one per
 * permit, is not worth that.
 *
 * <p><b>Owner:</b> Hazelcast owns a key lock by UUID and thread, but a permit belongs to the process. Each
 * proxy therefore takes and releases its keys as one owner of its own ({@link HazelcastInternals#asLockOwner},
 * a negative id no real thread has), whatever thread calls: any thread may release, and the cluster still
 * refuses to unlock a key this proxy does not hold (the key given back at its death, or by {@link
 * #destroy()}), which makes that {@code release()} fail with {@link IllegalStateException} instead of freeing
 * another holder's permit. Keys this process holds or is trying are kept locally, so two of its threads never
 * lock the same key (one owner's second lock would be a reentrant one, not a second permit).
 *
 * <p><b>Waiting:</b> a waiter tries the free-looking keys, then waits for an event: each release writes the
 * released index under the semaphore's name ({@link SemaphoreEvents}); a permit freed by its owner's death
 * writes nothing, so a waiter also looks again every {@value #RECHECK_MILLIS} ms and when a member leaves.
 * No key lock is ever waited on in the cluster: an interrupted or timed-out blocking {@code tryLock} could be
 * granted after its caller gave up, leaking the permit to no one.
 *
 * <p><b>Round trips:</b> {@code tryAcquire} is one {@code tryLock} per key tried, one when the first is free
 * (it starts at the permit last seen released); {@code release} is one {@code unlock} plus one asynchronous
 * write not waited for, or none when it hands the permit to a thread of this process that waits for one
 * (at most {@value #LOCAL_HANDOFFS} in a row, then one goes back to the cluster for other processes); {@code availablePermits} is one {@code isLocked} per permit. Thread-safe.
 */
final class MapSharedSemaphore implements SharedSemaphore, ReleasedOnClose {

  /** The internal map of every map-backed semaphore; user names cannot start with '_', so none collides. */
  static final String SEMAPHORES_MAP = "__shared-objects.semaphores";

  /** How often a waiter looks again without an event: the delay a permit freed by its owner's death may add. */
  static final long RECHECK_MILLIS = 500;

  /**
   * How many releases in a row may hand their permit to a thread of this process that waits for one, with
   * no round trip, before one is given back to the cluster so that other processes' waiters get a turn.
   */
  static final int LOCAL_HANDOFFS = 8;

  /** The lock owners of this JVM's semaphore proxies: negative, so no real thread id is one of them. */
  private static final AtomicLong OWNERS = new AtomicLong(Long.MIN_VALUE / 2);

  private final ObjectContext context;
  private final Calls calls;
  private final String name;
  private final int permits;
  private final IMap<String, Object> map;
  /** The form of the release hints in {@link #map}: sealed with an authKey. */
  private final SealedState state;
  private final long owner = OWNERS.getAndIncrement();
  private final SemaphoreEvents events;
  private final HeldPermits local;
  /** By key: the members the cluster had when this process's lock of it started ({@link RepeatedLocks}). */
  private final AtomicReferenceArray<Set<Member>> takenWith;
  /** Settles the doubtful keys in the background, in case this process never tries the semaphore again. */
  private final LateReleases settleLater;
  /** Where this proxy starts looking when it saw no release: spread, so processes do not all try key 0 first. */
  private final int start;

  MapSharedSemaphore(ObjectContext context, String name, int permits) {
    this.context = context;
    this.calls = context.synchronizerCalls("semaphore '" + name + "'");
    this.name = name;
    this.permits = permits;
    this.map = context.instance().getMap(SEMAPHORES_MAP);
    this.state = SealedState.of(context, SEMAPHORES_MAP);
    this.takenWith = new AtomicReferenceArray<>(permits);
    this.local = new HeldPermits(permits);
    this.start = ThreadLocalRandom.current().nextInt(permits);
    this.events = new SemaphoreEvents(context, map, state, name, calls);
    this.settleLater =
        new LateReleases(context.open(), () -> calls.run(this::settleDoubtful), local::hasDoubtful);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int permits() {
    return permits;
  }

  @Override
  public void acquire() throws InterruptedException {
    take(-1);
  }

  @Override
  public boolean tryAcquire() {
    try {
      return tryEachKey();
    } catch (InterruptedException e) {
      // This call does not wait, so it is not interruptible: keep the interrupt for the caller, take nothing.
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public boolean tryAcquire(long time, TimeUnit unit) throws InterruptedException {
    return take(Math.max(0, unit.toNanos(time)));
  }

  @Override
  public void release() {
    context.open().ensureOpen();
    Integer last = local.toRelease();
    if (last == null) {
      throw notHeld(name);
    }
    if (local.handOff(last, LOCAL_HANDOFFS)) {
      events.signal().changed(); // a waiting thread of this process takes it, without a round trip
      return;
    }
    giveBack(last);
  }

  /** Gives key {@code index}, taken out of this process's holds, back to the cluster, and tells the waiters. */
  private void giveBack(int index) {
    try {
      calls.run(() -> unlock(index));
    } catch (IllegalMonitorStateException lost) {
      local.unclaim(index);
      throw new IllegalStateException("The permit of semaphore '" + name + "' this process held was given"
          + " back by the cluster before this release: this process was taken for dead (silent longer than"
          + " the owner-death bound), or the semaphore was destroyed, or an earlier release that failed was"
          + " applied after all. Another process may have used it since; nothing else was changed.", lost);
    } catch (SharedObjectsClosedException | NoQuorumException refused) {
      // Refused before anything was sent: the permit is still this process's, and release() may be called again.
      local.putBack(index);
      throw refused;
    } catch (RuntimeException unanswered) {
      // Sent, but unanswered: whether the cluster freed the key is unknown. The hold ends here all the same (a
      // second release() would give back another permit, or fail); the key stays claimed as doubtful and is
      // unlocked, held or not, in the background and at this process's next acquisition attempt (a waiting
      // one's look included) or its close. Kept as held instead, it was lost to every process until this one
      // released it again, which a caller that released in a finally block never does (seen in the partition
      // suite: both permits).
      local.doubt(index);
      settleLater.start();
      throw unanswered;
    }
    if (RepeatedLocks.memberLeftSince(context.instance(), takenWith.get(index))) {
      try {
        calls.run(() -> RepeatedLocks.unlockRest(() -> unlock(index)));
      } catch (RuntimeException unknown) {
        // This process may still hold it twice: it stays claimed until settled.
        local.doubt(index);
        settleLater.start();
        return;
      }
    }
    local.unclaim(index);
    announce(index);
  }

  @Override
  public int availablePermits() {
    return calls.call(() -> {
      int free = 0;
      for (int i = 0; i < permits; i++) {
        if (!map.isLocked(key(i))) {
          free++;
        }
      }
      return free;
    });
  }

  /**
   * Frees every permit, whoever holds it, and forgets the number; the former holders' {@code release()}
   * then fails with {@link IllegalStateException}. Waiters in every process wake (the release entry is
   * removed) and take the freed permits of the semaphore as it starts again.
   */
  @Override
  public void destroy() {
    calls.run(() -> {
      for (int i = 0; i < permits; i++) {
        map.forceUnlock(key(i));
      }
      map.delete(name);
    });
    SynchronizerParameters.forget(context, calls, "semaphore", name);
    local.forgetHeld();
  }

  /** Gives back the permits this process holds, as its death would, and wakes its waiting threads. */
  @Override
  public void releaseOnClose() {
    List<Integer> mine = local.close();
    events.close();
    for (int index : mine) {
      try {
        // Directly, not through calls: the SharedObjects is closed by now. Every hold, as a member's
        // departure may have counted one twice.
        RepeatedLocks.unlockRest(() -> unlock(index));
      } catch (RuntimeException e) {
        // Not held any more, or the cluster is gone or going: the owner-death rules release it.
      }
    }
  }

  @Override
  public String toString() {
    return "MapSharedSemaphore[" + name + ", permits=" + permits + "]";
  }

  /** Takes a permit, waiting up to {@code nanos} (forever if negative); returns whether it did. */
  private boolean take(long nanos) throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    if (tryEachKey()) {
      return true;
    }
    if (nanos == 0) {
      return false;
    }
    long deadline = System.nanoTime() + nanos;
    long recheck = TimeUnit.MILLISECONDS.toNanos(RECHECK_MILLIS);
    local.waiting(1);
    try {
      while (true) {
        // Listening before looking, so that a release after the look wakes this wait.
        long seen;
        try {
          seen = events.listen();
        } catch (RuntimeException e) {
          throw interruptedOr(e);
        }
        if (local.takeHanded() || tryEachKey()) {
          return true;
        }
        long wait = recheck;
        if (nanos > 0) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return false;
          }
          wait = Math.min(wait, left);
        }
        events.signal().awaitChange(seen, wait);
        if (local.takeHanded()) {
          return true;
        }
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
      }
    } finally {
      local.waiting(-1);
      Integer unwanted = local.surplus();
      if (unwanted != null) {
        try {
          giveBack(unwanted);
        } catch (RuntimeException e) {
          // Kept as this process's (putBack) or lost to the cluster; either way no waiter is owed it.
        }
      }
    }
  }

  /**
   * Tries once to lock each key this process neither holds nor is trying, starting at the one last seen
   * released; returns whether it took one.
   */
  private boolean tryEachKey() throws InterruptedException {
    context.open().ensureOpen();
    // Checked here too: when this process's threads hold or try every key, no call is made below, and a
    // minority must still refuse rather than answer "not granted" (seen once in the partition suite).
    calls.requireMajority();
    settleDoubtful();
    int hint = events.lastReleased();
    int first = hint >= 0 && hint < permits ? hint : start;
    Set<Member> before = RepeatedLocks.members(context.instance());
    for (int k = 0; k < permits; k++) {
      int index = (first + k) % permits;
      if (!local.claim(index)) {
        continue;
      }
      boolean got;
      try {
        got = calls.call(() -> owned(() -> map.tryLock(key(index))));
      } catch (SharedObjectsClosedException | NoQuorumException notSent) {
        // Refused before anything was applied: by this process, or a member's split-brain protection.
        local.unclaim(index);
        throw notSent;
      } catch (RuntimeException failed) {
        // A Hazelcast client's call interrupted while waiting for its answer fails with the interrupt as cause;
        // clear it first, so that the undoing call is not interrupted too.
        boolean interrupted = causedByInterrupt(failed);
        if (interrupted) {
          Thread.interrupted();
        }
        RuntimeException undone = undoFailedTry(index, failed);
        if (interrupted) {
          InterruptedException e = new InterruptedException("interrupted while taking a permit of semaphore '" + name + "'");
          e.initCause(undone);
          throw e;
        }
        throw undone;
      }
      if (got) {
        takenWith.set(index, before);
        keep(index);
        return true;
      }
      local.unclaim(index);
    }
    return false;
  }

  /** Records a key taken, unless this process closed meanwhile: then it gives it back and fails. */
  private void keep(int index) {
    if (local.keep(index)) {
      return;
    }
    try {
      unlock(index);
    } catch (RuntimeException e) {
      // The owner-death rules release it.
    }
    throw OpenState.closedException();
  }

  /**
   * A lock that failed without an answer may have been applied, even twice ({@link RepeatedLocks}); give it
   * back, in case, until the cluster says this process holds none. If that fails too, the key stays claimed
   * as doubtful, so this process does not lock it again as a reentrant second permit.
   */
  private RuntimeException undoFailedTry(int index, RuntimeException failure) {
    try {
      RepeatedLocks.unlockRest(() -> unlock(index));
      local.unclaim(index);
    } catch (RuntimeException unknown) {
      failure.addSuppressed(unknown);
      local.doubt(index);
      settleLater.start();
    }
    return failure;
  }

  /** Unlocks the doubtful keys, if any, so they can be taken again: held or not, this process then has none. */
  private void settleDoubtful() {
    for (int index : local.doubtfulToSettle()) {
      undoFailedTry(index, new IllegalStateException("settling a doubtful permit"));
    }
  }

  /** Tells waiting processes a permit is free; not waited for, as the waiters' re-check covers a lost one. */
  private void announce(int index) {
    try {
      Object stored = state.seal(name, index);
      calls.callAsync(() -> map.setAsync(name, stored), ignored -> null);
    } catch (RuntimeException e) {
      // Closed or refused meanwhile: the waiters' re-check finds the permit.
    }
  }

  /** Unlocks key {@code index} as this proxy's lock owner, directly (not through calls). */
  private void unlock(int index) {
    owned(() -> {
      map.unlock(key(index));
      return null;
    });
  }

  /** The lock owner this proxy takes its keys as; for tests that lock a key as this process would. */
  long lockOwner() {
    return owner;
  }

  private String key(int index) {
    return name + "#" + index;
  }

  /** The interrupt a failed call stood for (the interrupt flag cleared), or else the failure itself. */
  private static RuntimeException interruptedOr(RuntimeException failed) throws InterruptedException {
    if (causedByInterrupt(failed)) {
      Thread.interrupted();
      InterruptedException e = new InterruptedException("interrupted while waiting for a permit");
      e.initCause(failed);
      throw e;
    }
    return failed;
  }

  private static boolean causedByInterrupt(Throwable failed) {
    for (Throwable e = failed; e != null; e = e.getCause()) {
      if (e instanceof InterruptedException) {
        return true;
      }
    }
    return false;
  }

  /** Runs a Hazelcast call as this proxy's lock owner. */
  private <T> T owned(Supplier<T> call) {
    return HazelcastInternals.asLockOwner(owner, call);
  }

  /** The refusal of a release by a process that holds no permit, worded as on every backend. */
  static IllegalStateException notHeld(String name) {
    return new IllegalStateException("This process holds no permit of semaphore '" + name + "', so it has"
        + " none to release; nothing was changed. A permit is released by the process that acquired it,"
        + " once per successful acquire() or tryAcquire(): release only after one of them succeeded.");
  }
}
