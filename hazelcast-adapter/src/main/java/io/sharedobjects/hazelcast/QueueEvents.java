package io.sharedobjects.hazelcast;

import com.hazelcast.collection.IQueue;
import com.hazelcast.collection.ItemEvent;
import com.hazelcast.collection.ItemListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent.LifecycleState;
import java.util.UUID;

/**
 * What wakes the threads of this process that wait on one queue: the queue's item events (an element added
 * or removed, from any process), and for a client the loss of its connection, so a waiting call notices at
 * once and fails within the connect timeout. Listening starts with the first wait and lasts until {@link
 * #close()}, so a queue that never makes a thread wait costs no events.
 *
 * <p>Hazelcast drops every listener of a queue when any process destroys it, and events can be lost (a
 * client reconnecting). Waits are therefore bounded by a re-check, and a wait that ended without an event
 * although the queue had changed makes the next one listen anew ({@link #missedAChange()}). Thread-safe.
 */
final class QueueEvents {

  private final HazelcastInstance instance;
  private final boolean client;
  private final QueueCalls calls;
  private final ChangeSignal signal = new ChangeSignal();
  /** The queue proxy listened to, and the listener's id on it; null while not listening. */
  private IQueue<Object> listenedTo;
  private UUID itemListener;
  private UUID lifecycleListener;
  private boolean closed;

  QueueEvents(ObjectContext context, QueueCalls calls) {
    this.instance = context.instance();
    this.client = context.client();
    this.calls = calls;
  }

  /** The signal that waiting threads of this queue wait on; {@link #close()} signals it too. */
  ChangeSignal signal() {
    return signal;
  }

  /**
   * The signal's sequence, to wait for a change after it: read before looking at the queue, and after
   * listening to {@code queue} has begun, so no change after the look is missed.
   */
  long listen(IQueue<Object> queue) throws InterruptedException {
    synchronized (this) {
      if (listenedTo != queue && !closed) {
        stopListening();
        // Interrupted during its round trip, the listener may be registered all the same, unknown to this
        // process: it then lasts until the queue is destroyed or this client closes.
        itemListener = calls.callWaiting(() -> queue.addItemListener(new Changes(signal), false));
        listenedTo = queue;
        if (client && lifecycleListener == null) {
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

  /** The listener may be gone (the queue destroyed elsewhere, events lost): the next wait listens anew. */
  synchronized void missedAChange() {
    stopListening();
  }

  /** Stops listening and wakes every waiting thread, which then fails: its SharedObjects is closed. */
  void close() {
    synchronized (this) {
      closed = true;
      stopListening();
      if (lifecycleListener != null) {
        instance.getLifecycleService().removeLifecycleListener(lifecycleListener);
        lifecycleListener = null;
      }
    }
    signal.changed();
  }

  private void stopListening() {
    if (itemListener == null) {
      return;
    }
    IQueue<Object> queue = listenedTo;
    UUID id = itemListener;
    listenedTo = null;
    itemListener = null;
    // Directly, not through calls: this also runs when the SharedObjects is closing.
    boolean interrupted = Thread.interrupted();
    try {
      queue.removeItemListener(id);
    } catch (RuntimeException e) {
      // Unreachable or shut down: a destroyed queue or a closed client has no listeners left anyway.
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Signals every item added or removed. */
  private record Changes(ChangeSignal signal) implements ItemListener<Object> {
    @Override
    public void itemAdded(ItemEvent<Object> event) {
      signal.changed();
    }

    @Override
    public void itemRemoved(ItemEvent<Object> event) {
      signal.changed();
    }
  }
}
