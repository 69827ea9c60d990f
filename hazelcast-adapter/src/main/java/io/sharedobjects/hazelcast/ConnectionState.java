package io.sharedobjects.hazelcast;

import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.core.LifecycleEvent.LifecycleState;
import com.hazelcast.core.LifecycleListener;

/** Tracks whether a client is connected, so calls can wait (bounded) for a reconnect instead of failing. */
final class ConnectionState implements LifecycleListener {

  private boolean connected;

  ConnectionState(boolean connected) {
    this.connected = connected;
  }

  @Override
  public synchronized void stateChanged(LifecycleEvent event) {
    LifecycleState state = event.getState();
    if (state == LifecycleState.CLIENT_CONNECTED) {
      connected = true;
      notifyAll();
    } else if (state == LifecycleState.CLIENT_DISCONNECTED
        || state == LifecycleState.SHUTTING_DOWN
        || state == LifecycleState.SHUTDOWN) {
      connected = false;
      notifyAll();
    }
  }

  /** Whether the client is connected now; never waits. */
  synchronized boolean isConnected() {
    return connected;
  }

  /** Waits until connected or the deadline ({@link System#nanoTime()}) passes; returns whether connected. */
  synchronized boolean awaitConnected(long deadlineNanos) {
    boolean interrupted = false;
    try {
      while (!connected) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        try {
          wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          interrupted = true;
          return connected;
        }
      }
      return true;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
