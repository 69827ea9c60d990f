package io.sharedobjects.hazelcast;

/**
 * Hazelcast of a version this library cannot run on: outside the supported range on this process's class
 * path, or a member that cannot join its cluster because the cluster's members run another minor version
 * (open-source Hazelcast joins only members of the same one). Thrown at start, before anything is stored;
 * its message names the versions found and the one-line fix for Maven and Gradle. Extends {@link
 * IllegalStateException}: the build, not the cluster, is at fault.
 */
public class HazelcastVersionException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final String found;

  public HazelcastVersionException(String message, String found) {
    super(message);
    this.found = found;
  }

  /** The Hazelcast version on this process's class path, as Hazelcast reports it. */
  public String found() {
    return found;
  }
}
