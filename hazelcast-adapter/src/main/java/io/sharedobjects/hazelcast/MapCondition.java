package io.sharedobjects.hazelcast;

import com.hazelcast.map.IMap;
import io.sharedobjects.AbstractSharedCondition;
import io.sharedobjects.SharedLock;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A named condition of a Hazelcast lock ({@link MapSharedLock} or {@link CpSharedLock}, which have none of
 * their own), built on two internal maps that stock members serve.
 *
 * <p><b>Waiters:</b> the entry of {@value #CONDITIONS_MAP} under {@code "<lock>|<condition>"} lists the
 * condition's waiters, oldest first, each waiting or signalled ({@link ConditionWaiters}); it changes only by
 * compare-and-set. A waiter registers there while it still holds the lock, then releases the lock: a signal
 * (which needs the lock) can only come after the registration, so none is lost. {@code signal} marks the
 * oldest live waiting entry signalled, {@code signalAll} empties the list (a waiter no longer listed was
 * signalled). A waiter that times out or is interrupted removes its own entry by compare-and-set, unless it
 * finds it signalled first (then it was signalled, as with {@code ReentrantLock}): no signal goes to a
 * waiter that gave up.
 *
 * <p><b>Waking:</b> waiters wake on the entry's events (carrying the new list, so a woken waiter needs no
 * further round trip), with a re-check every {@link HazelcastSharedQueue#RECHECK_NANOS} as a safety net;
 * then they take the lock back.
 *
 * <p><b>Owner death:</b> while it is registered, a waiter's thread holds the key lock of {@code
 * "<lock>|<condition>|<waiter>"} in {@value #WAITERS_MAP}, which Hazelcast releases when the waiter's process
 * dies (client: when the member drops it; member: when it leaves the cluster), within the lock's own
 * owner-death bounds. {@code signal} skips (and drops) waiting entries whose key lock is free. A signal that
 * reached a waiter before its death was noticed is handed on: a waiting thread's periodic re-check finds
 * signalled entries whose key lock is free and takes their signal (the one spurious wake-up the contract
 * allows).
 *
 * <p>Thread-safe; one instance per lock proxy and name, shared by the threads of its process.
 */
final class MapCondition extends AbstractSharedCondition {

  /** The internal map of each condition's waiters; user names cannot start with '_', so none collides. */
  static final String CONDITIONS_MAP = "__shared-objects.conditions";
  /** The internal map whose key locks say which waiters are alive; it holds no entries. */
  static final String WAITERS_MAP = "__shared-objects.condition-waiters";

  /** This JVM's part of every waiter id, random so ids of different processes never meet. */
  private static final String PROCESS = Long.toHexString(new SecureRandom().nextLong() >>> 1);
  private static final AtomicLong WAITERS = new AtomicLong();

  private final HazelcastSharedLock lock;
  private final Calls calls;
  private final OpenState open;
  private final IMap<String, Object> conditions;
  /** The form of the waiter lists in {@link #conditions}: sealed with an authKey. */
  private final SealedState form;
  private final String what;
  private final IMap<String, String> alive;
  private final String key;
  private final ConditionEvents events;

  MapCondition(ObjectContext context, HazelcastSharedLock lock, String name) {
    super(lock, name);
    this.lock = lock;
    this.calls = lock.calls;
    this.open = context.open();
    this.conditions = context.instance().getMap(CONDITIONS_MAP);
    this.form = SealedState.of(context, CONDITIONS_MAP);
    this.what = "condition '" + name + "' of lock '" + lock.name() + "'";
    this.alive = context.instance().getMap(WAITERS_MAP);
    this.key = lock.name() + "|" + name;
    this.events = new ConditionEvents(context, conditions, key, this::decode);
  }

  /** Marks the oldest live waiter signalled: a read, a liveness check and a compare-and-set. */
  @Override
  public void signal() {
    requireHeld("signal");
    calls.run(() -> {
      ConditionWaiters current = read();
      while (true) {
        ConditionWaiters.Entry oldest = oldestWaiting(current);
        if (oldest == null) {
          return;
        }
        boolean live = alive.isLocked(aliveKey(oldest.id()));
        // A waiter whose liveness key lock is free has died: drop it and try the next.
        ConditionWaiters next = live
            ? current.signalling(oldest.id())
            : current.removing(entry -> entry.id().equals(oldest.id()));
        if (compareAndSet(current, next)) {
          if (live) {
            return;
          }
          current = next;
        } else {
          current = read();
        }
      }
    });
  }

  /** Signals every waiter by emptying the list: a read and a compare-and-set. */
  @Override
  public void signalAll() {
    requireHeld("signalAll");
    calls.run(() -> {
      ConditionWaiters current = read();
      while (!current.entries().isEmpty() && !compareAndSet(current, current.emptied())) {
        current = read();
      }
    });
  }

  /** Stops listening; this process's waiting threads wake and fail, as their SharedObjects closed. */
  void close() {
    events.close();
  }

  /**
   * Registers, gives up the lock, waits up to {@code timeoutNanos} (forever if negative) and takes the lock
   * back. A non-interruptible wait, or an interrupt that came after the signal, keeps the interrupt status.
   */
  @Override
  protected Outcome waitOut(long timeoutNanos, boolean interruptible) throws InterruptedException {
    requireHeld("await");
    long deadline = System.nanoTime() + Math.max(0, timeoutNanos);
    String id = PROCESS + "." + WAITERS.incrementAndGet();
    String aliveKey = aliveKey(id);
    events.listen(calls);
    ConditionWaiters registered = register(id, aliveKey);
    int holds;
    try {
      holds = lock.releaseAll();
    } catch (RuntimeException e) {
      abandon(id, aliveKey);
      throw e;
    }
    Outcome outcome;
    boolean interrupted = false;
    try {
      while (true) {
        long seen = events.signal().sequence();
        open.ensureOpen();
        if (signalled(id, registered, events.latest())) {
          outcome = Outcome.SIGNALLED;
          break;
        }
        long left = timeoutNanos < 0 ? HazelcastSharedQueue.RECHECK_NANOS : deadline - System.nanoTime();
        if (left <= 0) {
          outcome = cancel(id, registered) ? Outcome.TIMED_OUT : Outcome.SIGNALLED;
          break;
        }
        boolean changed;
        try {
          changed = events.signal().awaitChange(seen, Math.min(left, HazelcastSharedQueue.RECHECK_NANOS));
        } catch (InterruptedException e) {
          if (!interruptible) {
            interrupted = true;
            continue;
          }
          outcome = cancel(id, registered) ? Outcome.INTERRUPTED : Outcome.SIGNALLED;
          // Signalled first: returns normally, keeping the interrupt for the caller, as ReentrantLock's does.
          interrupted = outcome == Outcome.SIGNALLED;
          break;
        }
        if (!changed || !events.connected()) {
          // No event for a while, or the client lost its connection: read (waiting at most the connect
          // timeout for a reconnect, then failing).
          recheck(id, registered);
        }
      }
      lock.takeBack(holds);
    } catch (RuntimeException failure) {
      abandon(id, aliveKey);
      throw failure;
    }
    finish(id, aliveKey);
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return outcome;
  }

  /** Holds the waiter's liveness key lock, then adds it to the list; needs the condition's lock held. */
  private ConditionWaiters register(String id, String aliveKey) {
    calls.run(() -> alive.lock(aliveKey));
    try {
      return calls.call(() -> {
        ConditionWaiters current = events.listening() ? events.latest() : read();
        while (true) {
          ConditionWaiters next = current.adding(id);
          if (compareAndSet(current, next)) {
            return next;
          }
          current = read();
        }
      });
    } catch (RuntimeException e) {
      unlockAlive(aliveKey);
      throw e;
    }
  }

  /**
   * Gives up waiting (timed out or interrupted): removes the waiter's entry by compare-and-set.
   *
   * @return true if it was still waiting; false if it had been signalled meanwhile
   */
  private boolean cancel(String id, ConditionWaiters registered) {
    return calls.call(() -> {
      ConditionWaiters current = newest(registered);
      while (true) {
        ConditionWaiters.Entry mine = current.find(id);
        if (mine == null || mine.signalled()) {
          return false;
        }
        ConditionWaiters next = current.removing(entry -> entry.id().equals(id));
        if (compareAndSet(current, next)) {
          return true;
        }
        current = read();
      }
    });
  }

  /**
   * The safety net when no event came for a while: reads the list, and if a signal went to a waiter whose
   * process has died since, takes it over.
   */
  private void recheck(String id, ConditionWaiters registered) {
    calls.run(() -> {
      ConditionWaiters current = read();
      ConditionWaiters.Entry mine = current.find(id);
      if (current.version() < registered.version() || mine == null || mine.signalled()) {
        return;
      }
      List<String> orphans = new ArrayList<>();
      for (ConditionWaiters.Entry entry : current.entries()) {
        if (entry.signalled() && !alive.isLocked(aliveKey(entry.id()))) {
          orphans.add(entry.id());
        }
      }
      if (!orphans.isEmpty()) {
        compareAndSet(current, current.removing(entry -> orphans.contains(entry.id())).signalling(id));
      }
    });
  }

  /** After taking the lock back: removes a signalled entry, then frees the liveness key lock. */
  private void finish(String id, String aliveKey) {
    try {
      calls.run(() -> {
        ConditionWaiters current = events.latest();
        while (current.find(id) != null) {
          if (compareAndSet(current, current.removing(entry -> entry.id().equals(id)))) {
            return;
          }
          current = read();
        }
      });
    } finally {
      unlockAlive(aliveKey);
    }
  }

  /**
   * A waiter that fails (its SharedObjects closed, the cluster unreachable) leaves, best effort and not
   * through {@link Calls}, which refuse calls after close. A signal it had taken goes to the oldest waiter
   * still waiting; if the cluster cannot be reached, owner death cleans up after it.
   */
  private void abandon(String id, String aliveKey) {
    try {
      ConditionWaiters current = newest(ConditionWaiters.NONE);
      for (int attempt = 0; attempt < 5 && current.find(id) != null; attempt++) {
        boolean hadSignal = current.find(id).signalled();
        ConditionWaiters next = current.removing(entry -> entry.id().equals(id));
        ConditionWaiters.Entry heir = oldestWaiting(next);
        if (hadSignal && heir != null) {
          next = next.signalling(heir.id());
        }
        if (compareAndSet(current, next)) {
          break;
        }
        current = read();
      }
    } catch (RuntimeException e) {
      // Unreachable or shut down: its liveness key lock goes with its process.
    }
    unlockAlive(aliveKey);
  }

  private void unlockAlive(String aliveKey) {
    boolean interrupted = Thread.interrupted();
    try {
      alive.unlock(aliveKey);
    } catch (RuntimeException e) {
      // Not held any more (owner considered dead) or shut down: nothing left to free.
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Whether waiter {@code id} was signalled, judged from a state at least as new as its registration. */
  private static boolean signalled(String id, ConditionWaiters registered, ConditionWaiters seen) {
    if (seen.version() < registered.version()) {
      return false;
    }
    ConditionWaiters.Entry mine = seen.find(id);
    return mine == null || mine.signalled();
  }

  private ConditionWaiters newest(ConditionWaiters known) {
    ConditionWaiters latest = events.latest();
    return latest.newerThan(known) ? latest : known;
  }

  private static ConditionWaiters.Entry oldestWaiting(ConditionWaiters waiters) {
    for (ConditionWaiters.Entry entry : waiters.entries()) {
      if (!entry.signalled()) {
        return entry;
      }
    }
    return null;
  }

  private ConditionWaiters read() {
    ConditionWaiters current = decode(conditions.get(key));
    events.offer(current);
    return current;
  }

  /** The waiters stored as {@code stored}, verified; none for null. */
  private ConditionWaiters decode(Object stored) {
    return ConditionWaiters.read(stored, form, key, what);
  }

  /** Replaces {@code expected} with {@code next} if the stored list is still {@code expected}. */
  private boolean compareAndSet(ConditionWaiters expected, ConditionWaiters next) {
    Object stored = form.seal(key, next.stored());
    boolean done = expected.stored() == null
        ? conditions.putIfAbsent(key, stored) == null
        : conditions.replace(key, form.expected(key, expected.readAs(), expected.stored()), stored);
    if (done) {
      events.offer(next.withReadAs(stored));
    }
    return done;
  }

  private String aliveKey(String id) {
    return key + "|" + id;
  }

  private void requireHeld(String what) {
    if (!lock.isHeldByCurrentThread()) {
      throw new IllegalMonitorStateException("The current thread does not hold lock '" + lock.name()
          + "'; lock it before calling " + what + " on its condition '" + name() + "'.");
    }
  }
}
