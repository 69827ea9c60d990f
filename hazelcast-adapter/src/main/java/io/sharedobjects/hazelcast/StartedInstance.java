package io.sharedobjects.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import java.util.UUID;

/**
 * A running Hazelcast instance, ready for a {@link HazelcastSharedObjects}, as {@link EmbeddedStart}, {@link
 * ClientStart} or {@link #wrapping} hand it over.
 *
 * @param owned whether the {@link HazelcastSharedObjects} over it shuts it down on close
 * @param connectionListener the listener that feeds {@code connection} and must be removed on close, or
 *     null when there is none to remove (the instance is owned, or a member)
 */
record StartedInstance(
    HazelcastInstance instance,
    boolean owned,
    Settings settings,
    ConnectionState connection,
    UUID connectionListener) {

  /** An instance the caller started and will shut down, with its own cluster name in {@code settings}. */
  static StartedInstance wrapping(HazelcastInstance hazelcast, Settings settings) {
    AsyncExecutor.install();
    ConnectionState connection = new ConnectionState(hazelcast.getLifecycleService().isRunning());
    UUID listener = HazelcastInternals.isClient(hazelcast)
        ? hazelcast.getLifecycleService().addLifecycleListener(connection)
        : null;
    return new StartedInstance(hazelcast, false,
        settings.withClusterName(HazelcastInternals.clusterName(hazelcast)), connection, listener);
  }
}
