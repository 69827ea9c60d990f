package io.sharedobjects.hazelcast;

import com.hazelcast.map.IMap;
import io.sharedobjects.SharedBarrier;
import io.sharedobjects.SharedObjectsClosedException;
import io.sharedobjects.hazelcast.BarrierRecord.Outcome;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The barrier on stock members (the CP Subsystem has no barrier, so this one serves every cluster): its
 * state is one entry of {@value #BARRIERS_MAP} ({@link BarrierRecord}: generation, broken flag, the parties
 * waiting), changed only by compare-and-set ({@code putIfAbsent}, {@code replace(key, old, new)}).
 *
 * <p><b>Waiting.</b> A party that is not the last records itself as waiting and waits for the entry's
 * events ({@link BarrierEvents}); the last one to arrive moves the entry to the next generation, which wakes
 * the others. Every {@link #RECHECK_NANOS} a waiter also re-reads the entry (in case an event was lost) and
 * checks that the other waiters are alive.
 *
 * <p><b>A waiter's death.</b> Each waiting party holds an {@code IMap} key lock on a key of its own
 * ({@link BarrierRecord#partyKey}), taken before it records itself and given back after its generation
 * ended. Hazelcast releases the key locks of a client or member that dies or goes silent (within the
 * lock's owner-death bounds, {@link MemberProperties}), so a party recorded as waiting whose lock is free
 * has died; the waiter that sees it breaks the generation by compare-and-set from the state it read before
 * looking, so a party that left because its generation ended is never taken for dead. Chosen over a record
 * of live processes kept up to date by member and client listeners because it needs nothing on the
 * members (clients cannot see other clients' connections) and reuses owner-death rules the lock already
 * depends on and measures: the bound is the lock's plus one re-check. Its cost is two round trips per
 * waiting party (lock and unlock) and, per re-check, one {@code isLocked} per other waiter.
 *
 * <p><b>Round trips.</b> A party that waits: lock, compare-and-set, unlock (3), plus a read and a second
 * compare-and-set when the state this process last saw is stale; its wake-up carries the new state, so it
 * reads nothing. The last party: one compare-and-set, or three (a failed one, a read, another) when the
 * waiter's arrival event has not reached it yet, the usual case when both arrive together. A round of two
 * parties is thus 4 to 6, measured 6 ({@code MapSharedBarrierTest}). The first wait of a proxy
 * also registers the entry listener, kept until close.
 *
 * <p><b>Missed generations:</b> a waiter learns how its generation ended from the state even when later
 * generations have started meanwhile, for the last 64 generations ({@link BarrierRecord}). A waiter that
 * does not look at the state while 64 later generations pass (possible only when more processes than
 * parties take turns at the barrier, and the waiter is paused meanwhile) fails with {@link
 * BrokenBarrierException} rather than guess.
 *
 * <p><b>Partitions:</b> every call goes through {@link ObjectContext#synchronizerCalls}, and members this
 * library starts with a cluster size protect the map as they protect the lock's, so only a majority lets
 * parties pass; a waiter cut off from it fails with {@link io.sharedobjects.NoQuorumException} or {@link
 * io.sharedobjects.ClusterUnavailableException}, and the majority takes its party for dead once its lock
 * is released there. <b>Close:</b> closing the {@code SharedObjects} breaks the generations its threads
 * wait in ({@link ReleasedOnClose}), as its death would. Thread-safe; no fairness is promised.
 */
final class MapSharedBarrier implements SharedBarrier, ReleasedOnClose {

  /** The internal map of barrier states; user names cannot start with '_', so none collides. */
  static final String BARRIERS_MAP = "__shared-objects.barriers";

  /** How often a waiter re-reads the state and checks the other waiters' locks, at most. */
  static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  private final ObjectContext context;
  private final String name;
  private final int parties;
  private final Calls calls;
  private final IMap<String, Object> barriers;
  /** The form of the states in {@link #barriers}: sealed with an authKey. */
  private final SealedState form;
  private final BarrierEvents events;
  /** This process's waits in progress by party, with the generation waited in, for a close to break. */
  private final ConcurrentMap<String, Waiting> waits = new ConcurrentHashMap<>();
  /** The state this process last read or wrote: the expected value of its next compare-and-set. */
  private volatile BarrierRecord lastKnown;

  private record Waiting(long incarnation, long generation) {}

  MapSharedBarrier(ObjectContext context, String name, int parties) {
    this.context = context;
    this.name = name;
    this.parties = parties;
    this.calls = context.synchronizerCalls("barrier '" + name + "'");
    this.barriers = context.instance().getMap(BARRIERS_MAP);
    this.form = SealedState.of(context, BARRIERS_MAP);
    this.events = new BarrierEvents(context, barriers, name);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int parties() {
    return parties;
  }

  @Override
  public int await() throws InterruptedException, BrokenBarrierException {
    try {
      return await(-1);
    } catch (TimeoutException impossible) {
      throw new AssertionError("an untimed await timed out", impossible);
    }
  }

  @Override
  public int await(long time, TimeUnit unit) throws InterruptedException, BrokenBarrierException, TimeoutException {
    return await(Math.max(0, unit.toNanos(time)));
  }

  @Override
  public int numberWaiting() {
    BarrierRecord state = read();
    return state == null ? 0 : state.numberWaiting();
  }

  @Override
  public boolean isBroken() {
    BarrierRecord state = read();
    return state != null && state.broken();
  }

  @Override
  public void reset() {
    while (true) {
      BarrierRecord state = read();
      if (state == null) {
        return;
      }
      BarrierRecord next = state.reset();
      if (next == state || compareAndSet(state, next)) {
        return;
      }
    }
  }

  /** Removes the state (its waiters fail with {@link BrokenBarrierException}) and the number of parties. */
  @Override
  public void destroy() {
    calls.run(() -> barriers.delete(name));
    lastKnown = null;
    SynchronizerParameters.forget(context, calls, "barrier", name);
  }

  /** Breaks the generations this process's threads wait in and frees their party locks, as its death would. */
  @Override
  public void releaseOnClose() {
    for (Map.Entry<String, Waiting> wait : waits.entrySet()) {
      abandon(wait.getKey(), wait.getValue());
    }
    events.close();
  }

  @Override
  public String toString() {
    return "SharedBarrier '" + name + "' (" + parties + " parties)";
  }

  /** Waits for the other parties at most {@code timeoutNanos}, forever if negative. */
  private int await(long timeoutNanos) throws InterruptedException, BrokenBarrierException, TimeoutException {
    boolean timed = timeoutNanos >= 0;
    long deadline = System.nanoTime() + Math.max(0, timeoutNanos);
    // Taken now and acted on after the broken check, as CyclicBarrier does; a Hazelcast call made with the
    // flag set would fail.
    boolean interrupted = Thread.interrupted();
    String party = null;
    boolean fresh = false;
    boolean keepInterrupt = interrupted;
    try {
      events.listen(calls);
      while (true) {
        long seen = events.signal().sequence();
        BarrierRecord state = fresh ? null : known();
        if (state == null) {
          state = readOrCreate();
          fresh = true;
        }
        if (state.broken()) {
          if (!fresh) {
            fresh = true;
            continue;
          }
          throw broken();
        }
        if (interrupted || Thread.interrupted()) {
          keepInterrupt = false;
          breakCurrent();
          throw new InterruptedException();
        }
        int index = parties - 1 - state.waiting().size();
        BarrierRecord next;
        if (index <= 0) {
          next = state.passed();
        } else if (timed && deadline - System.nanoTime() <= 0) {
          next = state.broke();
        } else {
          if (party == null) {
            party = lockNewParty();
          }
          next = state.arrived(party);
        }
        if (!compareAndSet(state, next)) {
          fresh = true;
          continue;
        }
        if (index <= 0) {
          return 0;
        }
        if (next.broken()) {
          throw timedOut();
        }
        return waitFor(next, party, index, timed, deadline, seen);
      }
    } catch (RuntimeException e) {
      if (!byInterrupt(e)) {
        throw e;
      }
      // Interrupted during a call, which may or may not have been applied: break whatever generation is on.
      Thread.interrupted();
      keepInterrupt = false;
      breakCurrent();
      throw new InterruptedException();
    } finally {
      if (party != null) {
        unlock(party);
      }
      if (keepInterrupt) {
        // Taken at entry but not acted on (the barrier was broken, or a call failed): the caller's again.
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Waits until the generation {@code party} arrived in ({@code arrived}) ends, the time runs out or the
   * thread is interrupted, waking on the entry's events and re-checking every {@link #RECHECK_NANOS}.
   */
  private int waitFor(BarrierRecord arrived, String party, int index, boolean timed, long deadline, long seen)
      throws InterruptedException, BrokenBarrierException, TimeoutException {
    Waiting waiting = new Waiting(arrived.incarnation(), arrived.generation());
    waits.put(party, waiting);
    boolean interrupted = false;
    long nextCheck = System.nanoTime() + RECHECK_NANOS;
    try {
      while (true) {
        if (!interrupted) {
          long now = System.nanoTime();
          long left = Math.min(nextCheck - now, timed ? deadline - now : Long.MAX_VALUE);
          try {
            if (left > 0) {
              events.signal().awaitChange(seen, left);
            }
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
        context.open().ensureOpen();
        seen = events.signal().sequence();
        long now = System.nanoTime();
        boolean due = interrupted || now - nextCheck >= 0 || (timed && deadline - now <= 0);
        Outcome outcome = hinted(waiting);
        BarrierRecord state = null;
        if (outcome == null || (outcome == Outcome.WAITING && due)) {
          try {
            state = read();
          } catch (RuntimeException e) {
            if (interrupted || !byInterrupt(e)) {
              throw e;
            }
            // Acted on below, once it is known whether the generation ended; the calls must not see it.
            Thread.interrupted();
            interrupted = true;
            continue;
          }
          outcome = state == null ? Outcome.BROKEN : state.outcome(waiting.incarnation(), waiting.generation());
          nextCheck = now + RECHECK_NANOS;
        }
        if (outcome != Outcome.WAITING) {
          if (interrupted) {
            // It ended before the interrupt was acted on: report how, and keep the interrupt for the caller.
            Thread.currentThread().interrupt();
          }
          if (outcome == Outcome.PASSED) {
            return index;
          }
          throw broken();
        }
        if (interrupted) {
          if (breakIfWaiting(waiting)) {
            throw new InterruptedException();
          }
        } else if (timed && deadline - now <= 0) {
          if (breakIfWaiting(waiting)) {
            throw timedOut();
          }
        } else if (state != null) {
          try {
            if (anotherPartyDied(state, party)) {
              // From the state read before looking at the locks: if anyone left meanwhile, this fails.
              compareAndSet(state, state.broke());
            }
          } catch (RuntimeException e) {
            if (!byInterrupt(e)) {
              throw e;
            }
            Thread.interrupted();
            interrupted = true;
          }
        }
      }
    } catch (RuntimeException e) {
      if (!context.open().isClosed()) {
        // A failed call (cluster unreachable, no majority): this party leaves, so the generation must not pass
        // with it counted. Best effort: if the cluster cannot be reached, its lock goes when the cluster drops
        // this process, or a reset() clears it.
        try {
          breakIfWaiting(waiting);
        } catch (RuntimeException alsoFailed) {
          e.addSuppressed(alsoFailed);
        }
        throw e;
      }
      // Closed while waiting (an owned client may even be shut down under the call): fail as closed.
      abandon(party, waiting);
      if (e instanceof SharedObjectsClosedException) {
        throw e;
      }
      SharedObjectsClosedException closed = OpenState.closedException();
      closed.addSuppressed(e);
      throw closed;
    } finally {
      waits.remove(party);
    }
  }

  /**
   * How the events say {@code waiting}'s generation stands, or null if they cannot tell: none received,
   * the entry removed, or another incarnation (the event may predate this wait), which a read settles.
   */
  private Outcome hinted(Waiting waiting) {
    BarrierRecord hint = decode(events.latest());
    if (hint == null || hint.incarnation() != waiting.incarnation()) {
      return null;
    }
    return hint.outcome(waiting.incarnation(), waiting.generation());
  }

  /** Whether a party other than {@code self} is recorded as waiting in {@code state} but its lock is free. */
  private boolean anotherPartyDied(BarrierRecord state, String self) {
    for (String other : state.waiting()) {
      if (!other.equals(self) && !calls.call(() -> barriers.isLocked(BarrierRecord.partyKey(other)))) {
        return true;
      }
    }
    return false;
  }

  /** Breaks {@code waiting}'s generation if it is still waiting; false if it ended meanwhile. */
  private boolean breakIfWaiting(Waiting waiting) {
    while (true) {
      BarrierRecord state = read();
      if (state == null || state.outcome(waiting.incarnation(), waiting.generation()) != Outcome.WAITING) {
        return false;
      }
      if (compareAndSet(state, state.broke())) {
        return true;
      }
    }
  }

  /** Breaks the current generation, as an interrupted arrival does; nothing if there is none or it is broken. */
  private void breakCurrent() {
    while (true) {
      BarrierRecord state = read();
      if (state == null || state.broken() || compareAndSet(state, state.broke())) {
        return;
      }
    }
  }

  /**
   * For a closed process: breaks the generation {@code party} waits in and frees its lock, directly (the
   * closed instance's calls refuse), best effort: if the cluster cannot be reached, the others take the
   * party for dead once Hazelcast releases its lock.
   */
  private void abandon(String party, Waiting waiting) {
    boolean interrupted = Thread.interrupted();
    try {
      for (int attempt = 0; attempt < 10; attempt++) {
        BarrierRecord state = decode(barriers.get(name));
        if (state == null || state.outcome(waiting.incarnation(), waiting.generation()) != Outcome.WAITING
            || !state.waiting().contains(party)
            || barriers.replace(name, expected(state), form.seal(name, state.broke().encode()))) {
          break;
        }
      }
      barriers.forceUnlock(BarrierRecord.partyKey(party));
    } catch (RuntimeException e) {
      // Unreachable or shut down: the owner-death rules release the lock, and the others then break it.
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** A new party id, its key locked by this thread: held while it waits, it tells the others it lives. */
  private String lockNewParty() {
    String party = UUID.randomUUID().toString();
    String key = BarrierRecord.partyKey(party);
    if (!calls.call(() -> barriers.tryLock(key))) {
      throw new IllegalStateException("The new party key " + key + " of barrier '" + name + "' is locked by"
          + " someone else; it should be unique. Retry the await.");
    }
    return party;
  }

  /** Gives the party's lock back once its wait is over; best effort (its death would do the same). */
  private void unlock(String party) {
    String key = BarrierRecord.partyKey(party);
    // A waiter that passed as it was interrupted keeps the interrupt, but the call must not see it.
    boolean interrupted = Thread.interrupted();
    try {
      calls.run(() -> barriers.unlock(key));
    } catch (RuntimeException e) {
      // Closed (then released by abandon), or unreachable: released when this process leaves the cluster.
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The newest state this process knows without a call (the events' or its own last), or null. */
  private BarrierRecord known() {
    BarrierRecord hint = decode(events.latest());
    return hint != null ? hint : lastKnown;
  }

  private BarrierRecord read() {
    BarrierRecord state = decode(calls.call(() -> barriers.get(name)));
    lastKnown = state;
    return state;
  }

  /** The state stored as {@code stored}, verified, or null for none. */
  private BarrierRecord decode(Object stored) {
    return BarrierRecord.read(stored, form, name);
  }

  /** What a compare-and-set from {@code state} expects: the object it was read as, or else it sealed now. */
  private Object expected(BarrierRecord state) {
    return form.expected(name, state.stored(), state.encode());
  }

  private BarrierRecord readOrCreate() {
    BarrierRecord state = read();
    if (state != null) {
      return state;
    }
    Object stored = form.seal(name, BarrierRecord.fresh().encode());
    Object raced = calls.call(() -> barriers.putIfAbsent(name, stored));
    state = decode(raced == null ? stored : raced);
    lastKnown = state;
    return state;
  }

  private boolean compareAndSet(BarrierRecord expected, BarrierRecord next) {
    Object from = expected(expected);
    Object stored = form.seal(name, next.encode());
    boolean done = calls.call(() -> barriers.replace(name, from, stored));
    if (done) {
      lastKnown = next.withStored(stored);
    }
    return done;
  }

  /** Whether a Hazelcast call failed because the calling thread was interrupted. */
  private static boolean byInterrupt(RuntimeException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof InterruptedException) {
        return true;
      }
    }
    return false;
  }

  private BrokenBarrierException broken() {
    return new BrokenBarrierException("Barrier '" + name + "' is broken (a waiter timed out, was interrupted or"
        + " died, or it was reset or destroyed); call reset() before using it again.");
  }

  private TimeoutException timedOut() {
    return new TimeoutException("Barrier '" + name + "': the other parties did not all arrive in time; the"
        + " barrier is now broken for every waiter. Call reset() before using it again.");
  }
}
