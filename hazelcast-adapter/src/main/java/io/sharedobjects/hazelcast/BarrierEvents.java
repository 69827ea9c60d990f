package io.sharedobjects.hazelcast;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent.LifecycleState;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import java.util.UUID;

/**
 * What wakes the threads of this process that wait at one barrier: the events of its entry in {@value
 * MapSharedBarrier#BARRIERS_MAP} (every arrival, pass, break, reset and destroy, from any process), with
 * the state each carries, and for a client the loss of its connection, so a waiting call notices at once
 * and fails within the connect timeout. Listening starts with the first wait and lasts until {@link
 * #close()}: one registration per proxy, not one per wait.
 *
 * <p>Events for one key arrive in order, so {@link #latest()} is the newest state this process was told
 * of; it is a hint, never newer than the cluster, and events may be lost (a client reconnecting), so
 * waiters re-read the entry on a bounded re-check. Thread-safe.
 */
final class BarrierEvents {

  private final HazelcastInstance instance;
  private final boolean client;
  private final IMap<String, Object> barriers;
  private final String name;
  private final ChangeSignal signal = new ChangeSignal();
  private volatile Object latest;
  private UUID entryListener;
  private UUID lifecycleListener;
  private boolean closed;

  BarrierEvents(ObjectContext context, IMap<String, Object> barriers, String name) {
    this.instance = context.instance();
    this.client = context.client();
    this.barriers = barriers;
    this.name = name;
  }

  ChangeSignal signal() {
    return signal;
  }

  /**
   * The state the newest event carried as stored (sealed with an authKey: the reader verifies it), or null
   * (none yet, or the entry was removed).
   */
  Object latest() {
    return latest;
  }

  /**
   * Starts listening if this is the first wait; a remote call the first time, run through {@code calls}.
   * Call before reading the state a wait starts from, so no later change is missed.
   */
  void listen(Calls calls) {
    synchronized (this) {
      if (entryListener != null || closed) {
        return;
      }
      entryListener = calls.call(() -> barriers.addEntryListener(new Changes(), name, true));
      if (client) {
        lifecycleListener = instance.getLifecycleService().addLifecycleListener(event -> {
          if (event.getState() == LifecycleState.CLIENT_DISCONNECTED) {
            signal.changed();
          }
        });
      }
    }
  }

  /** Stops listening and wakes every waiting thread, which then fails: its SharedObjects is closed. */
  void close() {
    synchronized (this) {
      closed = true;
      // Directly, not through calls: this runs when the SharedObjects is closing.
      try {
        if (entryListener != null) {
          barriers.removeEntryListener(entryListener);
        }
        if (lifecycleListener != null) {
          instance.getLifecycleService().removeLifecycleListener(lifecycleListener);
        }
      } catch (RuntimeException e) {
        // Unreachable or shut down: a closed client or member has no listeners left anyway.
      }
      entryListener = null;
      lifecycleListener = null;
    }
    signal.changed();
  }

  /** Keeps the state each event carries and wakes the waiters. */
  private final class Changes implements EntryAddedListener<String, Object>, EntryUpdatedListener<String, Object>,
      EntryRemovedListener<String, Object> {

    @Override
    public void entryAdded(EntryEvent<String, Object> event) {
      changed(event.getValue());
    }

    @Override
    public void entryUpdated(EntryEvent<String, Object> event) {
      changed(event.getValue());
    }

    @Override
    public void entryRemoved(EntryEvent<String, Object> event) {
      changed(null);
    }

    private void changed(Object state) {
      latest = state;
      signal.changed();
    }
  }
}
