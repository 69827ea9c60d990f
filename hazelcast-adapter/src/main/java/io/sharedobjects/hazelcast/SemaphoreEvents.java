package io.sharedobjects.hazelcast;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent.LifecycleState;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import java.util.UUID;

/**
 * What wakes the threads of this process that wait for a permit of one map-backed semaphore: the entry
 * every {@code release()} writes under the semaphore's name (its value the index of the permit released,
 * a hint of where to look first), a member leaving the cluster (its permits are freed when it is removed),
 * and for a client the loss of its connection, so a waiting call notices at once and fails within the
 * connect timeout. Listening starts with the first wait and lasts until {@link #close()}, so a semaphore
 * that never makes a thread wait costs no events.
 *
 * <p>A permit freed by its owner's death writes no entry, and events can be lost (a client reconnecting):
 * waiters therefore also look again after a bounded time ({@link MapSharedSemaphore#RECHECK_MILLIS}).
 * Thread-safe.
 */
final class SemaphoreEvents {

  private final HazelcastInstance instance;
  private final boolean client;
  private final IMap<String, Object> map;
  private final SealedState state;
  private final String name;
  private final Calls calls;
  private final ChangeSignal signal = new ChangeSignal();
  /** The index of the permit last seen released, where a waiter looks first; -1 before the first. */
  private volatile int lastReleased = -1;
  private UUID entryListener;
  private UUID membershipListener;
  private UUID lifecycleListener;
  private boolean closed;

  SemaphoreEvents(ObjectContext context, IMap<String, Object> map, SealedState state, String name, Calls calls) {
    this.instance = context.instance();
    this.client = context.client();
    this.map = map;
    this.state = state;
    this.name = name;
    this.calls = calls;
  }

  ChangeSignal signal() {
    return signal;
  }

  /** The index of the permit last seen released, or -1 if none was seen. */
  int lastReleased() {
    return lastReleased;
  }

  /**
   * Starts listening if not yet, and returns the signal's sequence, to wait for a change after it: read
   * before looking at the permits, so that no release after the look is missed.
   */
  long listen() {
    synchronized (this) {
      if (entryListener == null && !closed) {
        // Interrupted or failed during its round trip, the listener may be registered all the same, unknown
        // to this process: it then lasts until the map's listeners go with this client or member.
        entryListener = calls.call(() -> map.addEntryListener(new Released(), name, true));
        membershipListener = instance.getCluster().addMembershipListener(new MemberLeft());
        if (client) {
          lifecycleListener = instance.getLifecycleService().addLifecycleListener(event -> {
            if (event.getState() == LifecycleState.CLIENT_DISCONNECTED) {
              signal.changed();
            }
          });
        }
      }
    }
    return signal.sequence();
  }

  /** Stops listening and wakes every waiting thread, which then fails: its SharedObjects is closed. */
  void close() {
    synchronized (this) {
      closed = true;
      // Directly, not through calls: this runs while the SharedObjects is closing.
      try {
        if (entryListener != null) {
          map.removeEntryListener(entryListener);
        }
        if (membershipListener != null) {
          instance.getCluster().removeMembershipListener(membershipListener);
        }
        if (lifecycleListener != null) {
          instance.getLifecycleService().removeLifecycleListener(lifecycleListener);
        }
      } catch (RuntimeException e) {
        // Unreachable or shut down: a closed client or member has no listeners left anyway.
      }
      entryListener = null;
      membershipListener = null;
      lifecycleListener = null;
    }
    signal.changed();
  }

  /** Signals each release (added, updated) and the removal of the entry by {@code destroy()}. */
  private final class Released implements EntryAddedListener<String, Object>, EntryUpdatedListener<String, Object>,
      EntryRemovedListener<String, Object> {
    @Override
    public void entryAdded(EntryEvent<String, Object> event) {
      released(event.getValue());
    }

    @Override
    public void entryUpdated(EntryEvent<String, Object> event) {
      released(event.getValue());
    }

    @Override
    public void entryRemoved(EntryEvent<String, Object> event) {
      released(null);
    }

    private void released(Object stored) {
      Integer index;
      try {
        index = state.readInt(name, stored, "semaphore '" + name + "'");
      } catch (RuntimeException unverified) {
        // Not sealed with this key: no hint, but a look all the same (the permits are what counts).
        index = null;
      }
      if (index != null) {
        lastReleased = index;
      }
      signal.changed();
    }
  }

  /** A member that left held its permits until its removal, which frees them: look again. */
  private final class MemberLeft implements MembershipListener {
    @Override
    public void memberAdded(MembershipEvent event) {}

    @Override
    public void memberRemoved(MembershipEvent event) {
      signal.changed();
    }
  }
}
