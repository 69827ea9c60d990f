package io.sharedobjects.hazelcast;

import io.sharedobjects.SharedObjectsException;

/**
 * A {@link SharedProcess}'s child did not finish its target: it failed, was killed, or is still running
 * after the time allowed. The message holds the end of its stderr.
 */
public class SharedProcessFailedException extends SharedObjectsException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  public SharedProcessFailedException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  /** The child's exit code, or -1 if it had not exited. */
  public int exitCode() {
    return exitCode;
  }
}
