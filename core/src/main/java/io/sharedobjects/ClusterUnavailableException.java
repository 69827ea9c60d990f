package io.sharedobjects;

/**
 * The backend could not be reached within the configured time; the call had no effect that it can vouch
 * for. Retry later: the same {@link SharedObjects} keeps working once the cluster is reachable again.
 */
public class ClusterUnavailableException extends SharedObjectsException {
  private static final long serialVersionUID = 1L;

  public ClusterUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
