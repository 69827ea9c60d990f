package io.sharedobjects.hazelcast;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent.LifecycleState;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryEvictedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The threads of this process that wait for one entry of an internal {@code IMap} to change (an event's
 * flag, a latch's count), and what wakes them: an entry listener on that key, registered with the first
 * wait and kept until {@link #close()}, whose events are handed to a {@code seen} callback and then fanned
 * out locally through a {@link ChangeSignal}; for a client also the loss of its connection, so a wait notices
 * at once and fails within the connect timeout. One listener per proxy, however many threads wait.
 *
 * <p>Events can be lost (a client reconnecting, a member leaving), so every wait also looks at the cluster
 * at least every {@link #RECHECK_NANOS}, and a look that finds the change no event reported makes the next
 * wait listen anew. Works on stock members: entry listeners only. Thread-safe.
 *
 * @param <V> the entry's value type
 */
final class EntryWaiters<V> {

  /** The longest a wait goes without looking at the cluster, in case an event was lost. */
  static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** What a wait waits for. */
  interface Wanted {
    /** Whether the events seen since the wait began show what it waits for; local, no call. */
    boolean seen();

    /** Whether the cluster shows it now: one call, through the object's calls. */
    boolean look() throws InterruptedException;
  }

  private final HazelcastInstance instance;
  private final boolean client;
  private final OpenState open;
  private final QueueCalls calls;
  private final IMap<String, V> map;
  private final String key;
  private final Consumer<V> seen;
  private final ChangeSignal signal = new ChangeSignal();
  private UUID entryListener;
  private UUID lifecycleListener;
  private boolean closed;

  /**
   * @param seen called with the entry's new value for every event on it (null when it was removed), before
   *     the waiting threads are woken; runs on Hazelcast's event threads, so it must be quick and thread-safe
   */
  EntryWaiters(ObjectContext context, QueueCalls calls, IMap<String, V> map, String key, Consumer<V> seen) {
    this.instance = context.instance();
    this.client = context.client();
    this.open = context.open();
    this.calls = calls;
    this.map = map;
    this.key = key;
    this.seen = seen;
  }

  /**
   * Waits until {@code wanted} holds, at most {@code nanos} (no bound if negative). Listens first, then
   * looks at the cluster, then waits for events, checking {@link Wanted#seen()} at each and looking again
   * when none came for {@link #RECHECK_NANOS}.
   *
   * @return whether it holds (false: the time ran out)
   * @throws InterruptedException if the waiting thread is interrupted
   * @throws io.sharedobjects.SharedObjectsClosedException once the owning SharedObjects is closed
   */
  boolean await(Wanted wanted, long nanos) throws InterruptedException {
    try {
      return waitFor(wanted, nanos);
    } catch (RuntimeException e) {
      throw closedOr(open, e);
    }
  }

  /**
   * {@link io.sharedobjects.SharedObjectsClosedException} if the owner closed while a call was under way (a
   * client shutting down fails it with its own exception), else {@code e}.
   */
  static RuntimeException closedOr(OpenState open, RuntimeException e) {
    if (open.isClosed() && !(e instanceof io.sharedobjects.SharedObjectsClosedException)) {
      RuntimeException closed = OpenState.closedException();
      closed.initCause(e);
      return closed;
    }
    return e;
  }

  private boolean waitFor(Wanted wanted, long nanos) throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    long deadline = System.nanoTime() + Math.max(0, nanos);
    // Listening before the look: a change after it wakes the wait below.
    long sequence = listen();
    long lost = disconnections;
    if (wanted.look()) {
      return true;
    }
    while (true) {
      long left = nanos < 0 ? RECHECK_NANOS : deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      boolean signalled = signal.awaitChange(sequence, Math.min(left, RECHECK_NANOS));
      open.ensureOpen();
      sequence = listen();
      if (signalled && wanted.seen()) {
        return true;
      }
      boolean reconnecting = lost != disconnections;
      lost = disconnections;
      // A lost connection is looked at too: the look then fails within the connect timeout, if not back.
      if (!signalled || reconnecting) {
        if (wanted.look()) {
          if (!signalled) {
            // Found by a look that no event announced: the listener may be gone.
            missedAChange();
          }
          return true;
        }
      }
    }
  }

  /** Stops listening and wakes every waiting thread, which then fails: its SharedObjects is closed. */
  void close() {
    synchronized (this) {
      closed = true;
      stopListening();
      if (lifecycleListener != null) {
        removeQuietly(() -> instance.getLifecycleService().removeLifecycleListener(lifecycleListener));
        lifecycleListener = null;
      }
    }
    signal.changed();
  }

  /** Registers the listeners if not yet; returns the signal's sequence to wait for a change after. */
  private long listen() throws InterruptedException {
    synchronized (this) {
      if (entryListener == null && !closed) {
        // Interrupted during its round trip, the listener may be registered all the same, unknown to this
        // process: it then lasts until this client or member shuts down, and only wakes this proxy's waits.
        entryListener = calls.callWaiting(() -> map.addEntryListener(new Changes(), key, true));
        if (client && lifecycleListener == null) {
          lifecycleListener = instance.getLifecycleService().addLifecycleListener(event -> {
            if (event.getState() == LifecycleState.CLIENT_DISCONNECTED) {
              disconnections++;
              signal.changed();
            }
          });
        }
      }
    }
    return signal.sequence();
  }

  /** How many times the client lost its connection; a wait that sees it change looks at the cluster. */
  private volatile long disconnections;

  private synchronized void missedAChange() {
    stopListening();
  }

  private void stopListening() {
    if (entryListener == null) {
      return;
    }
    UUID id = entryListener;
    entryListener = null;
    // Directly, not through calls: this also runs when the SharedObjects is closing.
    removeQuietly(() -> map.removeEntryListener(id));
  }

  private static void removeQuietly(Runnable removal) {
    boolean interrupted = Thread.interrupted();
    try {
      removal.run();
    } catch (RuntimeException e) {
      // Unreachable or shut down: a closed client or member has no listeners left anyway.
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Hands every change of the entry to {@code seen}, then wakes the waiting threads. */
  private final class Changes implements EntryAddedListener<String, V>, EntryUpdatedListener<String, V>,
      EntryRemovedListener<String, V>, EntryEvictedListener<String, V>, EntryExpiredListener<String, V> {
    @Override
    public void entryAdded(EntryEvent<String, V> event) {
      changed(event.getValue());
    }

    @Override
    public void entryUpdated(EntryEvent<String, V> event) {
      changed(event.getValue());
    }

    @Override
    public void entryRemoved(EntryEvent<String, V> event) {
      changed(null);
    }

    @Override
    public void entryEvicted(EntryEvent<String, V> event) {
      changed(null);
    }

    @Override
    public void entryExpired(EntryEvent<String, V> event) {
      changed(null);
    }

    private void changed(V value) {
      seen.accept(value);
      signal.changed();
    }
  }
}
