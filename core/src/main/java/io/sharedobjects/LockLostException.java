package io.sharedobjects;

/**
 * A lock's release could not be confirmed by the cluster (unreachable, no majority, no answer in time), so
 * the hold counts as lost: the calling thread no longer holds the lock in this process, its fencing token is
 * stale, and the cluster may already have given the lock to another holder (or will, when this process is
 * taken for dead). The thread's next acquisition is a fresh one with a new, larger token. If the cluster
 * still counts the hold, this process gives it back (map backend): in the background, trying every second
 * until the cluster answers, at the next acquisition attempt of the lock by any of its threads, and at close.
 * The cause says why the release failed.
 */
public class LockLostException extends ClusterUnavailableException {
  private static final long serialVersionUID = 1L;

  public LockLostException(String lockName, Throwable cause) {
    super("Lock '" + lockName + "' counts as lost: its release was not confirmed by the cluster ("
        + (cause == null ? "no answer" : cause.getMessage()) + "). This thread no longer holds it; whatever it"
        + " protected may be changed by another holder, and its fencing token is stale.", cause);
  }
}
