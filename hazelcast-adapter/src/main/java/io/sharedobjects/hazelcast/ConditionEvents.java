package io.sharedobjects.hazelcast;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent.LifecycleState;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import java.util.UUID;

/**
 * What this process knows of one map-based condition's waiters, and what wakes its threads waiting on it:
 * an entry listener on the condition's entry (with values, so a waiter sees it was signalled without a
 * further round trip), every fresh read, and for a client the loss of its connection, so a waiting thread
 * notices at once and fails within the connect timeout. Listening starts with the first wait and lasts
 * until {@link #close()}, so a condition nobody waits on in this process costs no events.
 *
 * <p>Only the newest state (by {@link ConditionWaiters#version()}) is kept: an event delivered late cannot
 * take it back. Thread-safe.
 */
final class ConditionEvents {

  private final IMap<String, Object> conditions;
  /** Reads a stored state, verified; throws if it fails. */
  private final java.util.function.Function<Object, ConditionWaiters> reader;
  private final String key;
  private final HazelcastInstance instance;
  private final boolean client;
  private final ChangeSignal signal = new ChangeSignal();
  private volatile ConditionWaiters latest = ConditionWaiters.NONE;
  /** False while a client is disconnected: waiting threads then re-check at once, to fail within the connect timeout. */
  private volatile boolean connected = true;
  private UUID entryListener;
  private UUID lifecycleListener;
  private boolean closed;

  ConditionEvents(ObjectContext context, IMap<String, Object> conditions, String key,
      java.util.function.Function<Object, ConditionWaiters> reader) {
    this.conditions = conditions;
    this.reader = reader;
    this.key = key;
    this.instance = context.instance();
    this.client = context.client();
  }

  ChangeSignal signal() {
    return signal;
  }

  /** The newest state of the waiters this process has seen; {@link ConditionWaiters#NONE} before any. */
  ConditionWaiters latest() {
    return latest;
  }

  /** False while this client is disconnected from the cluster (events may be lost meanwhile). */
  boolean connected() {
    return connected;
  }

  /** Whether events are coming, so {@link #latest()} is kept up to date. */
  synchronized boolean listening() {
    return entryListener != null;
  }

  /** Takes a state read or written by this process, or delivered by an event, if it is newer. */
  void offer(ConditionWaiters seen) {
    synchronized (this) {
      if (!seen.newerThan(latest)) {
        return;
      }
      latest = seen;
    }
    signal.changed();
  }

  /** Starts listening, if not yet: before a thread registers as a waiter, so no change after it is missed. */
  void listen(Calls calls) {
    synchronized (this) {
      if (entryListener != null || closed) {
        return;
      }
      entryListener = calls.call(() -> conditions.addEntryListener(new Changes(this), key, true));
      if (client) {
        lifecycleListener = instance.getLifecycleService().addLifecycleListener(event -> {
          if (event.getState() == LifecycleState.CLIENT_DISCONNECTED) {
            signal.changed();
          }
        });
      }
    }
  }

  /** Stops listening and wakes every waiting thread of this process, which then fails: its owner closed. */
  void close() {
    synchronized (this) {
      closed = true;
      if (entryListener != null) {
        UUID id = entryListener;
        entryListener = null;
        try {
          // Directly, not through calls: the SharedObjects is closing.
          conditions.removeEntryListener(id);
        } catch (RuntimeException e) {
          // Unreachable or shut down: a closed client's listeners are gone anyway.
        }
      }
      if (lifecycleListener != null) {
        try {
          instance.getLifecycleService().removeLifecycleListener(lifecycleListener);
        } catch (RuntimeException e) {
          // Shut down already.
        }
        lifecycleListener = null;
      }
    }
    signal.changed();
  }

  /** Passes every new state of the condition's entry on. */
  private record Changes(ConditionEvents events)
      implements EntryAddedListener<String, Object>, EntryUpdatedListener<String, Object> {

    @Override
    public void entryAdded(EntryEvent<String, Object> event) {
      changed(event.getValue());
    }

    @Override
    public void entryUpdated(EntryEvent<String, Object> event) {
      changed(event.getValue());
    }

    private void changed(Object stored) {
      ConditionWaiters seen;
      try {
        seen = events.reader.apply(stored);
      } catch (RuntimeException unverified) {
        // Not sealed with this key: the waiters' next read reports it.
        events.signal.changed();
        return;
      }
      events.offer(seen);
    }
  }
}
